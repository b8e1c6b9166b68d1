//===- checks/ProcessSiteCheck.h - conc-process-site -----------------------===//
//
// Reports every place that creates or replaces a process: fork, vfork, clone,
// posix_spawn, the exec family, system, popen — whatever rules/processes.yaml
// lists — with the program it runs when the code names it literally.
//
// Docs: docs/checks/conc-process-site.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_PROCESSSITECHECK_H
#define CONC_CHECKS_PROCESSSITECHECK_H

#include "checks/ConcCheck.h"
#include "checks/SiteReport.h"

namespace clang {
class CallExpr;
} // namespace clang

namespace conc {

class ProcessSiteCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-process-site";
  ProcessSiteCheck(CheckContext &Context)
      : ConcCheck(Id, Severity::Note, Context) {}

  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// The model's fact of a process site: for fork, the child's code.
  ProcessStartFact processStart(const clang::CallExpr &E, const ProcessApiRule &Rule,
                                std::string CodeUsr, SourcePoint Where, bool Many,
                                clang::ASTContext &Ctx) const;

  SiteCollector Sites;
};

} // namespace conc

#endif
