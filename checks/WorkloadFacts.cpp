//===- checks/WorkloadFacts.cpp --------------------------------------------===//
#include "checks/WorkloadFacts.h"

#include "checks/ApiNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/StmtOpenMP.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

namespace conc {

using namespace clang;

static bool isLoop(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

/// The names a rule may give a method call: the method's own, and the same
/// member of the object's class and of each of its bases. libstdc++ declares
/// future's wait() in its base std::__basic_future, and Taskflow's tf::Future
/// derives from std::future: both `F.wait()` are std::future::wait to a user
/// and to rules/io.yaml.
static std::vector<std::string> methodNames(const CXXMethodDecl &Method, const Expr *Call) {
  std::vector<std::string> Names{ruleName(Method)};
  const auto *MemberCall = dyn_cast_or_null<CXXMemberCallExpr>(Call);
  const Expr *ObjectExpr = MemberCall ? MemberCall->getImplicitObjectArgument() : nullptr;
  if (!ObjectExpr)
    return Names;
  // Before the derived-to-base conversion to the method's class.
  QualType ObjectType = ObjectExpr->IgnoreParenImpCasts()->getType();
  if (ObjectType->isPointerType())
    ObjectType = ObjectType->getPointeeType();
  const CXXRecordDecl *Object = ObjectType->getAsCXXRecordDecl();
  if (!Object || !Object->hasDefinition() || !Method.getIdentifier())
    return Names;
  const std::string Member = "::" + Method.getName().str();
  Names.push_back(ruleName(*Object) + Member);
  Object->forallBases([&](const CXXRecordDecl *Base) {
    Names.push_back(ruleName(*Base) + Member);
    return true;
  });
  return Names;
}

const WorkloadCallRule *WorkloadFacts::ruleFor(const FunctionDecl &Callee, const Expr *Call,
                                               bool &Blocking) const {
  Blocking = false;
  // A function the program defines itself (its own `compress`) is not the
  // library's: its body is analysed like any other code.
  const SourceManager &SM = Ctx.getSourceManager();
  if (const FunctionDecl *Def = Callee.getDefinition();
      Def && !SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())))
    return nullptr;
  std::vector<std::string> Names;
  ApiForm Form = ApiForm::Function;
  if (const auto *C = dyn_cast<CXXConstructorDecl>(&Callee)) {
    Names.push_back(ruleName(*C->getParent()));
    Form = ApiForm::Constructor;
  } else if (const auto *M = dyn_cast<CXXMethodDecl>(&Callee); M && M->isInstance()) {
    Names = methodNames(*M, Call);
    Form = ApiForm::Method;
  } else {
    Names.push_back(ruleName(Callee));
  }
  for (const std::string &Name : Names)
    if (const WorkloadCallRule *R = Rules.findBlockingCall(Name, Form)) {
      Blocking = true;
      return R;
    }
  Blocking = false;
  for (const std::string &Name : Names)
    if (const WorkloadCallRule *R = Rules.findCpuHeavyCall(Name, Form))
      return R;
  return nullptr;
}

void WorkloadFacts::noteCall(const Expr &Call, const FunctionDecl &Callee,
                             const std::string &CodeUsr, unsigned LoopDepth,
                             bool PerItemLoop, const std::set<std::string> &Held,
                             const std::string &Gil) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (LoopDepth > 0 && !SM.isInSystemHeader(SM.getExpansionLoc(Callee.getLocation()))) {
    std::string CalleeUsr = functionUsr(Callee, SM);
    if (!CalleeUsr.empty())
      Out.LoopedCalls.push_back({CodeUsr, CalleeUsr, PerItemLoop});
  }
  bool Blocking = false;
  const WorkloadCallRule *Rule = ruleFor(Callee, &Call, Blocking);
  if (!Rule)
    return;
  std::optional<SourcePoint> Where = Resolve(Call.getBeginLoc());
  if (!Where)
    return;
  Out.WorkCalls.push_back({CodeUsr, Rule->Api, Rule->Kind, Blocking, Rule->Strong, *Where,
                           LoopDepth, std::vector<std::string>(Held.begin(), Held.end()), Gil});
}

/// Arithmetic the nest writes: + - * / % << >> & | ^ and their compound
/// assignments on numbers (pointer arithmetic walks memory, it computes
/// nothing).
static bool isArithmetic(const BinaryOperator &B) {
  BinaryOperatorKind Op = B.isCompoundAssignmentOp()
                              ? BinaryOperator::getOpForCompoundAssignment(B.getOpcode())
                              : B.getOpcode();
  if (!(B.isMultiplicativeOp() || B.isAdditiveOp() || B.isShiftOp() || B.isBitwiseOp() ||
        (B.isCompoundAssignmentOp() &&
         (Op == BO_Mul || Op == BO_Div || Op == BO_Rem || Op == BO_Add || Op == BO_Sub ||
          Op == BO_Shl || Op == BO_Shr || Op == BO_And || Op == BO_Or || Op == BO_Xor))))
    return false;
  QualType T = B.getType();
  return !T.isNull() && T->isArithmeticType();
}

WorkloadFacts::Nest WorkloadFacts::scan(const Stmt *S) const {
  Nest N;
  if (!S)
    return N;
  // Another function's body: it runs when called, not here.
  if (isa<LambdaExpr, BlockExpr>(S))
    return N;
  const SourceManager &SM = Ctx.getSourceManager();
  if (const auto *B = dyn_cast<BinaryOperator>(S); B && isArithmetic(*B))
    ++N.Operations;
  if (const auto *C = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = C->getDirectCallee();
    bool Blocking = false;
    const WorkloadCallRule *Rule = Callee ? ruleFor(*Callee, C, Blocking) : nullptr;
    if (Rule && !Blocking)
      ++N.Operations; // std::sqrt, std::sort: work of the nest itself
    // User code and blocking calls make the nest something else; cheap
    // library code (operator[], size()) and builtins do not.
    else if (!Callee || Blocking ||
             !SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())))
      N.Calls = true;
  }
  if (const auto *C = dyn_cast<CXXConstructExpr>(S))
    if (const CXXConstructorDecl *D = C->getConstructor();
        D && !D->isTrivial() && !SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      N.Calls = true;
  unsigned Inner = 0;
  for (const Stmt *Child : S->children()) {
    Nest C = scan(Child);
    N.Calls |= C.Calls;
    N.Operations += C.Operations;
    Inner = std::max(Inner, C.Depth);
  }
  N.Depth = Inner + (isLoop(S) ? 1 : 0);
  return N;
}

void WorkloadFacts::recordNests(const Stmt &Loop, const std::string &CodeUsr,
                                unsigned Enclosing, const std::set<std::string> &Held,
                                const std::string &Gil) {
  // A loop a library macro expands to (FD_ZERO, FD_SET) is the library's
  // bookkeeping, not the program's computation.
  if (Ctx.getSourceManager().isInSystemMacro(Loop.getBeginLoc()))
    return;
  Nest N = scan(&Loop);
  if (!N.Calls) {
    if (N.Operations == 0)
      return;
    if (std::optional<SourcePoint> Where = Resolve(Loop.getBeginLoc()))
      Out.ComputeLoops.push_back({CodeUsr, *Where, N.Depth, N.Operations, Enclosing,
                                  std::vector<std::string>(Held.begin(), Held.end()), Gil});
    return;
  }
  // The loop calls something: look for call-free nests inside it.
  std::vector<const Stmt *> Work(Loop.child_begin(), Loop.child_end());
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S || isa<LambdaExpr, BlockExpr>(S))
      continue;
    if (isLoop(S)) {
      recordNests(*S, CodeUsr, Enclosing + 1, Held, Gil);
      continue;
    }
    Work.insert(Work.end(), S->child_begin(), S->child_end());
  }
}

/// The bound `n` of `i < n`, `i <= n`, `i != n`, or null.
static const Expr *upperBound(const ForStmt &F) {
  const auto *B = dyn_cast_or_null<BinaryOperator>(F.getCond() ? F.getCond()->IgnoreParenImpCasts()
                                                               : nullptr);
  if (B && (B->getOpcode() == BO_LT || B->getOpcode() == BO_LE || B->getOpcode() == BO_NE))
    return B->getRHS()->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(F.getCond());
      Op && Op->getNumArgs() == 2 &&
      (Op->getOperator() == OO_Less || Op->getOperator() == OO_ExclaimEqual))
    return Op->getArg(1)->IgnoreParenImpCasts();
  return nullptr;
}

/// Whether `E` calls one of the rules' core-count-functions.
static bool isCoreCount(const Expr *E, const RuleSet &Rules) {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
  return F && llvm::any_of(Rules.CoreCountFunctions,
                           [&](const NamedApiRule &R) { return R.Api == ruleName(*F); });
}

long long coreFactor(const Expr *E, ASTContext &Ctx, const RuleSet &Rules) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
        V && V->hasLocalStorage() && V->getInit())
      E = V->getInit()->IgnoreParenImpCasts();
  if (isCoreCount(E, Rules))
    return 1;
  const auto *Mul = dyn_cast<BinaryOperator>(E);
  if (!Mul || Mul->getOpcode() != BO_Mul)
    return 0;
  for (auto [Count, Factor] : {std::pair{Mul->getLHS(), Mul->getRHS()},
                               std::pair{Mul->getRHS(), Mul->getLHS()}}) {
    Expr::EvalResult Value;
    if (isCoreCount(Count, Rules) && !Factor->isValueDependent() &&
        Factor->EvaluateAsInt(Value, Ctx))
      return Value.Val.getInt().getExtValue();
  }
  return 0;
}

SiteLoopFact describeSiteLoop(const Stmt &Loop, const SourcePoint &Site,
                              const SourcePoint &LoopWhere, ASTContext &Ctx,
                              const RuleSet &Rules) {
  SiteLoopFact F;
  F.Site = Site;
  F.Loop = LoopWhere;
  if (isa<CXXForRangeStmt>(Loop)) {
    F.Shape = "range";
    F.PerItem = true;
  } else if (isa<WhileStmt, DoStmt>(Loop)) {
    F.Shape = "while";
    F.PerItem = true;
  } else if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
    if (!For->getCond()) {
      F.Shape = "while"; // for (;;): a serving loop
      F.PerItem = true;
      return F;
    }
    F.Shape = "counted";
    const Expr *Bound = upperBound(*For);
    Expr::EvalResult Value;
    if (Bound && !Bound->isValueDependent() && Bound->EvaluateAsInt(Value, Ctx)) {
      F.Bound = Value.Val.getInt().getExtValue();
    } else if (Bound) {
      F.CoreFactor = coreFactor(Bound, Ctx, Rules);
      // Up to a container's size: one iteration per item. Up to a plain
      // variable (a worker count): a fixed set of workers.
      const Expr *E = Bound;
      if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
        E = Cast->getSubExpr()->IgnoreParenImpCasts();
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
        if (const CXXMethodDecl *M = Call->getMethodDecl())
          F.PerItem = M->getIdentifier() &&
                      (M->getName() == "size" || M->getName() == "length");
    }
  } else if (isa<OMPExecutableDirective>(Loop)) {
    F.Shape = "openmp"; // the site runs on the threads of an OpenMP team
  } else {
    F.Shape = "other";
  }
  return F;
}

void WorkloadFacts::noteOutermostLoop(const Stmt &Loop, const std::string &CodeUsr,
                                      const std::set<std::string> &Held,
                                      const std::string &Gil) {
  recordNests(Loop, CodeUsr, 0, Held, Gil);
}

} // namespace conc
