//===- fuzz/RulesFuzzer.cpp - libFuzzer target: a rules YAML file ----------===//
//
// Users write rules files (--rules). Any text must give rules or an error
// naming the line: never a crash, a hang or a sanitizer report. Loading a
// file twice also exercises the duplicate checks across files.
//
//===----------------------------------------------------------------------===//
#include "core/Rules.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  conc::RuleSet Rules;
  if (llvm::Error E = conc::parseRules(Text, "fuzz.yaml", Rules)) {
    llvm::consumeError(std::move(E));
    return 0;
  }
  llvm::consumeError(conc::parseRules(Text, "again.yaml", Rules));
  return 0;
}
