//===- checks/AdviceProcessForCpuCheck.h - conc-advice-process-for-cpu ===//
//
// A forked process for CPU-bound work that threads would run in parallel at less cost.
//
// Docs: docs/checks/conc-advice-process-for-cpu.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_ADVICEPROCESSFORCPUCHECK_H
#define CONC_CHECKS_ADVICEPROCESSFORCPUCHECK_H

#include "checks/ConcCheck.h"

namespace conc {

class AdviceProcessForCpuCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-advice-process-for-cpu";
  AdviceProcessForCpuCheck(CheckContext &Context) : ConcCheck(Id, Severity::Warning, Context) {}

  void registerMatchers(clang::ast_matchers::MatchFinder &) override {}
  void run(const clang::ast_matchers::MatchFinder::MatchResult &) override {}
  void concludeProgram(const ProgramModel &Model) override;
};

} // namespace conc

#endif
