//===- probe/ProbeCommands.h - conc-probe's subcommands --------------------===//
//
// `conc-probe run`, `conc-probe hardware` and `conc-probe confirm`, each a
// function of its arguments and output streams so that main() stays a
// dispatcher. Exit status 2 is conc-probe's own usage or input error (with a
// message naming the file); `run` otherwise exits as the program did.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_PROBE_PROBECOMMANDS_H
#define CONC_PROBE_PROBECOMMANDS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace conc {

struct RuleSet;

constexpr int ProbeUsageError = 2;

struct ProbeContext {
  const char *Argv0;
  llvm::raw_ostream &Out;
  llvm::raw_ostream &Err;
};

int probeRun(const ProbeContext &Ctx, llvm::ArrayRef<std::string> Args);
int probeHardware(const ProbeContext &Ctx, llvm::ArrayRef<std::string> Args);
int probeConfirm(const ProbeContext &Ctx, llvm::ArrayRef<std::string> Args);

/// Reports a usage or input error ("conc-probe: error: ...") and returns 2.
int probeError(const ProbeContext &Ctx, const llvm::Twine &Msg);

/// This binary's directory's sibling `Sub`/`Name` (build/bin/conc-probe ->
/// build/lib/libconc-probe-preload.so).
std::string besideBinary(const char *Argv0, llvm::StringRef Sub, llvm::StringRef Name);

/// The rules the analyzer would load: the built-in ones (installed beside
/// the binary, else the source tree's) and any `Extra` files.
llvm::Expected<RuleSet> loadProbeRules(const char *Argv0,
                                              const std::vector<std::string> &Extra);

} // namespace conc

#endif
