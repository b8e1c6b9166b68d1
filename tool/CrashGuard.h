//===- tool/CrashGuard.h - Contain a crash inside one translation unit -----===//
//
// A Clang crash on one unusual unit must not lose the report of a thousand
// others. runContained runs a unit's analysis under an
// llvm::CrashRecoveryContext: a signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL,
// SIGABRT from a failed assertion) or an LLVM fatal error in that thread
// returns here with a reason instead of ending the process. What the crashed
// analysis allocated is leaked; the rest of the run is unaffected, because
// units share nothing mutable but the rules, which they only read.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_CRASHGUARD_H
#define CONC_TOOL_CRASHGUARD_H

#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>
#include <string>

namespace conc {

/// Runs `Fn`; nullopt when it returned normally, else why it crashed, e.g.
/// "crashed: signal 11 (SIGSEGV)" or "crashed: LLVM fatal error: ...".
std::optional<std::string> runContained(llvm::function_ref<void()> Fn);

/// "signal 11 (SIGSEGV)".
std::string describeSignal(int Signal);

} // namespace conc

#endif
