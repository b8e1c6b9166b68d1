//===- tool/TextEmitter.cpp - clang-style text -----------------------------===//
//
// `file:line:col: severity: message [check-id]`, then the evidence as notes:
// the format editors, CI log parsers and clang-tidy users already read.
//
//===----------------------------------------------------------------------===//
#include "tool/Report.h"

namespace conc {

static std::string point(const SourcePoint &P) {
  return P.File + ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
}

std::string emitText(const Report &R) {
  std::string Out;
  for (const Finding &F : R.Findings) {
    Out += point(F.Where) + ": " + severityName(F.Level) + ": " + F.Message +
           " [" + F.CheckId + "]\n";
    for (const RelatedNote &N : F.Notes)
      Out += point(N.Where) + ": note: " + N.Message + "\n";
  }
  return Out;
}

} // namespace conc
