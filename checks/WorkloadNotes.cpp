//===- checks/WorkloadNotes.cpp --------------------------------------------===//
#include "checks/WorkloadNotes.h"

#include "checks/ProcessSiteCheck.h"
#include "checks/ThreadSiteCheck.h"

namespace conc {

void addWorkloadNotes(Finding &F, const Workload &W, const std::string &Subject) {
  F.Properties["workload-class"] = workloadClassName(W.Class);
  F.Properties["workload-confidence"] = workloadConfidenceName(W.Confidence);
  if (W.Class == WorkloadClass::Unknown) {
    // No note: most sites of unknown work would only say so again.
    F.Properties["workload-reason"] = W.Reason;
    return;
  }
  F.Notes.push_back({F.Where, Subject + " looks " + W.summary()});
  unsigned Shown = 0;
  for (const WorkloadEvidence &E : W.Evidence) {
    if (Shown++ == MaxEvidenceNotes)
      break;
    F.Notes.push_back({E.Where, E.Message});
  }
}

void annotateSiteFindings(const ProgramModel &Model, WorkloadClassifier &Classifier,
                          std::vector<Finding> &Findings) {
  for (Finding &F : Findings) {
    if (F.CheckId == ThreadSiteCheck::Id) {
      if (const ThreadStartFact *S = Classifier.threadStartAt(F.Where))
        addWorkloadNotes(F, Classifier.classifyThreadStart(*S), "the work it runs");
    } else if (F.CheckId == ProcessSiteCheck::Id) {
      if (const ProcessStartFact *S = Classifier.processStartAt(F.Where))
        addWorkloadNotes(F, Classifier.classifyProcessStart(*S), "the child's work");
    }
  }
}

} // namespace conc
