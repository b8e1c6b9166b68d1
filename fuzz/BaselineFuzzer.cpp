//===- fuzz/BaselineFuzzer.cpp - libFuzzer target: a --baseline SARIF file -===//
//
// A baseline is whatever an earlier CI job left behind (tool/Baseline.h):
// truncated, from another tool, edited by hand. Any bytes give the set of
// fingerprints or an error naming the file; a fingerprint is never empty
// unless the report said so, and reading is a pure function of the text.
//
//===----------------------------------------------------------------------===//
#include "tool/Baseline.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto Prints = conc::parseBaseline(Text, "fuzz.sarif");
  auto Again = conc::parseBaseline(Text, "fuzz.sarif");
  if (bool(Prints) != bool(Again))
    abort(); // the same text read two ways
  if (!Prints) {
    std::string First = llvm::toString(Prints.takeError());
    std::string Second = llvm::toString(Again.takeError());
    // Every error names the file it is about.
    if (First != Second || llvm::StringRef(First).find("fuzz.sarif") == llvm::StringRef::npos)
      abort();
    return 0;
  }
  if (*Prints != *Again)
    abort();
  return 0;
}
