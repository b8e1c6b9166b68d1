//===- fuzz/CompileDatabaseFuzzer.cpp - libFuzzer target: compile_commands.json
//
// Build systems and hand edits produce compile databases; any text must give
// entries or an error naming the line. Entries it accepts are absolute and
// have a compiler, which the analyzer relies on.
//
//===----------------------------------------------------------------------===//
#include "tool/CompileDatabase.h"

#include "llvm/Support/Path.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto Entries = conc::parseCompileDatabase(Text, "/fuzz/compile_commands.json");
  if (!Entries) {
    llvm::consumeError(Entries.takeError());
    return 0;
  }
  for (const conc::CompileEntry &E : *Entries) {
    if (E.Arguments.empty())
      abort(); // an entry without a command
    if (!llvm::sys::path::is_absolute(E.File) || !llvm::sys::path::is_absolute(E.Directory))
      abort(); // the header promises absolute paths
  }
  // Selecting every entry sorts and dedupes them: exercise that too.
  auto All = conc::selectEntries(std::move(*Entries), {}, "/fuzz");
  if (!All)
    llvm::consumeError(All.takeError());
  return 0;
}
