//===- checks/CallableEntry.cpp --------------------------------------------===//
#include "checks/CallableEntry.h"

#include "checks/ApiNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

namespace conc {

using namespace clang;

const char *callableKindName(CallableEntry::Kind K) {
  switch (K) {
  case CallableEntry::Kind::Function:
    return "function";
  case CallableEntry::Kind::Method:
    return "method";
  case CallableEntry::Kind::Lambda:
    return "lambda";
  case CallableEntry::Kind::Functor:
    return "functor";
  case CallableEntry::Kind::Unknown:
    return "unknown";
  }
  return "unknown";
}

/// Wrappers whose target is chosen at run time, in general: a std::function
/// object is "unknown", but one built from a lambda right here is the lambda.
static bool isTypeErasingWrapper(const CXXRecordDecl *RD) {
  if (!RD)
    return false;
  std::string Name = ruleName(*RD);
  return Name == "std::function" || Name == "std::move_only_function" ||
         Name == "std::copyable_function" || Name == "std::packaged_task" ||
         Name == "boost::function";
}

/// Strips what does not change which function is called: parentheses,
/// implicit conversions, temporaries, copies and moves, `&f`, `std::move(f)`.
static const Expr *stripWrappers(const Expr *E) {
  while (E) {
    const Expr *Before = E;
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *C = dyn_cast<CXXFunctionalCastExpr>(E))
      E = C->getSubExpr();
    else if (const auto *S = dyn_cast<CXXStaticCastExpr>(E))
      E = S->getSubExpr();
    else if (const auto *U = dyn_cast<UnaryOperator>(E);
             U && U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
             CE && CE->getNumArgs() == 1 &&
             (CE->getConstructor()->isCopyOrMoveConstructor() ||
              isTypeErasingWrapper(CE->getConstructor()->getParent())))
      // A copy, or a lambda converted to the std::function parameter of a
      // pool's submit(): the thread runs what is wrapped.
      E = CE->getArg(0);
    else if (const auto *Call = dyn_cast<CallExpr>(E);
             Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
             Call->getDirectCallee()->isInStdNamespace() &&
             (Call->getDirectCallee()->getName() == "move" ||
              Call->getDirectCallee()->getName() == "forward" ||
              Call->getDirectCallee()->getName() == "ref" ||
              Call->getDirectCallee()->getName() == "cref"))
      E = Call->getArg(0);
    if (E == Before)
      return E;
  }
  return E;
}

static CallableEntry fromRecordType(QualType T) {
  CallableEntry Entry;
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD) {
    Entry.UnknownReason = T->isFunctionPointerType() || T->isMemberFunctionPointerType()
                              ? "function pointer"
                              : "unresolved callable";
    return Entry;
  }
  if (RD->isLambda()) {
    Entry.What = CallableEntry::Kind::Lambda;
    Entry.Function = RD->getLambdaCallOperator();
    return Entry;
  }
  std::string Name = ruleName(*RD);
  if (isTypeErasingWrapper(RD)) {
    Entry.UnknownReason = Name;
    return Entry;
  }
  if (!RD->hasDefinition()) {
    Entry.UnknownReason = "incomplete type";
    return Entry;
  }
  // A functor: the entry is its call operator (the first declared, when it
  // is overloaded: which overload runs depends on the arguments).
  const CXXMethodDecl *Call = nullptr;
  unsigned Count = 0;
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getOverloadedOperator() == OO_Call) {
      if (!Call)
        Call = M;
      ++Count;
    }
  if (Count == 0) {
    // Templated operator() is not among methods(); look it up by name.
    for (const Decl *D : RD->decls())
      if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
        if (const auto *M = dyn_cast<CXXMethodDecl>(FT->getTemplatedDecl());
            M && M->getOverloadedOperator() == OO_Call && !Call) {
          Call = M;
          ++Count;
        }
  }
  if (Count >= 1) {
    Entry.What = CallableEntry::Kind::Functor;
    Entry.Function = Call;
    return Entry;
  }
  Entry.UnknownReason = "'" + Name + "' has no operator()";
  return Entry;
}

static CallableEntry resolve(const Expr *E, ASTContext &Ctx, unsigned Depth) {
  CallableEntry Entry;
  if (!E || Depth > 8) {
    Entry.UnknownReason = "unresolved callable";
    return Entry;
  }
  E = stripWrappers(E);
  if (const auto *L = dyn_cast<LambdaExpr>(E)) {
    Entry.What = CallableEntry::Kind::Lambda;
    Entry.Function = L->getCallOperator();
    return Entry;
  }
  // std::bind(f, args...) / std::bind_front: the thread enters f.
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Call->getNumArgs() >= 1) {
      std::string Name = ruleName(*Callee);
      if (Name == "std::bind" || Name == "std::bind_front" ||
          Name == "boost::bind")
        return resolve(Call->getArg(0), Ctx, Depth + 1);
    }
  }
  const ValueDecl *Referenced = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    Referenced = DRE->getDecl();
  else if (const auto *ME = dyn_cast<MemberExpr>(E))
    Referenced = ME->getMemberDecl();
  if (Referenced) {
    if (const auto *M = dyn_cast<CXXMethodDecl>(Referenced);
        M && !M->isStatic()) {
      Entry.What = CallableEntry::Kind::Method;
      Entry.Function = M;
      return Entry;
    }
    if (const auto *F = dyn_cast<FunctionDecl>(Referenced)) {
      Entry.What = CallableEntry::Kind::Function;
      Entry.Function = F;
      return Entry;
    }
    if (const auto *V = dyn_cast<VarDecl>(Referenced)) {
      // `auto work = [&]{...}; std::thread t(work);` and
      // `const auto fp = &f;`: follow an initializer that cannot have changed.
      QualType T = V->getType();
      bool Immutable = T.isConstQualified() || V->isConstexpr() ||
                       (T->getAsCXXRecordDecl() &&
                        T->getAsCXXRecordDecl()->isLambda());
      if (Immutable && V->getInit() && !isa<ParmVarDecl>(V))
        return resolve(V->getInit(), Ctx, Depth + 1);
      return fromRecordType(T);
    }
    if (const auto *FD = dyn_cast<FieldDecl>(Referenced))
      return fromRecordType(FD->getType());
  }
  if (const auto *ULE = dyn_cast<UnresolvedLookupExpr>(E)) {
    // An overload set that is not yet resolved (dependent code): unknown.
    (void)ULE;
    Entry.UnknownReason = "overloaded function";
    return Entry;
  }
  return fromRecordType(E->getType());
}

CallableEntry resolveCallable(const Expr *Callable, ASTContext &Ctx) {
  return resolve(Callable, Ctx, 0);
}

std::string describeEntry(const CallableEntry &Entry, const SourceManager &SM) {
  switch (Entry.What) {
  case CallableEntry::Kind::Unknown:
    return Entry.UnknownReason.empty()
               ? "an unknown function"
               : "an unknown function (" + Entry.UnknownReason + ")";
  case CallableEntry::Kind::Lambda:
    return "the " + entryName(Entry, SM);
  case CallableEntry::Kind::Function:
  case CallableEntry::Kind::Method:
  case CallableEntry::Kind::Functor:
    return "'" + ruleName(*Entry.Function) + "'";
  }
  return "an unknown function";
}

std::string entryName(const CallableEntry &Entry, const SourceManager &SM) {
  if (!Entry.Function)
    return "unknown";
  if (Entry.What != CallableEntry::Kind::Lambda)
    return ruleName(*Entry.Function);
  SourceLocation Loc =
      SM.getExpansionLoc(cast<CXXMethodDecl>(Entry.Function)->getParent()->getLocation());
  PresumedLoc P = SM.getPresumedLoc(Loc);
  if (P.isInvalid())
    return "lambda";
  // The file name alone keeps messages short; the note carries the full path.
  return "lambda at " + llvm::sys::path::filename(P.getFilename()).str() + ":" +
         std::to_string(P.getLine()) + ":" + std::to_string(P.getColumn());
}

} // namespace conc
