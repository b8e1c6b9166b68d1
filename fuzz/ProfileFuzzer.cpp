//===- fuzz/ProfileFuzzer.cpp - libFuzzer target: a conc-probe profile -----===//
//
// Profiles come back from users (--profile), edited, truncated or from
// another version (core/ProbeData.h): any text gives a profile or an error,
// and what parses survives the deterministic writer (fuzz/RoundTrip.h).
//
//===----------------------------------------------------------------------===//
#include "core/ProbeData.h"
#include "fuzz/RoundTrip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  return conc::fuzzRoundTrip(Data, Size, conc::parseProfile, conc::profileToYaml);
}
