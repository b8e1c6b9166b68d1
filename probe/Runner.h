//===- probe/Runner.h - Run a program under the preload library ------------===//
#ifndef CONC_PROBE_RUNNER_H
#define CONC_PROBE_RUNNER_H

#include "core/ProbeData.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace conc {

struct RunOutcome {
  int Pid = 0;
  ProgramExit Exit;
};

/// Runs `Argv` (searched in PATH like a shell does) with `PreloadLibrary`
/// added to LD_PRELOAD and CONC_PROBE_RECORDS set to `RecordsPath`, with the
/// terminal, stdin, stdout and stderr of conc-probe. SIGINT and SIGQUIT reach
/// the program from the terminal as they would without conc-probe;
/// SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 sent to conc-probe are forwarded.
/// Errors are conc-probe's own (the program could not be started).
llvm::Expected<RunOutcome> runWithPreload(const std::vector<std::string> &Argv,
                                          llvm::StringRef PreloadLibrary,
                                          llvm::StringRef RecordsPath);

/// Ends conc-probe the way the program ended: the same exit status, or the
/// same signal (without a core dump of conc-probe itself).
[[noreturn]] void exitLike(const ProgramExit &Exit);

} // namespace conc

#endif
