//===- checks/AdviceThreadPerTaskCheck.cpp - conc-advice-thread-per-task ---===//
//
// A thread started once per item of a loop (a range-for over work, a
// serving while-loop, a counted loop up to a container's size) pays thread
// creation for every item and runs as many threads as there are items. A
// counted loop up to a constant or a worker count starts a fixed set of
// workers: that is the pool pattern, not reported. Sites whose work waits
// on sockets are left to conc-advice-blocking-io-threads.
//
//===----------------------------------------------------------------------===//
#include "checks/AdviceThreadPerTaskCheck.h"

#include "checks/AdviceSupport.h"
#include "checks/WorkloadNotes.h"
#include "model/ProgramModel.h"

namespace conc {

void AdviceThreadPerTaskCheck::concludeProgram(const ProgramModel &Model) {
  WorkloadClassifier Classifier(Model);
  for (const ThreadStartFact &S : threadSites(Model)) {
    if (threadApiKind(rules(), S.Api) != "thread")
      continue;
    const SiteLoopFact *Loop = siteLoopAt(Model, S.Where);
    if (!Loop || !Loop->PerItem)
      continue;
    Workload W = Classifier.classifyThreadStart(S);
    if (W.Class == WorkloadClass::Io && hasEvidenceOfKind(W, {"socket", "poll"}))
      continue; // conc-advice-blocking-io-threads says more
    std::string Per = Loop->Shape == "while" ? "every iteration of this loop (a request, a "
                                               "connection, a message)"
                                             : "every item of this loop";
    std::string Entry = S.EntryUsr.empty() ? "its function" : quotedFunction(Model, S.EntryUsr);
    std::string Message = "'" + S.Api + "' starts a new thread for " + Per + " to run " +
                          Entry + ", so the loop pays a thread creation per item and runs as "
                                  "many threads as there are items; ";
    switch (W.Class) {
    case WorkloadClass::Cpu:
      Message += "the work looks CPU-bound: start a fixed pool of about one thread per core "
                 "once and submit each item to it as a task";
      break;
    case WorkloadClass::Io:
      Message += "the work looks I/O-bound: reuse threads from a pool sized by how many "
                 "items may wait at once, or use asynchronous I/O";
      break;
    default:
      Message += "reuse threads from a pool sized by the work (about one per core for "
                 "CPU-bound work, more for work that waits)";
      break;
    }
    Finding &F = report(S.Where, Message);
    F.Notes.push_back({Loop->Loop, "the loop is here"});
    addWorkloadNotes(F, W, "the work of each thread");
    F.Properties["api"] = S.Api;
    F.Properties["loop-shape"] = Loop->Shape;
  }
}

} // namespace conc
