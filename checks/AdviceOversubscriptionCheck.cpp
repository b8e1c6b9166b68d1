//===- checks/AdviceOversubscriptionCheck.cpp - conc-advice-oversubscription
//
// More CPU-bound threads than cores only adds context switches. The shape
// the model shows without knowing the machine: a parallel region (or a
// thread start) inside an OpenMP construct, so every thread of the outer
// team starts threads of its own. (A pool per task and constant thread
// counts above the core count need pool sites in the model and --hardware:
// not done yet.)
//
//===----------------------------------------------------------------------===//
#include "checks/AdviceOversubscriptionCheck.h"

#include "checks/AdviceSupport.h"
#include "checks/WorkloadNotes.h"
#include "model/ProgramModel.h"

namespace conc {

void AdviceOversubscriptionCheck::concludeProgram(const ProgramModel &Model) {
  WorkloadClassifier Classifier(Model);
  for (const ThreadStartFact &S : threadSites(Model)) {
    std::string Kind = threadApiKind(rules(), S.Api);
    if ((Kind != "team" && Kind != "thread") || S.EntryUsr.empty())
      continue;
    const SiteLoopFact *Loop = siteLoopAt(Model, S.Where);
    if (!Loop || Loop->Shape != "openmp")
      continue;
    Workload W = Classifier.classifyThreadStart(S);
    if (W.Class != WorkloadClass::Cpu)
      continue;
    Finding &F = report(S.Where, "'" + S.Api + "' starts threads inside an OpenMP parallel "
                                 "construct, whose every thread starts its own: the CPU-bound "
                                 "work then runs on (outer threads) x (inner threads) for the "
                                 "same cores; parallelize one level (the outer loop, or "
                                 "collapse the loops)");
    F.Notes.push_back({Loop->Loop, "the enclosing OpenMP construct is here"});
    addWorkloadNotes(F, W, "the inner work");
  }
}

} // namespace conc
