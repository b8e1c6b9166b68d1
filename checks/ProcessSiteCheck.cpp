//===- checks/ProcessSiteCheck.cpp - conc-process-site ---------------------===//
#include "checks/ProcessSiteCheck.h"

#include "checks/ApiNames.h"
#include "checks/Enclosing.h"
#include "checks/FactExtractor.h"
#include "checks/ForkChild.h"
#include "checks/WorkloadFacts.h"

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
    if (const Stmt *Loop = enclosingLoop(*E, Ctx)) {
      std::optional<SourcePoint> At = userPoint(Loop->getBeginLoc(), SM);
      setRepetition(Site, *Loop, At);
      if (facts() && At)
        facts()->SiteLoops.push_back(describeSiteLoop(*Loop, *Where, *At, Ctx, rules()));
    }
  if (facts())
    if (std::optional<CodePoint> At = codePointOf(*E, Ctx))
      facts()->ProcessStarts.push_back(
          processStart(*E, *Rule, At->CodeUsr, At->Where, Site.Loop.has_value(), Ctx));
  Sites.add(std::move(Site));
}

ProcessStartFact ProcessSiteCheck::processStart(const CallExpr &E, const ProcessApiRule &Rule,
                                                std::string CodeUsr, SourcePoint Where,
                                                bool Many, ASTContext &Ctx) const {
  ProcessStartFact P;
  P.CallerUsr = std::move(CodeUsr);
  P.Api = Rule.Api;
  P.Kind = Rule.Kind;
  P.Where = std::move(Where);
  P.Many = Many;
  if (Rule.Kind != "fork")
    return P;
  // What the child runs: the workload classifier reads the calls of its
  // branch; an exec there makes it another program.
  std::optional<std::vector<const Stmt *>> Code =
      findChildCode(E, enclosingFunction(E, Ctx), Ctx);
  if (!Code || Code->empty())
    return P;
  const SourceManager &SM = Ctx.getSourceManager();
  std::optional<SourcePoint> Begin = userPoint(Code->front()->getBeginLoc(), SM);
  std::optional<SourcePoint> End = userPoint(Code->back()->getEndLoc(), SM);
  if (!Begin || !End)
    return P;
  P.ChildKnown = true;
  P.ChildBegin = *Begin;
  P.ChildEnd = *End;
  std::vector<const Stmt *> Work(Code->begin(), Code->end());
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *C = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = C->getDirectCallee()) {
        if (const ProcessApiRule *R = rules().findProcessApi(ruleName(*Callee), ApiForm::Function);
            R && R->Kind == "exec")
          P.ChildExecs = true;
        if (!SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())))
          P.ChildCallees.push_back(functionUsr(*Callee, SM));
      }
    Work.insert(Work.end(), S->child_begin(), S->child_end());
  }
  llvm::sort(P.ChildCallees);
  P.ChildCallees.erase(std::unique(P.ChildCallees.begin(), P.ChildCallees.end()),
                       P.ChildCallees.end());
  return P;
}

void ProcessSiteCheck::onEndOfTranslationUnit() {
  for (Finding &F : Sites.finish(Id, level()))
    emit(std::move(F));
}

} // namespace conc
