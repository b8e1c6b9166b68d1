//===- tool/FaultInjection.cpp ---------------------------------------------===//
#include "tool/FaultInjection.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Path.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>

namespace conc {

/// The kinds CONC_ADVISOR_TEST_FAULT asks for on a file named `Name`.
static llvm::SmallVector<llvm::StringRef, 2> requestedFaults(llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef, 2> Kinds;
  const char *Spec = std::getenv("CONC_ADVISOR_TEST_FAULT");
  if (!Spec)
    return Kinds;
  llvm::SmallVector<llvm::StringRef, 4> Faults;
  llvm::StringRef(Spec).split(Faults, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Fault : Faults) {
    auto [Kind, File] = Fault.split(':');
    llvm::Expected<llvm::GlobPattern> Pattern = llvm::GlobPattern::create(File);
    if (!Pattern) {
      llvm::consumeError(Pattern.takeError());
      continue;
    }
    if (Pattern->match(Name))
      Kinds.push_back(Kind);
  }
  return Kinds;
}

void injectTestFault(llvm::StringRef MainFile) {
  for (llvm::StringRef Kind : requestedFaults(llvm::sys::path::filename(MainFile))) {
    if (Kind == "segv")
      std::raise(SIGSEGV);
    else if (Kind == "abort")
      std::abort();
    else if (Kind == "fatal")
      llvm::report_fatal_error("injected by CONC_ADVISOR_TEST_FAULT");
    else if (Kind == "hang")
      for (;;)
        std::this_thread::sleep_for(std::chrono::seconds(1));
    else if (Kind == "kill")
      std::raise(SIGKILL);
  }
}

void injectWriteFault(llvm::StringRef Stage, llvm::StringRef Path) {
  for (llvm::StringRef Kind : requestedFaults(llvm::sys::path::filename(Path)))
    if (Kind == Stage)
      std::raise(SIGKILL);
}

} // namespace conc
