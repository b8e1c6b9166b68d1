//===- tool/CrashGuard.cpp -------------------------------------------------===//
#include "tool/CrashGuard.h"

#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstring>
#include <mutex>

namespace conc {

/// The reason of the LLVM fatal error being handled on this thread.
static thread_local std::string FatalErrorReason;

/// report_fatal_error would exit the process. Inside a contained unit, note
/// the reason and unwind to runContained instead (Process::Exit does that
/// when a CrashRecoveryContext is active); elsewhere keep LLVM's behaviour.
static void onFatalError(void *, const char *Reason, bool) {
  if (!llvm::CrashRecoveryContext::GetCurrent()) {
    llvm::errs() << "LLVM ERROR: " << Reason << "\n";
    return; // report_fatal_error goes on to exit
  }
  FatalErrorReason = Reason;
  llvm::sys::Process::Exit(1);
}

std::string describeSignal(int Signal) {
  const char *Abbrev = sigabbrev_np(Signal);
  return "signal " + std::to_string(Signal) +
         (Abbrev ? " (SIG" + std::string(Abbrev) + ")" : std::string());
}

std::optional<std::string> runContained(llvm::function_ref<void()> Fn) {
  static std::once_flag Installed;
  std::call_once(Installed, [] {
    llvm::CrashRecoveryContext::Enable();
    llvm::install_fatal_error_handler(onFatalError);
  });
  FatalErrorReason.clear();
  llvm::CrashRecoveryContext Context;
  if (Context.RunSafely(Fn))
    return std::nullopt;
  if (!FatalErrorReason.empty())
    return "crashed: LLVM fatal error: " + FatalErrorReason;
  // CrashRecoveryContext reports a signal as 128 + its number.
  if (Context.RetCode > 128)
    return "crashed: " + describeSignal(Context.RetCode - 128);
  return "crashed: exit status " + std::to_string(Context.RetCode);
}

} // namespace conc
