//===- checks/AdviceOversubscriptionCheck.h - conc-advice-oversubscription ===//
//
// More CPU-bound threads than cores: parallel regions nested in a parallel construct.
//
// Docs: docs/checks/conc-advice-oversubscription.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_ADVICEOVERSUBSCRIPTIONCHECK_H
#define CONC_CHECKS_ADVICEOVERSUBSCRIPTIONCHECK_H

#include "checks/ConcCheck.h"

namespace conc {

class AdviceOversubscriptionCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-advice-oversubscription";
  AdviceOversubscriptionCheck(CheckContext &Context) : ConcCheck(Id, Severity::Warning, Context) {}

  void registerMatchers(clang::ast_matchers::MatchFinder &) override {}
  void run(const clang::ast_matchers::MatchFinder::MatchResult &) override {}
  void concludeProgram(const ProgramModel &Model) override;
};

} // namespace conc

#endif
