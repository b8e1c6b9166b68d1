//===- checks/ThreadArgument.cpp -------------------------------------------===//
#include "checks/ThreadArgument.h"

#include "checks/ApiNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace conc {

using namespace clang;

const VarDecl *frameLocal(const ValueDecl *D) {
  if (const auto *B = dyn_cast_or_null<BindingDecl>(D))
    D = B->getDecomposedDecl();
  const auto *V = dyn_cast_or_null<VarDecl>(D);
  if (!V || !V->hasLocalStorage() || V->getType()->isReferenceType())
    return nullptr;
  return V;
}

const VarDecl *storageLocal(const Expr *E, const DeclRefExpr **Whole) {
  if (Whole)
    *Whole = nullptr;
  bool Part = false;
  while (E) {
    E = E->IgnoreParens();
    if (const auto *M = dyn_cast<MemberExpr>(E)) {
      if (M->isArrow())
        return nullptr;
      E = M->getBase();
      Part = true;
    } else if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      const Expr *Base = A->getBase()->IgnoreParens();
      const auto *Decay = dyn_cast<ImplicitCastExpr>(Base);
      if (!Decay || Decay->getCastKind() != CK_ArrayToPointerDecay)
        return nullptr;
      E = Decay->getSubExpr();
      Part = true;
    } else if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
      const VarDecl *V = frameLocal(D->getDecl());
      if (V && Whole && !Part && isa<VarDecl>(D->getDecl()))
        *Whole = D;
      return V;
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

/// std::thread copies its arguments ([thread.thread.constr]); the standard
/// way to pass a reference through that copy is a reference_wrapper (what
/// std::ref and std::cref return). Identified by its type, not by the
/// function that made it.
static bool isReferenceWrapper(QualType T) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return false;
  std::string Name = ruleName(*RD);
  return Name == "std::reference_wrapper" || Name == "boost::reference_wrapper";
}

Referent referentOf(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      if (Cast->getCastKind() == CK_ArrayToPointerDecay) {
        if (const VarDecl *V = storageLocal(Cast->getSubExpr()))
          return {Referent::PointerToLocal, V};
        return {};
      }
      E = Cast->getSubExpr();
    } else if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
      E = Cast->getSubExpr(); // (void *)&local
    } else if (const auto *W = dyn_cast<ExprWithCleanups>(E)) {
      E = W->getSubExpr();
    } else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = M->getSubExpr();
    } else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = B->getSubExpr();
    } else {
      break;
    }
  }
  if (!E)
    return {};
  if (isa<CXXThisExpr>(E))
    return {Referent::This, nullptr};
  // A local array bound to std::thread's forwarding reference: the thread
  // decays its copy of the argument to a pointer into the array.
  if (E->getType()->isArrayType()) {
    if (const VarDecl *V = storageLocal(E))
      return {Referent::PointerToLocal, V};
    return {};
  }
  const DeclRefExpr *Whole = nullptr;
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf) {
    if (const VarDecl *V = storageLocal(U->getSubExpr(), &Whole))
      return {Referent::PointerToLocal, V, Whole};
    return {};
  }
  // std::ref(x), std::cref(x), std::reference_wrapper<T>(x).
  if (isReferenceWrapper(E->getType())) {
    const Expr *Wrapped = nullptr;
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() == 1)
      Wrapped = Call->getArg(0);
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
             C && C->getNumArgs() == 1 && !C->getConstructor()->isCopyOrMoveConstructor())
      Wrapped = C->getArg(0);
    if (const VarDecl *V = Wrapped ? storageLocal(Wrapped, &Whole) : nullptr)
      return {Referent::LocalByReference, V, Whole};
  }
  return {};
}

} // namespace conc
