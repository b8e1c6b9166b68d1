//===- tool/CompileDatabase.h - Reading compile_commands.json --------------===//
//
// Our own reader rather than clang::tooling::JSONCompilationDatabase, because
// users need errors that point at the line of a broken entry, and an
// unreadable database must stop the run with a message, not parse nothing.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_COMPILEDATABASE_H
#define CONC_TOOL_COMPILEDATABASE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace conc {

struct CompileEntry {
  std::string Directory;              ///< absolute
  std::string File;                   ///< absolute, normalized
  std::vector<std::string> Arguments; ///< argv, compiler first
};

/// Parses JSON text; a syntax error names `Name`:LINE:COL (any JSON input
/// file: compile databases, SARIF baselines).
llvm::Expected<llvm::json::Value> parseJsonFile(llvm::StringRef Text, llvm::StringRef Name);

/// Parses the text of a compile_commands.json; `Name` is used in messages
/// ("NAME:LINE: message"). Both "command" and "arguments" forms; relative
/// "directory" (against the database's own directory) and "file".
llvm::Expected<std::vector<CompileEntry>>
parseCompileDatabase(llvm::StringRef Text, llvm::StringRef Name);

/// Reads DIR/compile_commands.json (or the file itself if a file is given).
llvm::Expected<std::vector<CompileEntry>> loadCompileDatabase(llvm::StringRef Path);

/// One command per file from the arguments after `--` (clang-tidy's fixed
/// compilation database).
std::vector<CompileEntry> fixedCompileDatabase(llvm::ArrayRef<std::string> Files,
                                               llvm::ArrayRef<std::string> Args);

/// The entries for the named files, in the order named; an error names the
/// first file the database does not know. No names: every entry, sorted by
/// file, duplicates (same file, same arguments) removed.
llvm::Expected<std::vector<CompileEntry>>
selectEntries(std::vector<CompileEntry> All, llvm::ArrayRef<std::string> Files,
              llvm::StringRef DatabaseName);

/// Makes `Path` absolute against `Base` (or the current directory) and
/// removes "." and ".." components.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base = "");

} // namespace conc

#endif
