//===- checks/ForkInThreadedProgramCheck.h - conc-fork-in-threaded-program -===//
//
// fork in a program with threads, whose child makes calls that are not async-signal-safe before exec.
//
// Docs: docs/checks/conc-fork-in-threaded-program.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_FORKINTHREADEDPROGRAMCHECK_H
#define CONC_CHECKS_FORKINTHREADEDPROGRAMCHECK_H

#include "checks/ConcCheck.h"

namespace conc {

class ForkInThreadedProgramCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-fork-in-threaded-program";
  ForkInThreadedProgramCheck(CheckContext &Context) : ConcCheck(Id, Severity::Warning, Context) {}

  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void concludeProgram(const ProgramModel &Model) override;
  void onEndOfTranslationUnit() override;

private:
  /// This unit's forks; their Sequential flag is set at the end of the
  /// unit, when every thread start of the unit is known.
  std::vector<ForkFact> Pending;
};

} // namespace conc

#endif
