//===- checks/AdviceGilHeldCheck.h - conc-advice-gil-held ------------------===//
//
// C++ inside CPython (extension modules, pybind11, nanobind): CPU-bound or
// blocking work done while holding the GIL, and threads that call into
// Python without taking it.
//
// Docs: docs/checks/conc-advice-gil-held.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_ADVICEGILHELDCHECK_H
#define CONC_CHECKS_ADVICEGILHELDCHECK_H

#include "checks/ConcCheck.h"

namespace conc {

class AdviceGilHeldCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-advice-gil-held";
  AdviceGilHeldCheck(CheckContext &Context) : ConcCheck(Id, Severity::Warning, Context) {}

  void registerMatchers(clang::ast_matchers::MatchFinder &) override {}
  void run(const clang::ast_matchers::MatchFinder::MatchResult &) override {}
  void concludeProgram(const ProgramModel &Model) override;

private:
  /// Functions Python calls that do heavy work before releasing the GIL.
  void reportHeldWork(const ProgramModel &Model);
  /// Threads C++ starts that call into Python without taking the GIL.
  void reportThreadsWithoutGil(const ProgramModel &Model);
};

} // namespace conc

#endif
