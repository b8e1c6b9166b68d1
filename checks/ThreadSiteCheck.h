//===- checks/ThreadSiteCheck.h - conc-thread-site -------------------------===//
//
// Reports every place that starts a thread, submits a task to another thread
// or creates a thread pool, with the API, the entry function and whether the
// site sits in a loop. The APIs come from rules (thread-apis,
// openmp-directives, in-place-construct-methods in rules/threads.yaml).
//
// Docs: docs/checks/conc-thread-site.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_THREADSITECHECK_H
#define CONC_CHECKS_THREADSITECHECK_H

#include "checks/ConcCheck.h"
#include "checks/SiteReport.h"

namespace clang {
class CXXConstructExpr;
class CallExpr;
class Expr;
class CXXMemberCallExpr;
class CXXMethodDecl;
class OMPExecutableDirective;
} // namespace clang

namespace conc {

struct CallableEntry;

class ThreadSiteCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-thread-site";
  ThreadSiteCheck(CheckContext &Context)
      : ConcCheck(Id, Severity::Note, Context) {}

  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void checkConstruction(const clang::CXXConstructExpr &E, clang::ASTContext &Ctx);
  void checkInPlaceConstruction(const clang::CXXMemberCallExpr &E,
                                clang::ASTContext &Ctx);
  void checkCall(const clang::CallExpr &E, clang::ASTContext &Ctx);
  void checkOpenMP(const clang::OMPExecutableDirective &D, clang::ASTContext &Ctx);

  /// Records a site of `Rule` at `Site` entering `Entry`.
  void addSite(const ThreadApiRule &Rule, const clang::Stmt &Site,
               const CallableEntry *Entry, std::string Suffix,
               std::map<std::string, std::string> Properties,
               clang::ASTContext &Ctx);
  /// The rule for a method that `M` overrides, transitively.
  const ThreadApiRule *findOverriddenRule(const clang::CXXMethodDecl &M) const;
  /// Marks a site that runs repeatedly: in a loop or an OpenMP team.
  /// A pool's construction: the threads it starts, as a ThreadCountFact.
  /// `Size`: the size argument, or null when none is given.
  void notePoolSize(const ThreadApiRule &Rule, const clang::Expr &Site,
                    const clang::Expr *Size, clang::ASTContext &Ctx);
  void noteRepetition(PendingSite &Site, const clang::Stmt &S, clang::ASTContext &Ctx);
  /// Adds a note at an entry's definition unless it is on the site's line.
  void noteEntry(PendingSite &Site, const CallableEntry &Entry,
                 const clang::SourceManager &SM);

  SiteCollector Sites;
};

} // namespace conc

#endif
