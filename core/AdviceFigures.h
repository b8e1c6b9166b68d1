//===- core/AdviceFigures.h - The measurements behind a piece of advice ----===//
//
// Each conc-advice-* finding rests on a claim about cost ("a thread per task
// pays thread creation per item", "more CPU-bound threads than cores buy
// nothing", "this work mostly waits"). Given this machine's hardware file
// and, where one exists, what a profiled run measured at the finding's
// line, this states the figures that bear on the claim and whether they
// back or contradict it. conc-advisor --hardware= appends the figures to
// the advice's message; conc-probe confirm prints them per finding. The
// verdict is computed from the figures, never assumed.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CORE_ADVICEFIGURES_H
#define CONC_CORE_ADVICEFIGURES_H

#include "core/ProbeData.h"
#include "core/ProfileMatch.h"

#include <string>

namespace conc {

struct AdviceFigures {
  const char *Verdict = "no figure"; ///< backed | contradicted | no figure
  std::string Figures;               ///< The figures, or why there are none.
  /// False when Figures only says why nothing was measured.
  bool Quoted = true;
};

/// What is known of the finding besides its rule.
struct AdviceSubject {
  /// Threads the finding says run at once (its `thread-count` property);
  /// 0 when it does not say.
  unsigned Threads = 0;
  /// What the profiled run measured at the finding's line, if anything.
  const MeasuredSite *Measured = nullptr;
};

/// The figures for advice `Rule` from `Hw` (may be null: then only the
/// measurement can bear on it).
AdviceFigures adviceFigures(llvm::StringRef Rule, const HardwareProfile *Hw,
                            const AdviceSubject &Subject);

/// The kind of creation (thread | process) an advice finding's line is
/// about, to find its records in a profile.
const char *adviceSiteKind(llvm::StringRef Rule);

/// "1 thread", "2 threads", "2 processes".
std::string countOf(uint64_t N, llvm::StringRef Noun);

/// "30.0 us (p10 25.0, p90 40.0)".
std::string describeCost(const CostFigure &C);
/// A figure with 3 significant digits or so: 0.53, 12.5, 300.
std::string formatFigure(double V);

} // namespace conc

#endif
