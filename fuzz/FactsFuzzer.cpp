//===- fuzz/FactsFuzzer.cpp - libFuzzer target: a facts file ---------------===//
//
// Facts files come from --facts-dir, possibly stale, truncated or written
// elsewhere. readFacts promises facts or an error for any text. Facts it
// accepts must survive the canonical writer: written and read back, they
// give the same bytes again (the cache's identity depends on it).
//
//===----------------------------------------------------------------------===//
#include "model/FactsIO.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto Facts = conc::readFacts(Text, "fuzz.facts.yaml");
  if (!Facts) {
    llvm::consumeError(Facts.takeError());
    return 0;
  }
  std::string Written = conc::writeFacts(*Facts);
  auto Again = conc::readFacts(Written, "rewritten.facts.yaml");
  if (!Again) {
    llvm::consumeError(Again.takeError());
    abort(); // the writer wrote what the reader rejects
  }
  if (conc::writeFacts(*Again) != Written)
    abort(); // the round trip changed the facts
  return 0;
}
