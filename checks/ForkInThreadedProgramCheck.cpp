//===- checks/ForkInThreadedProgramCheck.cpp - conc-fork-in-threaded-program ===//
//
// Per unit: every fork (a process API of kind fork) becomes a ForkFact with
// what the AST shows of the child: its branch (`if (pid == 0)`, `if (!pid)`,
// `case 0:`, `if (fork() == 0)`, or the else of `if (pid)`/`pid != 0`), and
// the first call in it, before exec or _exit, that rules call not
// async-signal-safe. Over the program: reported when other threads may run
// at the fork (its code runs on a thread other than main, or the program
// starts threads and the fork is not in `main` before its first start) and
// the child makes such a call, or its branch was not found.
//
//===----------------------------------------------------------------------===//
#include "checks/ForkInThreadedProgramCheck.h"
#include "checks/ForkChild.h"

#include "checks/ApiNames.h"
#include "checks/FactExtractor.h"
#include "checks/ThreadWording.h"
#include "model/ProgramModel.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/StringExtras.h"

namespace conc {

using namespace clang;
using namespace clang::ast_matchers;

void ForkInThreadedProgramCheck::registerMatchers(MatchFinder &Finder) {
  std::vector<std::string> Names;
  for (const ProcessApiRule &R : rules().ProcessApis)
    if (R.Kind == "fork")
      Names.push_back(R.Api);
  addCallMatcher(Finder, Names, this);
}

namespace {

const Stmt *parentStmt(const Stmt &S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(S);
  return Parents.empty() ? nullptr : Parents[0].get<Stmt>();
}

/// The parent, past parentheses, implicit casts and cleanups.
const Stmt *parentPastWrappers(const Stmt *S, ASTContext &Ctx, const Stmt *&Child) {
  Child = S;
  const Stmt *P = parentStmt(*S, Ctx);
  while (P && (isa<ParenExpr, ImplicitCastExpr, ExprWithCleanups, FullExpr>(P) ||
               (isa<CStyleCastExpr>(P)))) {
    Child = P;
    P = parentStmt(*P, Ctx);
  }
  return P;
}

bool isZero(const Expr *E, ASTContext &Ctx) {
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (E->isValueDependent())
    return false;
  Expr::EvalResult R;
  return E->EvaluateAsInt(R, Ctx) && R.Val.getInt() == 0;
}

/// How a condition tests a fork's result `Is(E)`: Then when the child runs
/// the then-branch (`r == 0`, `!r`), Else when it runs the else-branch
/// (`r`, `r != 0`), None when the condition says nothing we understand.
enum class Branch { None, Then, Else };

template <typename IsResult>
Branch childBranchOf(const Expr *Cond, ASTContext &Ctx, IsResult Is) {
  if (!Cond)
    return Branch::None;
  Cond = Cond->IgnoreParenImpCasts();
  if (Is(Cond))
    return Branch::Else;
  if (const auto *U = dyn_cast<UnaryOperator>(Cond); U && U->getOpcode() == UO_LNot) {
    Branch B = childBranchOf(U->getSubExpr(), Ctx, Is);
    return B == Branch::Then ? Branch::Else : B == Branch::Else ? Branch::Then : B;
  }
  if (const auto *B = dyn_cast<BinaryOperator>(Cond);
      B && (B->getOpcode() == BO_EQ || B->getOpcode() == BO_NE)) {
    const Expr *L = B->getLHS()->IgnoreParenImpCasts();
    const Expr *R = B->getRHS()->IgnoreParenImpCasts();
    if ((Is(L) && isZero(R, Ctx)) || (Is(R) && isZero(L, Ctx)))
      return B->getOpcode() == BO_EQ ? Branch::Then : Branch::Else;
  }
  // `r > 0`: the parent; the else-branch is the child (or the failure).
  if (const auto *B = dyn_cast<BinaryOperator>(Cond); B && B->getOpcode() == BO_GT)
    if (Is(B->getLHS()->IgnoreParenImpCasts()) && isZero(B->getRHS(), Ctx))
      return Branch::Else;
  return Branch::None;
}

/// The statements after `case 0:` in a switch over the result, up to the
/// next case or break, as one list.
std::vector<const Stmt *> caseZero(const SwitchStmt &S, ASTContext &Ctx) {
  std::vector<const Stmt *> Out;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(S.getBody());
  if (!Body)
    return Out;
  bool In = false;
  for (const Stmt *Child : Body->body()) {
    const Stmt *Inner = Child;
    while (const auto *C = dyn_cast<SwitchCase>(Inner)) {
      const auto *Case = dyn_cast<CaseStmt>(C);
      In = Case && isZero(Case->getLHS(), Ctx);
      Inner = C->getSubStmt();
    }
    if (!In)
      continue;
    if (isa<BreakStmt>(Inner))
      break;
    Out.push_back(Inner);
  }
  return Out;
}

/// The child's code for a condition or switch `S` over the result, if `S`
/// tests it in a way we understand.
template <typename IsResult>
std::optional<std::vector<const Stmt *>> childCodeOf(const Stmt &S, ASTContext &Ctx,
                                                     IsResult Is) {
  if (const auto *If = dyn_cast<IfStmt>(&S)) {
    switch (childBranchOf(If->getCond(), Ctx, Is)) {
    case Branch::Then:
      return std::vector<const Stmt *>{If->getThen()};
    case Branch::Else:
      // No else: the child runs on after the `if`, out of sight.
      if (!If->getElse())
        return std::nullopt;
      return std::vector<const Stmt *>{If->getElse()};
    case Branch::None:
      return std::nullopt;
    }
  }
  if (const auto *Sw = dyn_cast<SwitchStmt>(&S)) {
    const Expr *Cond = Sw->getCond() ? Sw->getCond()->IgnoreParenImpCasts() : nullptr;
    if (Cond && Is(Cond))
      return caseZero(*Sw, Ctx);
  }
  return std::nullopt;
}

/// Pre-order search of `S` for the first statement that finds a match.
template <typename Fn> const Stmt *findFirst(const Stmt *S, Fn Pred) {
  if (!S)
    return nullptr;
  if (Pred(*S))
    return S;
  for (const Stmt *C : S->children())
    if (const Stmt *Found = findFirst(C, Pred))
      return Found;
  return nullptr;
}

} // namespace

std::optional<std::vector<const Stmt *>>
findChildCode(const CallExpr &Fork, const FunctionDecl *Function, ASTContext &Ctx) {
  // Climb from the call: `if (fork() == 0)`, `switch (fork())`, `pid = fork()`.
  const Stmt *Child = nullptr;
  const Stmt *At = &Fork;
  const VarDecl *Result = nullptr;
  for (unsigned Depth = 0; Depth < 4 && At; ++Depth) {
    const Stmt *P = parentPastWrappers(At, Ctx, Child);
    if (!P) {
      // A variable's initializer: the parent is the declaration.
      DynTypedNodeList Parents = Ctx.getParents(*Child);
      if (!Parents.empty())
        if (const auto *V = Parents[0].get<VarDecl>())
          Result = V;
      break;
    }
    const Expr *Value = cast<Expr>(At)->IgnoreParenImpCasts();
    auto IsCall = [&](const Expr *E) { return E->IgnoreParenImpCasts() == Value; };
    if (isa<IfStmt, SwitchStmt>(P))
      return childCodeOf(*P, Ctx, IsCall);
    if (const auto *B = dyn_cast<BinaryOperator>(P)) {
      if (B->getOpcode() == BO_Assign) {
        if (const auto *Ref = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenImpCasts()))
          Result = dyn_cast<VarDecl>(Ref->getDecl());
        // `(pid = fork()) == 0`: the assignment's value is the result.
        const Stmt *AssignChild = nullptr;
        const Stmt *Up = parentPastWrappers(B, Ctx, AssignChild);
        if (Up && (isa<IfStmt, SwitchStmt>(Up) ||
                   (isa<BinaryOperator>(Up) &&
                    cast<BinaryOperator>(Up)->isEqualityOp()) ||
                   (isa<UnaryOperator>(Up) &&
                    cast<UnaryOperator>(Up)->getOpcode() == UO_LNot))) {
          At = B;
          continue;
        }
        break;
      }
      if (B->isEqualityOp()) {
        const Stmt *CondChild = nullptr;
        const Stmt *Up = parentPastWrappers(B, Ctx, CondChild);
        if (Up && isa<IfStmt>(Up))
          return childCodeOf(*Up, Ctx, IsCall);
        break;
      }
      break;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(P); U && U->getOpcode() == UO_LNot) {
      const Stmt *CondChild = nullptr;
      const Stmt *Up = parentPastWrappers(U, Ctx, CondChild);
      if (Up && isa<IfStmt>(Up))
        return childCodeOf(*Up, Ctx, IsCall);
      break;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      if (DS->isSingleDecl())
        Result = dyn_cast<VarDecl>(DS->getSingleDecl());
      break;
    }
    break;
  }
  if (!Result || !Function || !Function->getBody())
    return std::nullopt;
  // The first test of the variable after the fork, in source order.
  const SourceManager &SM = Ctx.getSourceManager();
  auto IsVar = [&](const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return Ref && Ref->getDecl() == Result;
  };
  std::optional<std::vector<const Stmt *>> Found;
  findFirst(Function->getBody(), [&](const Stmt &S) {
    if (!isa<IfStmt, SwitchStmt>(S) ||
        SM.isBeforeInTranslationUnit(S.getBeginLoc(), Fork.getBeginLoc()))
      return false;
    Found = childCodeOf(S, Ctx, IsVar);
    return Found.has_value();
  });
  return Found;
}

void ForkInThreadedProgramCheck::run(const MatchFinder::MatchResult &Result) {
  const auto *E = Result.Nodes.getNodeAs<CallExpr>("call");
  const FunctionDecl *Callee = E ? E->getDirectCallee() : nullptr;
  if (!Callee || !facts() || isa<CXXMethodDecl>(Callee))
    return;
  const ProcessApiRule *Rule = rules().findProcessApi(ruleName(*Callee), ApiForm::Function);
  if (!Rule || Rule->Kind != "fork")
    return;
  std::optional<CodePoint> At = codePointOf(*E, *Result.Context);
  if (!At)
    return;
  ASTContext &Ctx = *Result.Context;
  ForkFact F;
  F.CallerUsr = At->CodeUsr;
  F.Api = Rule->Api;
  F.Where = At->Where;

  // The function whose body holds the fork (a lambda's call operator).
  const FunctionDecl *Function = nullptr;
  for (DynTypedNodeList Parents = Ctx.getParents(*E); !Parents.empty();
       Parents = Ctx.getParents(Parents[0])) {
    if ((Function = Parents[0].get<FunctionDecl>()))
      break;
    if (const auto *L = Parents[0].get<LambdaExpr>()) {
      Function = L->getCallOperator();
      break;
    }
  }
  std::optional<std::vector<const Stmt *>> Code = findChildCode(*E, Function, Ctx);
  if (!Code) {
    F.ChildUnknown = true;
  } else {
    // The first call before exec or _exit that is not async-signal-safe.
    bool Done = false;
    for (const Stmt *S : *Code) {
      if (Done)
        break;
      findFirst(S, [&](const Stmt &X) {
        std::string Name;
        if (const auto *C = dyn_cast<CallExpr>(&X)) {
          const FunctionDecl *D = C->getDirectCallee();
          if (!D)
            return false; // through a pointer: unknown, not reported
          Name = ruleName(*D);
          if (llvm::StringRef(Name).starts_with("__builtin"))
            return false;
          if (const ProcessApiRule *R = rules().findProcessApi(Name, ApiForm::Function);
              R && R->Kind == "exec") {
            Done = true;
            return true;
          }
          if (Name == "_exit" || Name == "_Exit") {
            Done = true;
            return true;
          }
          if (rules().isAsyncSignalSafe(Name))
            return false;
        } else if (isa<CXXNewExpr>(&X)) {
          Name = "operator new";
        } else if (isa<CXXDeleteExpr>(&X)) {
          Name = "operator delete";
        } else if (isa<CXXThrowExpr>(&X)) {
          Name = "throw";
        } else {
          return false;
        }
        std::optional<SourcePoint> P = userPoint(X.getBeginLoc(), Ctx.getSourceManager());
        if (!P)
          return false;
        F.ChildCall = Name;
        F.ChildCallWhere = *P;
        Done = true;
        return true;
      });
    }
  }
  Pending.push_back(std::move(F));
}

void ForkInThreadedProgramCheck::onEndOfTranslationUnit() {
  if (!facts())
    return;
  // Sequential: no thread the fork's function started (an OpenMP region
  // excepted: it ends before the code after it) comes before it.
  for (ForkFact &F : Pending) {
    F.Sequential = llvm::none_of(facts()->ThreadStarts, [&](const ThreadStartFact &S) {
      return S.CallerUsr == F.CallerUsr && S.EntryUsr.find("@omp:") == std::string::npos &&
             S.Where < F.Where;
    });
    facts()->Forks.push_back(std::move(F));
  }
  Pending.clear();
}

void ForkInThreadedProgramCheck::concludeProgram(const ProgramModel &Model) {
  for (const ForkFact &F : Model.forks()) {
    if (!F.ChildUnknown && F.ChildCall.empty())
      continue; // the child only makes async-signal-safe calls before exec
    std::vector<unsigned> Contexts = Model.contextsOf(F.CallerUsr);
    const ThreadContext *OnThread = nullptr;
    unsigned OnThreadIndex = 0;
    for (unsigned C : Contexts)
      if (!Model.contexts()[C].IsMain) {
        OnThread = &Model.contexts()[C];
        OnThreadIndex = C;
        break;
      }
    std::vector<ThreadStartFact> Starts;
    if (!OnThread) {
      Starts = Model.programStarts(F.CallerUsr);
      if (Starts.empty())
        continue; // a program without threads
      const FunctionFact *Fn = Model.function(F.CallerUsr);
      if (Fn && Fn->IsProgramEntry && F.Sequential)
        continue; // main forks before it starts a thread
    }
    std::string Message = "'" + F.Api +
                          "' is called while other threads may run; the child gets a copy "
                          "of locked mutexes (a malloc or stdio lock held by another "
                          "thread stays locked forever) and may only make "
                          "async-signal-safe calls before exec";
    if (!F.ChildCall.empty())
      Message += "; '" + F.ChildCall + "' is not one";
    Message += "; use posix_spawn, or fork before starting threads";
    Finding &R = report(F.Where, Message);
    if (F.ChildUnknown)
      R.Notes.push_back({F.Where, "the child's code (where '" + F.Api +
                                      "' returns 0) was not found; check that it makes "
                                      "only async-signal-safe calls before exec"});
    else
      R.Notes.push_back({F.ChildCallWhere, "'" + F.ChildCall +
                                               "' is not async-signal-safe and runs in "
                                               "the child before exec"});
    if (OnThread) {
      if (!OnThread->Starts.empty()) {
        R.Notes.push_back({OnThread->Starts.front().Where,
                           describeContext(*OnThread) + " is started here"});
        std::vector<std::string> Path = Model.callPath(OnThreadIndex, F.CallerUsr);
        if (Path.size() > 1)
          R.Notes.push_back(
              {OnThread->Starts.front().Where, "call path: " + callPathText(Path)});
      }
    } else {
      const ThreadStartFact &S = Starts.front();
      R.Notes.push_back({S.Where, "a thread is started here (" + S.Api + " in '" +
                                      Model.functionName(S.CallerUsr) + "')"});
    }
    R.Properties["api"] = F.Api;
    if (!F.ChildCall.empty())
      R.Properties["child-call"] = F.ChildCall;
    R.Properties["child-found"] = F.ChildUnknown ? "false" : "true";
  }
}

} // namespace conc
