//===- checks/AdviceLockSerializesCheck.h - conc-advice-lock-serializes ===//
//
// CPU-bound threads whose work runs under one shared lock, so they take turns.
//
// Docs: docs/checks/conc-advice-lock-serializes.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_ADVICELOCKSERIALIZESCHECK_H
#define CONC_CHECKS_ADVICELOCKSERIALIZESCHECK_H

#include "checks/ConcCheck.h"

namespace conc {

class AdviceLockSerializesCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-advice-lock-serializes";
  AdviceLockSerializesCheck(CheckContext &Context) : ConcCheck(Id, Severity::Warning, Context) {}

  void registerMatchers(clang::ast_matchers::MatchFinder &) override {}
  void run(const clang::ast_matchers::MatchFinder::MatchResult &) override {}
  void concludeProgram(const ProgramModel &Model) override;
};

} // namespace conc

#endif
