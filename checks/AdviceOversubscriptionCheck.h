//===- checks/AdviceOversubscriptionCheck.h - conc-advice-oversubscription ===//
//
// More CPU-bound threads than cores: nested parallel regions, constant or
// per-core thread counts, a pool or a fan-out per task.
//
// Docs: docs/checks/conc-advice-oversubscription.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_ADVICEOVERSUBSCRIPTIONCHECK_H
#define CONC_CHECKS_ADVICEOVERSUBSCRIPTIONCHECK_H

#include "checks/ConcCheck.h"
#include "model/WorkloadClassifier.h"

namespace conc {

class AdviceOversubscriptionCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-advice-oversubscription";
  AdviceOversubscriptionCheck(CheckContext &Context) : ConcCheck(Id, Severity::Warning, Context) {}

  void registerMatchers(clang::ast_matchers::MatchFinder &) override {}
  void run(const clang::ast_matchers::MatchFinder::MatchResult &) override {}
  void concludeProgram(const ProgramModel &Model) override;

private:
  void reportNestedTeams(const ProgramModel &Model, WorkloadClassifier &Classifier);
  void reportThreadCounts(const ProgramModel &Model, WorkloadClassifier &Classifier);
  void reportNestedLaunches(const ProgramModel &Model, WorkloadClassifier &Classifier);
};

} // namespace conc

#endif
