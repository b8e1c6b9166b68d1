//===- fuzz/HardwareFuzzer.cpp - libFuzzer target: a hardware description --===//
//
// Hardware files come back from users (--hardware), edited, truncated or
// from another version (core/ProbeData.h): any text gives a description or
// an error, and what parses survives the deterministic writer
// (fuzz/RoundTrip.h).
//
//===----------------------------------------------------------------------===//
#include "core/ProbeData.h"
#include "fuzz/RoundTrip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  return conc::fuzzRoundTrip(Data, Size, conc::parseHardware, conc::hardwareToYaml);
}
