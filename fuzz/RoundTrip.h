//===- fuzz/RoundTrip.h - The parse / write / parse oracle of the fuzzers --===//
//
// For a format with a parser and a deterministic writer: any text gives a
// value or an error (never a crash), and a value written out and parsed
// again gives the same bytes. abort() marks a violation for libFuzzer.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_FUZZ_ROUNDTRIP_H
#define CONC_FUZZ_ROUNDTRIP_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace conc {

template <typename Parse, typename Write>
int fuzzRoundTrip(const uint8_t *Data, size_t Size, Parse ParseText, Write WriteText) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto Parsed = ParseText(Text, "fuzz.yaml");
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return 0;
  }
  std::string Written = WriteText(*Parsed);
  auto Again = ParseText(Written, "rewritten.yaml");
  if (!Again) {
    llvm::consumeError(Again.takeError());
    abort(); // the writer wrote what the parser rejects
  }
  if (WriteText(*Again) != Written)
    abort(); // the round trip changed the value
  return 0;
}

} // namespace conc

#endif
