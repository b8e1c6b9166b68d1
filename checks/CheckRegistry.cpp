//===- checks/CheckRegistry.cpp --------------------------------------------===//
#include "checks/CheckRegistry.h"

#include "checks/AsyncDefaultPolicyCheck.h"
#include "checks/DetachedThreadCaptureCheck.h"
#include "checks/ForkInThreadedProgramCheck.h"
#include "checks/MtUnsafeCallCheck.h"
#include "checks/ProcessSiteCheck.h"
#include "checks/SharedStateCheck.h"
#include "checks/ThreadSiteCheck.h"

#include "llvm/ADT/StringExtras.h"

namespace conc {

template <typename C> static std::unique_ptr<ConcCheck> make(CheckContext &Ctx) {
  return std::make_unique<C>(Ctx);
}

// Sorted by id (test/unit/CheckRegistryTest.cpp enforces it).
static const CheckInfo Checks[] = {
    {AsyncDefaultPolicyCheck::Id,
     "std::async without a launch policy: the task may be deferred, not run in parallel",
     Severity::Warning, make<AsyncDefaultPolicyCheck>},
    {DetachedThreadCaptureCheck::Id,
     "a detached thread that refers to a local or to 'this', which it may outlive",
     Severity::Warning, make<DetachedThreadCaptureCheck>},
    {ForkInThreadedProgramCheck::Id,
     "fork while other threads may run, with a child that makes calls that are not "
     "async-signal-safe before exec",
     Severity::Warning, make<ForkInThreadedProgramCheck>, /*WholeProgram=*/true},
    {MtUnsafeCallCheck::Id,
     "a call of a function that is not thread-safe from code several threads may run at "
     "once",
     Severity::Warning, make<MtUnsafeCallCheck>, /*WholeProgram=*/true},
    {ProcessSiteCheck::Id, "every creation of a process (fork, spawn, exec, system)",
     Severity::Note, make<ProcessSiteCheck>},
    {SharedStateCheck::Id,
     "mutable state two threads reach, one writing, with no lock in common",
     Severity::Warning, make<SharedStateCheck>, /*WholeProgram=*/true},
    {ThreadSiteCheck::Id,
     "every creation of a thread, task, thread pool or OpenMP team",
     Severity::Note, make<ThreadSiteCheck>},
};

llvm::ArrayRef<CheckInfo> allChecks() { return Checks; }

bool globMatch(llvm::StringRef Pattern, llvm::StringRef Text) {
  // Iterative '*' matching with backtracking to the last star.
  size_t P = 0, T = 0, Star = llvm::StringRef::npos, Mark = 0;
  while (T < Text.size()) {
    if (P < Pattern.size() && Pattern[P] == '*') {
      Star = P++;
      Mark = T;
    } else if (P < Pattern.size() && Pattern[P] == Text[T]) {
      ++P;
      ++T;
    } else if (Star != llvm::StringRef::npos) {
      P = Star + 1;
      T = ++Mark;
    } else {
      return false;
    }
  }
  while (P < Pattern.size() && Pattern[P] == '*')
    ++P;
  return P == Pattern.size();
}

llvm::Expected<CheckFilter> CheckFilter::parse(llvm::StringRef Globs,
                                               llvm::StringRef Origin) {
  CheckFilter F;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Globs.split(Parts, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (Part.empty())
      continue;
    bool Positive = !Part.consume_front("-");
    Part = Part.trim();
    if (Part.empty() || !llvm::all_of(Part, [](char C) {
          return llvm::isAlnum(C) || C == '-' || C == '_' || C == '*' || C == '.';
        }))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "invalid check glob '" + Part.str() +
                                         "' in " + Origin.str() + Globs.str());
    F.Globs.push_back({Positive, Part.str()});
  }
  return F;
}

bool CheckFilter::isEnabled(llvm::StringRef Id) const {
  bool Enabled = false;
  for (const Glob &G : Globs)
    if (globMatch(G.Pattern, Id))
      Enabled = G.Positive;
  return Enabled;
}

std::string docsPath(llvm::StringRef Id) {
  return "docs/checks/" + Id.str() + ".md";
}

} // namespace conc
