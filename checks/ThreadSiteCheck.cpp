//===- checks/ThreadSiteCheck.cpp - conc-thread-site -----------------------===//
#include "checks/ThreadSiteCheck.h"

#include "checks/ApiNames.h"
#include "checks/CallableEntry.h"
#include "checks/Enclosing.h"
#include "checks/FactExtractor.h"
#include "checks/LaunchPolicy.h"
#include "checks/WorkloadFacts.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtOpenMP.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/Frontend/OpenMP/OMP.h"

namespace conc {

using namespace clang;
using namespace clang::ast_matchers;

static std::vector<llvm::StringRef> refs(const std::vector<std::string> &V) {
  return std::vector<llvm::StringRef>(V.begin(), V.end());
}

void ThreadSiteCheck::registerMatchers(MatchFinder &Finder) {
  // hasAnyName keeps StringRefs: the strings must outlive the matchers.
  std::vector<std::string> Classes, Functions, Methods, InPlace;
  for (const ThreadApiRule &R : rules().ThreadApis) {
    switch (R.Form) {
    case ApiForm::Constructor:
      Classes.push_back(R.Api);
      break;
    case ApiForm::Function:
      Functions.push_back(R.Api);
      break;
    case ApiForm::Method:
      Methods.push_back(R.Api);
      break;
    }
  }
  for (const InPlaceMethodRule &R : rules().InPlaceConstructMethods)
    InPlace.push_back(R.Name);
  Classes = unqualifiedNames(Classes);
  Functions = unqualifiedNames(Functions);
  Methods = unqualifiedNames(Methods);

  if (!Classes.empty()) {
    Finder.addMatcher(
        cxxConstructExpr(hasDeclaration(cxxConstructorDecl(
                             ofClass(cxxRecordDecl(hasAnyName(refs(Classes)))))))
            .bind("construct"),
        this);
    if (!InPlace.empty())
      Finder.addMatcher(
          cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(refs(InPlace)))))
              .bind("in-place"),
          this);
  }
  if (!Functions.empty())
    Finder.addMatcher(
        callExpr(callee(functionDecl(hasAnyName(refs(Functions))))).bind("call"),
        this);
  if (!Methods.empty())
    Finder.addMatcher(
        cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(refs(Methods)))))
            .bind("call"),
        this);
  if (!rules().OpenMPDirectives.empty())
    Finder.addMatcher(ompExecutableDirective().bind("omp"), this);
}

void ThreadSiteCheck::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *E = Result.Nodes.getNodeAs<CXXConstructExpr>("construct"))
    checkConstruction(*E, Ctx);
  else if (const auto *E = Result.Nodes.getNodeAs<CXXMemberCallExpr>("in-place"))
    checkInPlaceConstruction(*E, Ctx);
  else if (const auto *E = Result.Nodes.getNodeAs<CallExpr>("call"))
    checkCall(*E, Ctx);
  else if (const auto *D = Result.Nodes.getNodeAs<OMPExecutableDirective>("omp"))
    checkOpenMP(*D, Ctx);
}

void ThreadSiteCheck::onEndOfTranslationUnit() {
  for (Finding &F : Sites.finish(Id, level()))
    emit(std::move(F));
}

/// An argument the caller did not write (a defaulted parameter) does not
/// supply a callable: `std::thread t;` is not a site.
static bool isWritten(const Expr *Arg) {
  return Arg && !isa<CXXDefaultArgExpr>(Arg);
}

void ThreadSiteCheck::checkConstruction(const CXXConstructExpr &E,
                                        ASTContext &Ctx) {
  const CXXConstructorDecl *Ctor = E.getConstructor();
  // Copies and moves transfer an existing thread; they start nothing.
  if (Ctor->isCopyOrMoveConstructor())
    return;
  const ThreadApiRule *Rule =
      rules().findThreadApi(ruleName(*Ctor->getParent()), ApiForm::Constructor);
  if (!Rule)
    return;
  CallableEntry Entry;
  if (Rule->EntryArg) {
    // No callable written: a default-constructed, not-yet-started thread.
    if (E.getNumArgs() <= *Rule->EntryArg || !isWritten(E.getArg(*Rule->EntryArg)))
      return;
    Entry = resolveCallable(E.getArg(*Rule->EntryArg), Ctx);
  }
  if (Rule->Kind == "pool")
    notePoolSize(*Rule, E, Rule->SizeArg && *Rule->SizeArg < E.getNumArgs()
                               ? E.getArg(*Rule->SizeArg) : nullptr, Ctx);
  addSite(*Rule, E, Rule->EntryArg ? &Entry : nullptr, "", {}, Ctx);
}

void ThreadSiteCheck::notePoolSize(const ThreadApiRule &Rule, const Expr &Site,
                                   const Expr *Size, ASTContext &Ctx) {
  if (!facts())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  const FunctionDecl *Caller = enclosingFunction(Site, Ctx);
  std::optional<SourcePoint> Where = userPoint(Site.getBeginLoc(), SM);
  if (!Caller || !Where)
    return;
  ThreadCountFact F{functionUsr(*Caller, SM), Rule.Api, *Where, 0, "", 0};
  Expr::EvalResult Value;
  if (!isWritten(Size))
    F.CoreFactor = Rule.DefaultThreadsPerCore;
  else if (!Size->isValueDependent() && Size->EvaluateAsInt(Value, Ctx)) {
    F.Count = std::max<long long>(Value.Val.getInt().getExtValue(), 0);
    if (F.Count == 0) // a size of 0 asks for the default (BS::thread_pool(0))
      F.CoreFactor = Rule.DefaultThreadsPerCore;
  } else
    F.CoreFactor = coreFactor(Size, Ctx, rules());
  facts()->ThreadCounts.push_back(std::move(F));
}

/// The element type a container constructs in place: its value_type.
static const CXXRecordDecl *elementClass(const CXXRecordDecl &Container,
                                         ASTContext &Ctx) {
  for (const NamedDecl *ND : Container.lookup(&Ctx.Idents.get("value_type")))
    if (const auto *TD = dyn_cast<TypedefNameDecl>(ND))
      return TD->getUnderlyingType().getCanonicalType()->getAsCXXRecordDecl();
  return nullptr;
}

/// Index of the first argument forwarded to the element's constructor: the
/// first parameter pack of the method template (emplace(pos, args...)).
static std::optional<unsigned> firstForwardedArg(const CXXMethodDecl &M) {
  // The member template's own declaration, which has the packs (the
  // specialization has them expanded); no definition is needed.
  const FunctionTemplateDecl *Template = M.getPrimaryTemplate();
  if (!Template)
    return std::nullopt;
  const FunctionDecl *Pattern = Template->getTemplatedDecl();
  for (unsigned I = 0; I < Pattern->getNumParams(); ++I)
    if (Pattern->getParamDecl(I)->isParameterPack())
      return I;
  return std::nullopt;
}

void ThreadSiteCheck::checkInPlaceConstruction(const CXXMemberCallExpr &E,
                                               ASTContext &Ctx) {
  const CXXMethodDecl *M = E.getMethodDecl();
  if (!M)
    return;
  const CXXRecordDecl *Element = elementClass(*M->getParent(), Ctx);
  if (!Element)
    return;
  const ThreadApiRule *Rule =
      rules().findThreadApi(ruleName(*Element), ApiForm::Constructor);
  if (!Rule)
    return;
  std::optional<unsigned> First = firstForwardedArg(*M);
  if (!First || E.getNumArgs() <= *First)
    return; // emplace_back() default-constructs: starts nothing.
  unsigned NumCtorArgs = E.getNumArgs() - *First;
  const Expr *FirstCtorArg = E.getArg(*First);
  if (NumCtorArgs == 1) {
    const CXXRecordDecl *ArgClass =
        FirstCtorArg->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (ArgClass && ArgClass->getCanonicalDecl() == Element->getCanonicalDecl())
      return; // emplace_back(std::move(t)) moves an existing thread.
  }
  CallableEntry Entry;
  if (Rule->EntryArg) {
    if (NumCtorArgs <= *Rule->EntryArg)
      return;
    Entry = resolveCallable(E.getArg(*First + *Rule->EntryArg), Ctx);
  }
  if (Rule->Kind == "pool")
    notePoolSize(*Rule, E,
                 Rule->SizeArg && NumCtorArgs > *Rule->SizeArg ? E.getArg(*First + *Rule->SizeArg)
                                                                : nullptr,
                 Ctx);
  std::map<std::string, std::string> Props{{"constructed-by", M->getNameAsString()}};
  addSite(*Rule, E, Rule->EntryArg ? &Entry : nullptr,
          " (constructed in place by '" + M->getNameAsString() + "')",
          std::move(Props), Ctx);
}

/// For QThread::start-style APIs: the override of `Name` in the object's
/// class or its nearest base that declares it.
static const CXXMethodDecl *findEntryMethod(const CXXMemberCallExpr &E,
                                            llvm::StringRef Name,
                                            ASTContext &Ctx) {
  const Expr *Object = E.getImplicitObjectArgument();
  if (!Object)
    return nullptr;
  // The object's own class, not the base the call converts it to.
  QualType T = Object->IgnoreImpCasts()->getType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  std::vector<const CXXRecordDecl *> Work{RD};
  while (!Work.empty()) {
    const CXXRecordDecl *C = Work.front();
    Work.erase(Work.begin());
    if (!C || !C->hasDefinition())
      continue;
    for (const NamedDecl *ND : C->lookup(&Ctx.Idents.get(Name)))
      if (const auto *M = dyn_cast<CXXMethodDecl>(ND))
        return M;
    for (const CXXBaseSpecifier &B : C->bases())
      Work.push_back(B.getType()->getAsCXXRecordDecl());
  }
  return nullptr;
}

const ThreadApiRule *ThreadSiteCheck::findOverriddenRule(const CXXMethodDecl &M) const {
  for (const CXXMethodDecl *O : M.overridden_methods()) {
    if (const ThreadApiRule *R = rules().findThreadApi(ruleName(*O), ApiForm::Method))
      return R;
    if (const ThreadApiRule *R = findOverriddenRule(*O))
      return R;
  }
  return nullptr;
}

void ThreadSiteCheck::checkCall(const CallExpr &E, ASTContext &Ctx) {
  const FunctionDecl *Callee = E.getDirectCallee();
  if (!Callee)
    return;
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  ApiForm Form = Method && !Method->isStatic() ? ApiForm::Method : ApiForm::Function;
  const ThreadApiRule *Rule = rules().findThreadApi(ruleName(*Callee), Form);
  // A call through a derived class (SpecialEnv::StartThread) matches a rule
  // for the interface it overrides (Env::StartThread).
  if (!Rule && Method)
    Rule = findOverriddenRule(*Method);
  if (!Rule)
    return;
  std::string Suffix;
  std::map<std::string, std::string> Props;
  unsigned EntryShift = 0;
  if (Rule->LaunchPolicy) {
    std::optional<PolicyOutcome> Policy = evaluatePolicy(E, *Rule->LaunchPolicy, Ctx);
    if (!Policy)
      return; // Deferred only: runs on the thread that waits for it.
    EntryShift = Policy->HasPolicyArg ? 1 : 0;
    Props["launch-policy"] = Policy->Description;
    if (Policy->Description == "default")
      Suffix = " (default launch policy: may run on a new thread or deferred)";
    else if (Policy->Description == "async-or-deferred")
      Suffix = " (launch policy async|deferred: the implementation chooses)";
    else if (Policy->Description == "unknown")
      Suffix = " (launch policy chosen at run time)";
    else
      Suffix = " (launch policy: async)";
  }
  CallableEntry Entry;
  bool HasEntry = false;
  if (Rule->EntryArg) {
    HasEntry = true;
    unsigned Index = *Rule->EntryArg + EntryShift;
    if (Index < E.getNumArgs() && isWritten(E.getArg(Index)))
      Entry = resolveCallable(E.getArg(Index), Ctx);
    else
      Entry.UnknownReason = "no callable argument";
    // Overloads that take a name or parameters first (tf::Executor::async(
    // "name", f)): the first later argument that is a callable.
    for (unsigned I = Index + 1; !Entry.Function && I < E.getNumArgs(); ++I) {
      CallableEntry Later = resolveCallable(E.getArg(I), Ctx);
      if (Later.Function)
        Entry = Later;
    }
  } else if (!Rule->EntryMethod.empty()) {
    HasEntry = true;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(&E))
      if (const CXXMethodDecl *M = findEntryMethod(*MC, Rule->EntryMethod, Ctx)) {
        Entry.What = CallableEntry::Kind::Method;
        Entry.Function = M;
      }
    if (!Entry.Function)
      Entry.UnknownReason = "no '" + Rule->EntryMethod + "' member found";
  }
  addSite(*Rule, E, HasEntry ? &Entry : nullptr, Suffix, std::move(Props), Ctx);
}

void ThreadSiteCheck::checkOpenMP(const OMPExecutableDirective &D, ASTContext &Ctx) {
  std::string Name = llvm::omp::getOpenMPDirectiveName(D.getDirectiveKind()).str();
  const OpenMPDirectiveRule *Rule = nullptr;
  for (const OpenMPDirectiveRule &R : rules().OpenMPDirectives)
    if (R.Directive == Name)
      Rule = &R;
  if (!Rule)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  std::optional<SourcePoint> Where = userPoint(D.getBeginLoc(), SM);
  if (!Where)
    return;
  PendingSite Site;
  Site.Where = *Where;
  Site.Api = "#pragma omp " + Name;
  Site.Action = "starts a team of threads running";
  Site.Plural = "teams of threads";
  const FunctionDecl *Function = enclosingFunction(D, Ctx);
  std::string Region =
      Function ? "the region in '" + ruleName(*Function) + "'" : "the region";
  if (Function && isa<CXXMethodDecl>(Function) &&
      cast<CXXMethodDecl>(Function)->getParent()->isLambda())
    Region = "the region in a lambda";
  Site.Entries.insert(Region);
  Site.EntryNames.insert(Region);
  Site.Properties["kind"] = "parallel-region";
  Site.Properties["directive"] = Name;
  // The code that forks the team: its function, or for a region nested in
  // another the outer region, so that the entry's USR is the one the
  // extractor gives the inner region's code (openmpRegionUsr, nested).
  std::optional<CodePoint> Forker = codePointOf(D, Ctx);
  if (const auto *NT = D.getSingleClause<OMPNumThreadsClause>()) {
    Expr::EvalResult Value;
    if (!NT->getNumThreads()->isValueDependent() &&
        NT->getNumThreads()->EvaluateAsInt(Value, Ctx)) {
      std::string N = std::to_string(Value.Val.getInt().getExtValue());
      Site.Properties["num-threads"] = N;
      Site.Suffix = " (num_threads(" + N + "))";
      if (facts() && Forker) {
        std::string Caller = Forker->CodeUsr;
        facts()->ThreadCounts.push_back({Caller, "num_threads", *Where,
                                         Value.Val.getInt().getExtValue(),
                                         openmpRegionUsr(Caller, *Where), 0});
      }
    } else {
      Site.Properties["num-threads"] = "runtime";
    }
  }
  // if(0): the team has one thread, whatever runs it.
  for (const auto *If : D.getClausesOfKind<OMPIfClause>()) {
    bool Value = true;
    const Expr *Cond = If->getCondition();
    if (facts() && Forker && Cond && !Cond->isValueDependent() &&
        Cond->EvaluateAsBooleanCondition(Value, Ctx) && !Value) {
      std::string Caller = Forker->CodeUsr;
      facts()->ThreadCounts.push_back(
          {Caller, "if", *Where, 1, openmpRegionUsr(Caller, *Where), 0});
    }
  }
  noteRepetition(Site, D, Ctx);
  if (facts() && Forker) {
    // The region is the entry: every thread of the team runs it.
    std::string Caller = Forker->CodeUsr;
    facts()->ThreadStarts.push_back(
        {Caller, openmpRegionUsr(Caller, *Where), Site.Api, *Where, /*Many=*/true});
  }
  Sites.add(std::move(Site));
}

void ThreadSiteCheck::noteRepetition(PendingSite &Site, const Stmt &S,
                                     ASTContext &Ctx) {
  const Stmt *Loop = enclosingLoop(S, Ctx);
  if (!Loop)
    return;
  std::optional<SourcePoint> At = userPoint(Loop->getBeginLoc(), Ctx.getSourceManager());
  setRepetition(Site, *Loop, At);
  // The advice checks tell a thread per item from a fixed set of workers.
  if (facts() && At)
    facts()->SiteLoops.push_back(describeSiteLoop(*Loop, Site.Where, *At, Ctx, rules()));
}

void ThreadSiteCheck::noteEntry(PendingSite &Site, const CallableEntry &Entry,
                                const SourceManager &SM) {
  if (!Entry.Function)
    return;
  const FunctionDecl *Def = Entry.Function->getDefinition();
  const FunctionDecl *Shown = Def ? Def : Entry.Function;
  std::optional<SourcePoint> At = anyPoint(Shown->getLocation(), SM);
  if (!At || (At->File == Site.Where.File && At->Line == Site.Where.Line))
    return;
  std::string What = Entry.What == CallableEntry::Kind::Lambda
                         ? "the lambda"
                         : "'" + ruleName(*Entry.Function) + "'";
  Site.Notes.push_back({*At, What + (Def ? " is defined here" : " is declared here")});
}

void ThreadSiteCheck::addSite(const ThreadApiRule &Rule, const Stmt &S,
                              const CallableEntry *Entry, std::string Suffix,
                              std::map<std::string, std::string> Properties,
                              ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::optional<SourcePoint> Where = userPoint(S.getBeginLoc(), SM);
  if (!Where)
    return;
  PendingSite Site;
  Site.Where = *Where;
  Site.Api = Rule.Api;
  Site.Suffix = std::move(Suffix);
  Site.Properties = std::move(Properties);
  Site.Properties["kind"] = Rule.Kind;
  if (Rule.Kind == "thread") {
    Site.Action = Entry ? "starts a thread running" : "starts a thread";
    Site.Plural = "threads";
  } else if (Rule.Kind == "task") {
    Site.Action = Entry ? "starts a task running" : "starts a task";
    Site.Plural = "tasks";
  } else {
    Site.Action = Entry ? "creates a thread pool running" : "creates a thread pool";
    Site.Plural = "thread pools";
  }
  if (Entry) {
    Site.Entries.insert(describeEntry(*Entry, SM));
    Site.EntryNames.insert(entryName(*Entry, SM));
    Site.Properties["entry-kind"] = callableKindName(Entry->What);
    noteEntry(Site, *Entry, SM);
  }
  noteRepetition(Site, S, Ctx);
  if (facts() && Entry && Entry->Function)
    if (const FunctionDecl *Caller = enclosingFunction(S, Ctx))
      facts()->ThreadStarts.push_back({functionUsr(*Caller, SM), usrOf(*Entry->Function), Rule.Api,
                                       *Where, /*Many=*/Site.Loop.has_value()});
  Sites.add(std::move(Site));
}

} // namespace conc
