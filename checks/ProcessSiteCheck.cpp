//===- checks/ProcessSiteCheck.cpp - conc-process-site ---------------------===//
#include "checks/ProcessSiteCheck.h"

#include "checks/ApiNames.h"
#include "checks/Enclosing.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace conc {

using namespace clang;
using namespace clang::ast_matchers;

void ProcessSiteCheck::registerMatchers(MatchFinder &Finder) {
  std::vector<std::string> Names;
  for (const ProcessApiRule &R : rules().ProcessApis)
    Names.push_back(R.Api);
  addCallMatcher(Finder, Names, this);
}

/// The program or command a call names, when it is a string literal.
static std::optional<std::string> literalArgument(const CallExpr &E, unsigned Index) {
  if (Index >= E.getNumArgs())
    return std::nullopt;
  const Expr *Arg = E.getArg(Index)->IgnoreParenImpCasts();
  if (const auto *S = dyn_cast<StringLiteral>(Arg); S && S->getCharByteWidth() == 1)
    return S->getString().str();
  return std::nullopt;
}

void ProcessSiteCheck::run(const MatchFinder::MatchResult &Result) {
  const auto *E = Result.Nodes.getNodeAs<CallExpr>("call");
  const FunctionDecl *Callee = E ? E->getDirectCallee() : nullptr;
  if (!Callee)
    return;
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  ApiForm Form = Method && !Method->isStatic() ? ApiForm::Method : ApiForm::Function;
  const ProcessApiRule *Rule = rules().findProcessApi(ruleName(*Callee), Form);
  if (!Rule)
    return;
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  std::optional<SourcePoint> Where = userPoint(E->getBeginLoc(), SM);
  if (!Where)
    return;
  std::optional<std::string> Program;
  if (Rule->ProgramArg)
    Program = literalArgument(*E, *Rule->ProgramArg);

  PendingSite Site;
  Site.Where = *Where;
  Site.Api = Rule->Api;
  Site.Plural = "processes";
  Site.Properties["kind"] = Rule->Kind;
  if (Program)
    Site.Properties["program"] = *Program;
  // Long shell commands would drown the message; the property keeps them whole.
  std::string Quoted;
  if (Program)
    Quoted = "'" + (Program->size() > 60 ? Program->substr(0, 57) + "..." : *Program) + "'";
  if (Rule->Kind == "fork") {
    Site.Action = "creates a child process that continues in this code";
  } else if (Rule->Kind == "spawn") {
    Site.Action = Program ? "starts a new process running " + Quoted
                          : "starts a new process running another program";
  } else if (Rule->Kind == "exec") {
    Site.Action = Program ? "replaces this process with " + Quoted
                          : "replaces this process with another program";
  } else {
    Site.Action = Program ? "runs the shell command " + Quoted + " in a new process"
                          : "runs a shell command in a new process";
  }
  // exec replaces this process rather than adding one: a loop around it
  // tries alternatives (each PATH entry), it cannot multiply processes.
  if (Rule->Kind != "exec")
    if (const Stmt *Loop = enclosingLoop(*E, Ctx))
      setRepetition(Site, *Loop, userPoint(Loop->getBeginLoc(), SM));
  Sites.add(std::move(Site));
}

void ProcessSiteCheck::onEndOfTranslationUnit() {
  for (Finding &F : Sites.finish(Id, level()))
    emit(std::move(F));
}

} // namespace conc
