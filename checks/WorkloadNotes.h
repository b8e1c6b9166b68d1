//===- checks/WorkloadNotes.h - The workload class on every site finding ---===//
//
// conc-thread-site and conc-process-site are per-unit checks: they see one
// site, not the call graph behind its entry. Once the program model is
// built, this adds to each of their findings the workload class of the work
// the site launches (model/WorkloadClassifier.h): the properties
// `workload-class` and `workload-confidence`, and, when the class is known,
// a note with the class and notes at its strongest evidence.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_WORKLOADNOTES_H
#define CONC_CHECKS_WORKLOADNOTES_H

#include "core/Finding.h"
#include "model/WorkloadClassifier.h"

#include <vector>

namespace conc {

/// How many pieces of evidence a finding shows as notes (the strongest).
constexpr unsigned MaxEvidenceNotes = 3;

/// Adds the workload notes and properties of `W` to `F`; `Subject` names the
/// work ("the work it runs", "the child's work").
void addWorkloadNotes(Finding &F, const Workload &W, const std::string &Subject);

/// Adds them to every conc-thread-site and conc-process-site finding in
/// `Findings` whose site the model knows.
void annotateSiteFindings(const ProgramModel &Model, WorkloadClassifier &Classifier,
                          std::vector<Finding> &Findings);

} // namespace conc

#endif
