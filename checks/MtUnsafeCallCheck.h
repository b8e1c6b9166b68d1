//===- checks/MtUnsafeCallCheck.h - conc-mt-unsafe-call -===//
//
// a call of a function that is not thread-safe from code several threads may run at once.
//
// Docs: docs/checks/conc-mt-unsafe-call.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_MTUNSAFECALLCHECK_H
#define CONC_CHECKS_MTUNSAFECALLCHECK_H

#include "checks/ConcCheck.h"

namespace conc {

class MtUnsafeCallCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-mt-unsafe-call";
  MtUnsafeCallCheck(CheckContext &Context) : ConcCheck(Id, Severity::Warning, Context) {}
  /// IgnoredFunctions: rules/mt-unsafe.yaml names this project calls safely.
  static const CheckOptionInfo Options[1];

  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void concludeProgram(const ProgramModel &Model) override;
};

} // namespace conc

#endif
