//===- checks/AdviceProcessForIoCheck.cpp - conc-advice-process-for-io -----===//
//
// A process forked per task (in a loop) whose child mostly waits: the cost
// of fork (copying page tables, a new process per task) buys nothing a
// thread or asynchronous I/O would not give. Silent when the child execs
// another program (then a process is the point), and when the child calls
// functions that are not thread-safe (isolation is the evident purpose).
//
//===----------------------------------------------------------------------===//
#include "checks/AdviceProcessForIoCheck.h"

#include "checks/AdviceSupport.h"
#include "checks/WorkloadNotes.h"
#include "model/ProgramModel.h"

namespace conc {

void AdviceProcessForIoCheck::concludeProgram(const ProgramModel &Model) {
  WorkloadClassifier Classifier(Model);
  std::set<SourcePoint> Seen;
  for (const ProcessStartFact &P : Model.processStarts()) {
    if (P.Kind != "fork" || !P.Many || !Seen.insert(P.Where).second)
      continue;
    Workload W = Classifier.classifyProcessStart(P);
    if (W.Class != WorkloadClass::Io || !childUnsafeCalls(Model, P).empty())
      continue;
    Finding &F = report(P.Where,
                        "'" + P.Api + "' starts a process per task of this loop for work that "
                        "mostly waits; a thread per task (or asynchronous I/O) waits as well "
                        "without creating a process each time");
    if (const SiteLoopFact *Loop = siteLoopAt(Model, P.Where))
      F.Notes.push_back({Loop->Loop, "the loop is here"});
    addWorkloadNotes(F, W, "the child's work");
    F.Properties["api"] = P.Api;
  }
}

} // namespace conc
