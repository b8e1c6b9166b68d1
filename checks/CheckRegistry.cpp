//===- checks/CheckRegistry.cpp --------------------------------------------===//
#include "checks/CheckRegistry.h"

#include "checks/AdviceBlockingIoThreadsCheck.h"
#include "checks/AdviceGilHeldCheck.h"
#include "checks/AdviceLockSerializesCheck.h"
#include "checks/AdviceOversubscriptionCheck.h"
#include "checks/AdviceProcessForCpuCheck.h"
#include "checks/AdviceProcessForIoCheck.h"
#include "checks/AdviceThreadPerTaskCheck.h"
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
    {AdviceBlockingIoThreadsCheck::Id,
     "a thread per connection or request that mostly waits on sockets: an event loop "
     "serves many from a few threads",
     Severity::Warning, make<AdviceBlockingIoThreadsCheck>, /*WholeProgram=*/true},
    {AdviceGilHeldCheck::Id,
     "C++ inside CPython (extensions, pybind11, nanobind): CPU-bound or blocking work with "
     "the GIL held, and threads that call into Python without taking it",
     Severity::Warning, make<AdviceGilHeldCheck>, /*WholeProgram=*/true},
    {AdviceLockSerializesCheck::Id,
     "CPU-bound threads whose work runs under one shared lock, so they take turns",
     Severity::Warning, make<AdviceLockSerializesCheck>, /*WholeProgram=*/true},
    {AdviceOversubscriptionCheck::Id,
     "more CPU-bound threads than cores: nested parallel regions, constant or per-core "
     "thread counts",
     Severity::Warning, make<AdviceOversubscriptionCheck>, /*WholeProgram=*/true},
    {AdviceProcessForCpuCheck::Id,
     "a forked process for CPU-bound work that threads would run in parallel at less cost",
     Severity::Warning, make<AdviceProcessForCpuCheck>, /*WholeProgram=*/true},
    {AdviceProcessForIoCheck::Id,
     "a process per I/O-bound task where a thread or asynchronous I/O would do",
     Severity::Warning, make<AdviceProcessForIoCheck>, /*WholeProgram=*/true},
    {AdviceThreadPerTaskCheck::Id,
     "a thread created per item or request (in a loop or a request handler): use a pool "
     "sized by the work",
     Severity::Warning, make<AdviceThreadPerTaskCheck>, /*WholeProgram=*/true},
    {AsyncDefaultPolicyCheck::Id,
     "std::async without a launch policy: the task may be deferred, not run in parallel",
     Severity::Warning, make<AsyncDefaultPolicyCheck>},
    {DetachedThreadCaptureCheck::Id,
     "a detached thread that refers to a local or to 'this', which it may outlive",
     Severity::Warning, make<DetachedThreadCaptureCheck>, /*WholeProgram=*/false,
     DetachedThreadCaptureCheck::Options},
    {ForkInThreadedProgramCheck::Id,
     "fork while other threads may run, with a child that makes calls that are not "
     "async-signal-safe before exec",
     Severity::Warning, make<ForkInThreadedProgramCheck>, /*WholeProgram=*/true},
    {MtUnsafeCallCheck::Id,
     "a call of a function that is not thread-safe from code several threads may run at "
     "once",
     Severity::Warning, make<MtUnsafeCallCheck>, /*WholeProgram=*/true,
     MtUnsafeCallCheck::Options},
    // Site checks are whole-program: their findings carry the workload class
    // of what each site launches, which needs the call graph.
    {ProcessSiteCheck::Id, "every creation of a process (fork, spawn, exec, system)",
     Severity::Note, make<ProcessSiteCheck>, /*WholeProgram=*/true},
    {SharedStateCheck::Id,
     "mutable state two threads reach, one writing, with no lock in common",
     Severity::Warning, make<SharedStateCheck>, /*WholeProgram=*/true},
    {ThreadSiteCheck::Id,
     "every creation of a thread, task, thread pool or OpenMP team",
     Severity::Note, make<ThreadSiteCheck>, /*WholeProgram=*/true},
};

llvm::ArrayRef<CheckInfo> allChecks() { return Checks; }

const CheckInfo *findCheck(llvm::StringRef Id) {
  for (const CheckInfo &C : Checks)
    if (Id == C.Id)
      return &C;
  return nullptr;
}

llvm::Error validateOptionValue(const CheckOptionInfo &O, llvm::StringRef Value) {
  switch (O.Kind) {
  case CheckOptionInfo::Type::Boolean:
    if (Value == "true" || Value == "false")
      return llvm::Error::success();
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "expected true or false, not '" + Value.str() + "'");
  case CheckOptionInfo::Type::Unsigned: {
    unsigned N;
    if (!Value.trim().getAsInteger(10, N))
      return llvm::Error::success();
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "expected a non-negative whole number, not '" +
                                       Value.str() + "'");
  }
  case CheckOptionInfo::Type::List:
    return llvm::Error::success();
  }
  return llvm::Error::success();
}

std::vector<std::string> splitOptionList(llvm::StringRef Value) {
  std::vector<std::string> Out;
  while (!Value.empty()) {
    size_t End = Value.find_first_of(";,");
    llvm::StringRef Part = Value.take_front(End).trim();
    if (!Part.empty())
      Out.push_back(Part.str());
    Value = End == llvm::StringRef::npos ? "" : Value.drop_front(End + 1);
  }
  return Out;
}

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
