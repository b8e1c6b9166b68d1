//===- tool/GitLabEmitter.cpp - GitLab Code Quality JSON -------------------===//
//
// The report a GitLab job publishes as `artifacts: reports: codequality`
// (a subset of Code Climate's format): one issue per finding with a
// description, check_name, fingerprint, severity and location. GitLab
// compares fingerprints between the merge request and its target branch, so
// they are the same stable ones SARIF carries (tool/Baseline.h).
//
//===----------------------------------------------------------------------===//
#include "tool/Report.h"

#include "tool/Baseline.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace conc {

/// GitLab's scale is info, minor, major, critical, blocker.
static const char *gitLabSeverity(Severity S) {
  switch (S) {
  case Severity::Note:
    return "info";
  case Severity::Warning:
    return "major";
  case Severity::Error:
    return "critical";
  }
  return "info";
}

std::string emitGitLab(const Report &R, llvm::StringRef Root) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  llvm::json::OStream J(OS, 2);
  J.array([&] {
    for (size_t I = 0; I < R.Findings.size(); ++I) {
      const Finding &F = R.Findings[I];
      J.object([&] {
        J.attribute("type", "issue");
        J.attribute("description", F.Message);
        J.attribute("check_name", F.CheckId);
        J.attribute("fingerprint", I < R.Fingerprints.size() ? R.Fingerprints[I] : "");
        J.attribute("severity", gitLabSeverity(F.Level));
        J.attributeObject("location", [&] {
          // GitLab links paths relative to the repository root.
          J.attribute("path", relativePath(F.Where.File, Root));
          J.attributeObject("lines", [&] { J.attribute("begin", F.Where.Line); });
        });
      });
    }
  });
  OS << "\n";
  return Out;
}

} // namespace conc
