//===- tool/FaultInjection.cpp ---------------------------------------------===//
#include "tool/FaultInjection.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/Path.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>

namespace conc {

void injectTestFault(llvm::StringRef MainFile) {
  const char *Spec = std::getenv("CONC_ADVISOR_TEST_FAULT");
  if (!Spec)
    return;
  llvm::StringRef Name = llvm::sys::path::filename(MainFile);
  llvm::SmallVector<llvm::StringRef, 4> Faults;
  llvm::StringRef(Spec).split(Faults, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Fault : Faults) {
    auto [Kind, File] = Fault.split(':');
    if (File != Name)
      continue;
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

} // namespace conc
