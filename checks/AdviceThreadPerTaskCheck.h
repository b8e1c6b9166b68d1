//===- checks/AdviceThreadPerTaskCheck.h - conc-advice-thread-per-task ===//
//
// A thread created per item or request in a loop: use a pool sized by the work.
//
// Docs: docs/checks/conc-advice-thread-per-task.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_ADVICETHREADPERTASKCHECK_H
#define CONC_CHECKS_ADVICETHREADPERTASKCHECK_H

#include "checks/ConcCheck.h"

namespace conc {

class AdviceThreadPerTaskCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-advice-thread-per-task";
  AdviceThreadPerTaskCheck(CheckContext &Context) : ConcCheck(Id, Severity::Warning, Context) {}

  void registerMatchers(clang::ast_matchers::MatchFinder &) override {}
  void run(const clang::ast_matchers::MatchFinder::MatchResult &) override {}
  void concludeProgram(const ProgramModel &Model) override;
};

} // namespace conc

#endif
