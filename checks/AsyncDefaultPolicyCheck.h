//===- checks/AsyncDefaultPolicyCheck.h - conc-async-default-policy --------===//
//
// Warns about std::async calls that leave the launch policy to the
// implementation. The default, launch::async | launch::deferred, lets it
// defer the task until someone calls get() or wait(), and then run it on
// that thread: the code looks parallel and is not, and a task whose future is
// never waited on never runs. The APIs are the thread-apis rules with a
// `launch-policy` (rules/threads.yaml); the fix-it passes the policy the
// rule names as starting a thread (std::launch::async).
//
// Docs: docs/checks/conc-async-default-policy.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_ASYNCDEFAULTPOLICYCHECK_H
#define CONC_CHECKS_ASYNCDEFAULTPOLICYCHECK_H

#include "checks/ConcCheck.h"

#include <set>

namespace conc {

class AsyncDefaultPolicyCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-async-default-policy";
  AsyncDefaultPolicyCheck(CheckContext &Context)
      : ConcCheck(Id, Severity::Warning, Context) {}

  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// A call in a template is matched once per instantiation; it is one
  /// finding.
  std::set<SourcePoint> Reported;
};

} // namespace conc

#endif
