//===- checks/SharedStateCheck.h - conc-shared-state -----------------------===//
//
// A variable with static storage (global, static, static member) that two
// threads — or two instances of one — reach, at least one writing, with no
// lock held in common. A whole-program check: it concludes over the merged
// model (model/ProgramModel.h), so the two threads may live in different
// translation units.
//
// Docs: docs/checks/conc-shared-state.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_SHAREDSTATECHECK_H
#define CONC_CHECKS_SHAREDSTATECHECK_H

#include "checks/ConcCheck.h"

namespace conc {

class SharedStateCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-shared-state";
  SharedStateCheck(CheckContext &Context)
      : ConcCheck(Id, Severity::Warning, Context) {}

  /// Per unit, the facts are gathered by the analyzer for every
  /// whole-program check; nothing to match here.
  void registerMatchers(clang::ast_matchers::MatchFinder &) override {}
  void run(const clang::ast_matchers::MatchFinder::MatchResult &) override {}
  void concludeProgram(const ProgramModel &Model) override;
};

} // namespace conc

#endif
