//===- checks/AdviceProcessForIoCheck.h - conc-advice-process-for-io ===//
//
// A process per I/O-bound task where a thread or async I/O would do.
//
// Docs: docs/checks/conc-advice-process-for-io.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_ADVICEPROCESSFORIOCHECK_H
#define CONC_CHECKS_ADVICEPROCESSFORIOCHECK_H

#include "checks/ConcCheck.h"

namespace conc {

class AdviceProcessForIoCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-advice-process-for-io";
  AdviceProcessForIoCheck(CheckContext &Context) : ConcCheck(Id, Severity::Warning, Context) {}

  void registerMatchers(clang::ast_matchers::MatchFinder &) override {}
  void run(const clang::ast_matchers::MatchFinder::MatchResult &) override {}
  void concludeProgram(const ProgramModel &Model) override;
};

} // namespace conc

#endif
