//===- checks/AdviceLockSerializesCheck.cpp - conc-advice-lock-serializes --===//
//
// Threads that may run in several instances, whose CPU-bound work (its
// strongest evidence: the loop nests, the CPU-heavy calls) all runs with one
// lock held: only one of them computes at a time, so adding threads adds
// nothing but waiting. The lock held at a piece of work is the one held
// where it is (a lock_guard around the loop) or at every call of the
// function that does it.
//
//===----------------------------------------------------------------------===//
#include "checks/AdviceLockSerializesCheck.h"

#include "checks/AdviceSupport.h"
#include "checks/WorkloadNotes.h"
#include "model/ProgramModel.h"

#include <algorithm>
#include <iterator>
#include <optional>

namespace conc {

/// The locks held at every call of `Usr` (none when nothing calls it).
static std::vector<std::string> locksAtEveryCall(const ProgramModel &Model,
                                                 const std::string &Usr) {
  std::optional<std::vector<std::string>> Meet;
  for (const CallFact &C : Model.calls()) {
    if (C.CalleeUsr != Usr)
      continue;
    if (!Meet) {
      Meet = C.Locks;
      continue;
    }
    std::vector<std::string> Both;
    std::set_intersection(Meet->begin(), Meet->end(), C.Locks.begin(), C.Locks.end(),
                          std::back_inserter(Both));
    Meet = std::move(Both);
  }
  return Meet ? *Meet : std::vector<std::string>();
}

void AdviceLockSerializesCheck::concludeProgram(const ProgramModel &Model) {
  WorkloadClassifier Classifier(Model);
  for (const ThreadStartFact &S : threadSites(Model)) {
    if (S.EntryUsr.empty())
      continue;
    const ThreadContext *Context = nullptr;
    for (const ThreadContext &C : Model.contexts())
      if (!C.IsMain && C.EntryUsr == S.EntryUsr)
        Context = &C;
    if (!Context || !Context->Many)
      continue;
    Workload W = Classifier.classifyThreadStart(S);
    if (W.Class != WorkloadClass::Cpu)
      continue;
    std::optional<std::vector<std::string>> Common;
    const WorkloadEvidence *First = nullptr;
    for (const WorkloadEvidence &E : W.Evidence) {
      if (!E.Cpu || E.Weight < W.CpuWeight)
        continue;
      std::vector<std::string> Held = E.Locks, Callers = locksAtEveryCall(Model, E.FunctionUsr);
      std::vector<std::string> All;
      std::set_union(Held.begin(), Held.end(), Callers.begin(), Callers.end(),
                     std::back_inserter(All));
      if (!Common) {
        Common = std::move(All);
        First = &E;
        continue;
      }
      std::vector<std::string> Both;
      std::set_intersection(Common->begin(), Common->end(), All.begin(), All.end(),
                            std::back_inserter(Both));
      Common = std::move(Both);
    }
    if (!Common || Common->empty() || !First)
      continue;
    const VariableFact *Lock = Model.variable(Common->front());
    std::string LockName = Lock ? Lock->Name : ProgramModel::readableName(Common->front());
    Finding &F = report(
        S.Where, "the threads started here run " + quotedFunction(Model, S.EntryUsr) +
                     ", whose CPU-bound work runs with '" + LockName +
                     "' held: several of them run at once but only one can hold it, so they "
                     "take turns instead of computing in parallel; compute outside the lock "
                     "and hold it only to read the input and publish the result");
    if (Lock)
      F.Notes.push_back({Lock->Where, "'" + LockName + "' is declared here"});
    addWorkloadNotes(F, W, "the work of each thread");
    F.Properties["lock"] = LockName;
  }
}

} // namespace conc
