//===- probe/SiteSymbolizer.h - Return addresses to the program's source line -===//
//
// The preload library records raw return addresses; this turns them into the
// file:line a static site has, in conc-probe rather than in the traced
// program (no symbolizer, no debug info reading, no allocation there). It
// reads each module's debug info through LLVM's symbolizer library.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_PROBE_SITESYMBOLIZER_H
#define CONC_PROBE_SITESYMBOLIZER_H

#include "llvm/DebugInfo/Symbolize/Symbolize.h"

#include <cstdint>
#include <string>
#include <vector>

namespace conc {

/// A code range of one loaded module, as the preload library saw it.
struct LoadedModule {
  uint64_t Bias = 0; ///< Runtime address - file address.
  uint64_t Start = 0, End = 0;
  std::string Path;
};

/// Where a creation call was made, in the program's own sources.
struct SourceSite {
  std::string File; ///< Absolute path; the module's path when no source was found.
  unsigned Line = 0; ///< 0 when no frame had line information.
  std::string Function;
};

class SiteSymbolizer {
public:
  SiteSymbolizer();

  /// The first frame (innermost first, inlined frames included) that lies
  /// in the program's own code: not in the preload library, not in a system
  /// library (libc, libstdc++, ld.so), not in a system header (std::thread's
  /// constructor template is inlined into the caller from <thread>).
  SourceSite resolve(const std::vector<uint64_t> &Addrs,
                     const std::vector<LoadedModule> &Modules);

  /// Whether code from `ModulePath` or source `File` is the system's rather
  /// than the program's.
  static bool isSystemModule(llvm::StringRef ModulePath);
  static bool isSystemSource(llvm::StringRef File);

private:
  llvm::symbolize::LLVMSymbolizer Symbolizer;
};

} // namespace conc

#endif
