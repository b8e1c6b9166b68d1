//===- tool/SourceTexts.h - The text of the files findings point into -----===//
//
// NOLINT comments, fix-its and baseline fingerprints all need the text of a
// finding's file after the analysis; each file is read once per run.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_SOURCETEXTS_H
#define CONC_TOOL_SOURCETEXTS_H

#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <string>

namespace conc {

class SourceTexts {
public:
  /// The file's bytes, or nullopt when it cannot be read.
  std::optional<llvm::StringRef> text(llvm::StringRef File);
  /// The byte offset of a 1-based line and column, or nullopt when the file
  /// is unreadable or shorter.
  std::optional<unsigned> offsetOf(llvm::StringRef File, unsigned Line, unsigned Column);
  /// The text of a 1-based line without its line break ("" past the end).
  std::string line(llvm::StringRef File, unsigned Line);

private:
  std::map<std::string, std::optional<std::string>, std::less<>> Files;
};

} // namespace conc

#endif
