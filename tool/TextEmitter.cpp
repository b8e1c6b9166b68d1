//===- tool/TextEmitter.cpp - clang-style text -----------------------------===//
//
// `file:line:col: severity: message [check-id]`, then the evidence as notes:
// the format editors, CI log parsers and clang-tidy users already read. A
// fix-it is a note too, at the point it edits, saying what it would write:
// clang shows the inserted text under a caret line, which a report without
// source excerpts cannot.
//
//===----------------------------------------------------------------------===//
#include "tool/Report.h"

namespace conc {

static std::string describeFix(const FixIt &F) {
  if (F.Length == 0)
    return "fix-it: insert '" + F.Replacement + "'";
  std::string Range = "up to " + std::to_string(F.End.Line) + ":" + std::to_string(F.End.Column);
  if (F.Replacement.empty())
    return "fix-it: remove the text " + Range;
  return "fix-it: replace the text " + Range + " with '" + F.Replacement + "'";
}

static std::string point(const SourcePoint &P) {
  return P.File + ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
}

std::string emitText(const Report &R) {
  std::string Out;
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    const Finding &F = R.Findings[I];
    // clang-tidy's spelling of a warning raised by --warnings-as-errors.
    bool Raised = F.Properties.count("warnings-as-errors");
    // With --baseline, what the baseline lacks is marked; the rest is not.
    bool New = I < R.New.size() && R.New[I];
    Out += point(F.Where) + ": " + severityName(F.Level) + ": " + F.Message + " [" +
           F.CheckId + (Raised ? ",-warnings-as-errors" : "") + "]" +
           (New ? " [new]" : "") + "\n";
    for (const RelatedNote &N : F.Notes)
      Out += point(N.Where) + ": note: " + N.Message + "\n";
    for (const FixIt &Fix : F.Fixes)
      Out += point(Fix.Begin) + ": note: " + describeFix(Fix) + "\n";
  }
  return Out;
}

} // namespace conc
