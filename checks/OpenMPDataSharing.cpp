//===- checks/OpenMPDataSharing.cpp ----------------------------------------===//
#include "checks/OpenMPDataSharing.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/OpenMPClause.h"
#include "clang/Basic/OpenMPKinds.h"

namespace conc {

using namespace clang;

static const VarDecl *variableOf(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  // An array section or element (reduction(+: a[0:n])) names its array.
  while (true) {
    if (const auto *S = dyn_cast<ArraySubscriptExpr>(E))
      E = S->getBase()->IgnoreParenImpCasts();
    else if (const auto *S = dyn_cast<ArraySectionExpr>(E))
      E = S->getBase()->IgnoreParenImpCasts();
    else
      break;
  }
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(D->getDecl());
  return nullptr;
}

template <typename ClauseT>
static void addVariables(const OMPExecutableDirective &D, std::set<const VarDecl *> &Out) {
  for (const ClauseT *C : D.getClausesOfKind<ClauseT>())
    for (const Expr *E : C->varlists())
      if (const VarDecl *V = variableOf(E))
        Out.insert(V);
}

std::set<const VarDecl *> privatizedVariables(const OMPExecutableDirective &D) {
  std::set<const VarDecl *> Out;
  addVariables<OMPPrivateClause>(D, Out);
  addVariables<OMPFirstprivateClause>(D, Out);
  addVariables<OMPLastprivateClause>(D, Out);
  addVariables<OMPLinearClause>(D, Out);
  addVariables<OMPReductionClause>(D, Out);
  addVariables<OMPTaskReductionClause>(D, Out);
  addVariables<OMPInReductionClause>(D, Out);
  for (const VarDecl *V : distributedLoopCounters(D))
    Out.insert(V);
  return Out;
}

std::set<const VarDecl *> sharedClauseVariables(const OMPExecutableDirective &D) {
  std::set<const VarDecl *> Out;
  addVariables<OMPSharedClause>(D, Out);
  return Out;
}

std::set<const VarDecl *> dependVariables(const OMPExecutableDirective &D) {
  std::set<const VarDecl *> Out;
  addVariables<OMPDependClause>(D, Out);
  return Out;
}

bool defaultIsPrivate(const OMPExecutableDirective &D) {
  for (const OMPDefaultClause *C : D.getClausesOfKind<OMPDefaultClause>())
    if (C->getDefaultKind() == llvm::omp::OMP_DEFAULT_private ||
        C->getDefaultKind() == llvm::omp::OMP_DEFAULT_firstprivate)
      return true;
  return false;
}

/// The for statement under `S`, looking through the compound statements
/// and captured statements a directive wraps its loop in.
static const ForStmt *firstLoop(const Stmt *S) {
  while (S) {
    if (const auto *F = dyn_cast<ForStmt>(S))
      return F;
    if (const auto *C = dyn_cast<CapturedStmt>(S))
      S = C->getCapturedStmt();
    else if (const auto *C = dyn_cast<CompoundStmt>(S); C && C->size() == 1)
      S = C->body_front();
    else if (const auto *A = dyn_cast<AttributedStmt>(S))
      S = A->getSubStmt();
    else
      return nullptr;
  }
  return nullptr;
}

static const VarDecl *counterOf(const ForStmt &F) {
  const Stmt *Init = F.getInit();
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(Init))
    return DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr;
  if (const auto *B = dyn_cast_or_null<BinaryOperator>(Init); B && B->isAssignmentOp())
    return variableOf(B->getLHS());
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Init);
      Op && Op->isAssignmentOp())
    return variableOf(Op->getArg(0));
  return nullptr;
}

std::vector<const VarDecl *> distributedLoopCounters(const OMPExecutableDirective &D) {
  std::vector<const VarDecl *> Out;
  const auto *Loop = dyn_cast<OMPLoopDirective>(&D);
  if (!Loop)
    return Out;
  OpenMPDirectiveKind K = D.getDirectiveKind();
  if (!isOpenMPWorksharingDirective(K) && !isOpenMPDistributeDirective(K) &&
      !isOpenMPTaskLoopDirective(K) && !isOpenMPGenericLoopDirective(K))
    return Out; // `simd` alone: one thread runs every iteration
  // ordered(n) associates n loops with the directive, as collapse(n) does.
  unsigned Loops = Loop->getLoopsNumber();
  for (const OMPOrderedClause *C : D.getClausesOfKind<OMPOrderedClause>())
    if (C->getNumForLoops())
      Loops = std::max<unsigned>(Loops, C->getLoopNumIterations().size());
  const Stmt *Body = D.hasAssociatedStmt() ? D.getAssociatedStmt() : nullptr;
  for (unsigned N = 0; N < Loops; ++N) {
    const ForStmt *F = firstLoop(Body);
    if (!F)
      break;
    if (const VarDecl *V = counterOf(*F))
      Out.push_back(V);
    Body = F->getBody();
  }
  return Out;
}

bool endsWithBarrier(const OMPExecutableDirective &D) {
  OpenMPDirectiveKind K = D.getDirectiveKind();
  bool Worksharing = K == llvm::omp::OMPD_for || K == llvm::omp::OMPD_for_simd ||
                     K == llvm::omp::OMPD_sections || K == llvm::omp::OMPD_single ||
                     K == llvm::omp::OMPD_loop;
  return Worksharing && D.getClausesOfKind<OMPNowaitClause>().empty();
}

bool runsOnOneThread(const OMPExecutableDirective &D) {
  OpenMPDirectiveKind K = D.getDirectiveKind();
  return K == llvm::omp::OMPD_single || K == llvm::omp::OMPD_master ||
         K == llvm::omp::OMPD_masked || K == llvm::omp::OMPD_section;
}

static std::optional<long long> constantOf(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult R;
  if (E && !E->isValueDependent() && E->EvaluateAsInt(R, Ctx))
    return R.Val.getInt().getExtValue();
  return std::nullopt;
}

std::optional<long long> teamThreadNumber(const OMPExecutableDirective &D,
                                          const ASTContext &Ctx) {
  OpenMPDirectiveKind K = D.getDirectiveKind();
  if (K == llvm::omp::OMPD_master)
    return 0;
  if (K != llvm::omp::OMPD_masked)
    return std::nullopt;
  for (const OMPFilterClause *C : D.getClausesOfKind<OMPFilterClause>())
    return constantOf(C->getThreadID(), Ctx);
  return 0; // no filter: the primary thread
}

bool isSectionsConstruct(const OMPExecutableDirective &D) {
  OpenMPDirectiveKind K = D.getDirectiveKind();
  return K == llvm::omp::OMPD_sections || K == llvm::omp::OMPD_parallel_sections;
}

bool isUndeferredTask(const OMPExecutableDirective &D, const ASTContext &Ctx) {
  if (D.getDirectiveKind() != llvm::omp::OMPD_task)
    return false;
  for (const OMPIfClause *C : D.getClausesOfKind<OMPIfClause>()) {
    OpenMPDirectiveKind M = C->getNameModifier();
    if (M != llvm::omp::OMPD_unknown && M != llvm::omp::OMPD_task)
      continue;
    if (auto V = constantOf(C->getCondition(), Ctx))
      return *V == 0;
  }
  return false;
}

bool mayFormSeveralTeams(const OMPExecutableDirective &D, const ASTContext &Ctx) {
  if (!isOpenMPTeamsDirective(D.getDirectiveKind()))
    return false;
  for (const OMPNumTeamsClause *C : D.getClausesOfKind<OMPNumTeamsClause>())
    if (auto N = constantOf(C->getNumTeams(), Ctx); N && *N == 1)
      return false;
  return true;
}

std::vector<std::pair<const VarDecl *, long long>>
linearVariables(const OMPExecutableDirective &D, const ASTContext &Ctx) {
  std::vector<std::pair<const VarDecl *, long long>> Out;
  for (const OMPLinearClause *C : D.getClausesOfKind<OMPLinearClause>()) {
    std::optional<long long> Step = 1;
    if (C->getStep())
      Step = constantOf(C->getStep(), Ctx);
    if (!Step)
      continue;
    for (const Expr *E : C->varlists())
      if (const VarDecl *V = variableOf(E))
        Out.push_back({V, *Step});
  }
  return Out;
}

std::optional<AffineIndex>
affineIndex(const Expr &Index, const std::vector<const VarDecl *> &Counters,
            const ASTContext &Ctx) {
  auto IsCounter = [&](const Expr *E) -> const VarDecl * {
    const VarDecl *V = variableOf(E->IgnoreParenCasts());
    for (const VarDecl *C : Counters)
      if (C == V)
        return V;
    return nullptr;
  };
  // `i` or `c * i` / `i * c` with a nonzero constant c: the scaled counter.
  auto Scaled = [&](const Expr *E) -> std::optional<AffineIndex> {
    E = E->IgnoreParenCasts();
    if (const VarDecl *V = IsCounter(E))
      return AffineIndex{V, 1, 0};
    const auto *M = dyn_cast<BinaryOperator>(E);
    if (!M || M->getOpcode() != BO_Mul)
      return std::nullopt;
    for (auto [Var, Factor] : {std::pair(M->getLHS(), M->getRHS()),
                               std::pair(M->getRHS(), M->getLHS())})
      if (const VarDecl *V = IsCounter(Var))
        if (auto C = constantOf(Factor, Ctx); C && *C != 0)
          return AffineIndex{V, *C, 0};
    return std::nullopt;
  };
  // Casts of the counter (static_cast<size_t>(i)) do not change the element.
  const Expr *E = Index.IgnoreParenCasts();
  if (auto S = Scaled(E))
    return S;
  const auto *B = dyn_cast<BinaryOperator>(E);
  if (!B || (B->getOpcode() != BO_Add && B->getOpcode() != BO_Sub))
    return std::nullopt;
  if (auto S = Scaled(B->getLHS()))
    if (auto C = constantOf(B->getRHS(), Ctx)) {
      S->Offset = B->getOpcode() == BO_Add ? *C : -*C;
      return S;
    }
  if (B->getOpcode() == BO_Add)
    if (auto S = Scaled(B->getRHS()))
      if (auto C = constantOf(B->getLHS(), Ctx)) {
        S->Offset = *C;
        return S;
      }
  return std::nullopt;
}

} // namespace conc
