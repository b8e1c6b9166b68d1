//===- fuzz/CacheEntryFuzzer.cpp - libFuzzer target: a --facts-dir cache entry
//
// A cache entry on disk may be anything (tool/UnitCache.h). parseCacheEntry
// must reject it or return an entry, never crash. Random bytes almost never
// carry a valid checksum, so each input is also tried as the body of an
// entry with its correct checksum appended: that reaches the YAML reading
// behind the checksum.
//
//===----------------------------------------------------------------------===//
#include "tool/UnitCache.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  (void)conc::parseCacheEntry(Text);

  std::string Body = Text.str();
  if (!Body.empty() && Body.back() != '\n')
    Body += '\n';
  std::string Signed = Body + "checksum: " +
                       llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(Body)),
                                   /*LowerCase=*/true) +
                       "\n";
  (void)conc::parseCacheEntry(Signed);
  return 0;
}
