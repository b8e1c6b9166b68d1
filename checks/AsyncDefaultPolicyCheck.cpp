//===- checks/AsyncDefaultPolicyCheck.cpp - conc-async-default-policy ------===//
#include "checks/AsyncDefaultPolicyCheck.h"

#include "checks/ApiNames.h"
#include "checks/LaunchPolicy.h"

#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace conc {

using namespace clang;
using namespace clang::ast_matchers;

void AsyncDefaultPolicyCheck::registerMatchers(MatchFinder &Finder) {
  std::vector<std::string> Names;
  for (const ThreadApiRule &R : rules().ThreadApis)
    if (R.LaunchPolicy)
      Names.push_back(R.Api);
  addCallMatcher(Finder, Names, this);
}

void AsyncDefaultPolicyCheck::run(const MatchFinder::MatchResult &Result) {
  const auto *E = Result.Nodes.getNodeAs<CallExpr>("call");
  const FunctionDecl *Callee = E ? E->getDirectCallee() : nullptr;
  // launch-policy rules are functions (the loader enforces it): a
  // non-static member with the same name is another API.
  if (!Callee || E->getNumArgs() == 0 ||
      (isa<CXXMethodDecl>(Callee) && !cast<CXXMethodDecl>(Callee)->isStatic()))
    return;
  const ThreadApiRule *Rule = rules().findThreadApi(ruleName(*Callee), ApiForm::Function);
  if (!Rule || !Rule->LaunchPolicy)
    return;
  ASTContext &Ctx = *Result.Context;
  std::optional<PolicyOutcome> Policy = evaluatePolicy(*E, *Rule->LaunchPolicy, Ctx);
  // An explicit policy, even async|deferred or one chosen at run time, is the
  // author's decision; only the silent default is reported.
  if (!Policy || Policy->HasPolicyArg)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  std::optional<SourcePoint> Where = userPoint(E->getBeginLoc(), SM);
  if (!Where || !Reported.insert(*Where).second)
    return;
  const LaunchPolicyRule &P = *Rule->LaunchPolicy;
  std::string PolicyName = P.Type + "::" + P.RequiredEnumerator;
  Finding &F = report(*Where, "'" + Rule->Api +
                                  "' without a launch policy may defer the task to the "
                                  "thread that waits for it; pass " +
                                  PolicyName + " to run it on another thread");
  F.Properties["api"] = Rule->Api;
  F.Properties["launch-policy"] = "default";
  if (std::optional<FixIt> Fix =
          insertionBefore(E->getArg(0)->getBeginLoc(), PolicyName + ", ", SM))
    F.Fixes.push_back(std::move(*Fix));
}

} // namespace conc
