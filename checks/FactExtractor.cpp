//===- checks/FactExtractor.cpp --------------------------------------------===//
#include "checks/FactExtractor.h"

#include "checks/ApiNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtOpenMP.h"
#include "clang/Basic/OpenMPKinds.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Frontend/OpenMP/OMP.h"

#include <set>

namespace conc {

using namespace clang;

std::string usrOf(const Decl &D) {
  llvm::SmallString<128> Usr;
  if (index::generateUSRForDecl(&D, Usr))
    return "";
  return std::string(Usr);
}

std::string openmpRegionUsr(const std::string &FunctionUsr, const SourcePoint &Pragma) {
  // The file too: a function defined in a header has regions in every unit.
  return FunctionUsr + "@omp:" + Pragma.File + ":" + std::to_string(Pragma.Line) + ":" +
         std::to_string(Pragma.Column);
}

std::string functionUsr(const FunctionDecl &F, const SourceManager &SM) {
  std::string Usr = usrOf(F);
  // A compile database often holds several programs (tools, tests): each
  // `main` is its own root, not one function merged from all of them.
  if (F.isMain() && !Usr.empty())
    if (OptionalFileEntryRef File =
            SM.getFileEntryRefForID(SM.getFileID(SM.getExpansionLoc(F.getLocation()))))
      Usr += "@" + File->getName().str();
  return Usr;
}

namespace {

/// The lock a mutex expression names: the mutex variable or field.
const ValueDecl *lockDecl(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref))
    return lockDecl(U->getSubExpr());
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    return D->getDecl();
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return M->getMemberDecl();
  return nullptr;
}

class Extractor : public RecursiveASTVisitor<Extractor> {
public:
  Extractor(ASTContext &Ctx, const RuleSet &Rules, const PointResolver &Resolve,
            TranslationUnitFacts &Out)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Rules(Rules), Resolve(Resolve), Out(Out) {
    for (const OpenMPDirectiveRule &R : Rules.OpenMPDirectives)
      TeamDirectives.insert(R.Directive);
  }

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool TraverseDecl(Decl *D) {
    // Library code is not the program under analysis.
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool TraverseFunctionDecl(FunctionDecl *F) { return traverseFunction(F); }
  bool TraverseCXXMethodDecl(CXXMethodDecl *F) { return traverseFunction(F); }
  bool TraverseCXXConstructorDecl(CXXConstructorDecl *F) { return traverseFunction(F); }
  bool TraverseCXXDestructorDecl(CXXDestructorDecl *F) { return traverseFunction(F); }

  bool TraverseLambdaExpr(LambdaExpr *L) {
    CXXMethodDecl *Op = L->getCallOperator();
    std::string Usr = usrOf(*Op);
    auto P = Resolve(L->getBeginLoc());
    if (Usr.empty() || !P)
      return RecursiveASTVisitor::TraverseLambdaExpr(L);
    Out.Functions.push_back({Usr, "lambda at " + shortPoint(*P), *P, false});
    Scope S(*this, Usr);
    return RecursiveASTVisitor::TraverseLambdaExpr(L);
  }

  bool TraverseCompoundStmt(CompoundStmt *C) {
    // RAII guards release their locks at the end of the block.
    auto Saved = Held;
    bool Result = RecursiveASTVisitor::TraverseCompoundStmt(C);
    Held = Saved;
    return Result;
  }

  bool dataTraverseStmtPre(Stmt *S) {
    if (auto *D = dyn_cast<OMPExecutableDirective>(S))
      enterRegion(*D);
    return true;
  }
  bool dataTraverseStmtPost(Stmt *S) {
    if (!Regions.empty() && Regions.back().first == S) {
      Current = Regions.back().second;
      Held = RegionHeld.back();
      Regions.pop_back();
      RegionHeld.pop_back();
    }
    return true;
  }

  bool VisitVarDecl(VarDecl *V) {
    if (Current.empty() || !V->hasLocalStorage() || !V->getInit())
      return true;
    const CXXRecordDecl *RD = V->getType()->getAsCXXRecordDecl();
    if (!RD || !isLockGuard(*RD))
      return true;
    const auto *Construct = dyn_cast<CXXConstructExpr>(V->getInit()->IgnoreImplicit());
    if (!Construct)
      return true;
    std::vector<std::string> Locks;
    bool Deferred = false;
    for (const Expr *Arg : Construct->arguments()) {
      const CXXRecordDecl *ArgClass = Arg->getType()->getAsCXXRecordDecl();
      // std::defer_lock / try_to_lock / adopt_lock tags.
      if (ArgClass && ruleName(*ArgClass).find("defer_lock") != std::string::npos)
        Deferred = true;
      if (const ValueDecl *L = lockDecl(Arg)) {
        Locks.push_back(usrOf(*L));
        LockVariables.insert(Locks.back());
      }
    }
    GuardLocks[V] = Locks;
    if (!Deferred)
      for (const std::string &L : Locks)
        Held.insert(L);
    return true;
  }

  bool VisitCallExpr(CallExpr *E) {
    if (Current.empty())
      return true;
    const FunctionDecl *Callee = E->getDirectCallee();
    if (!Callee)
      return true;
    if (handleLockCall(*E, *Callee))
      return true;
    if (SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())))
      return true;
    addCall(*Callee, E->getBeginLoc());
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    if (Current.empty())
      return true;
    const CXXConstructorDecl *C = E->getConstructor();
    if (C && !SM.isInSystemHeader(SM.getExpansionLoc(C->getLocation())))
      addCall(*C, E->getBeginLoc());
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (Current.empty())
      return true;
    // Globals, namespace and function statics, static data members.
    const auto *V = dyn_cast<VarDecl>(E->getDecl());
    if (!V || !V->hasGlobalStorage())
      return true;
    if (SM.isInSystemHeader(SM.getExpansionLoc(V->getLocation())))
      return true;
    auto P = Resolve(E->getLocation());
    if (!P)
      return true;
    addVariable(*V);
    AccessFact A;
    A.FunctionUsr = Current;
    A.VariableUsr = usrOf(*V);
    A.Where = *P;
    classifyAccess(*E, *V, A);
    A.Locks.assign(Held.begin(), Held.end());
    Out.Accesses.push_back(std::move(A));
    return true;
  }

  void finish() {
    // A mutex is a synchronization object, not shared data: locking it is
    // what makes the other accesses safe.
    for (VariableFact &V : Out.Variables)
      if (LockVariables.count(V.Usr))
        V.IsAtomic = true;
    // An access before the first thread start in the same function happens
    // before that thread runs.
    for (AccessFact &A : Out.Accesses) {
      auto It = FirstStart.find(A.FunctionUsr);
      A.BeforeThreadStart = It != FirstStart.end() && A.Where < It->second;
    }
  }

  /// Thread starts of this unit, from conc-thread-site: their earliest
  /// position per function feeds BeforeThreadStart.
  void noteStarts(const std::vector<ThreadStartFact> &Starts) {
    for (const ThreadStartFact &S : Starts) {
      auto [It, New] = FirstStart.try_emplace(S.CallerUsr, S.Where);
      if (!New && S.Where < It->second)
        It->second = S.Where;
    }
  }

private:
  ASTContext &Ctx;
  SourceManager &SM;
  const RuleSet &Rules;
  const PointResolver &Resolve;
  TranslationUnitFacts &Out;
  std::set<std::string> TeamDirectives;
  std::string Current; ///< USR of the function whose body is being visited
  std::set<std::string> Held;
  std::map<const VarDecl *, std::vector<std::string>> GuardLocks;
  std::vector<std::pair<Stmt *, std::string>> Regions;
  std::vector<std::set<std::string>> RegionHeld;
  std::set<std::string> SeenVariables;
  std::map<std::string, SourcePoint> FirstStart;
  std::set<std::string> LockVariables; ///< USRs of the mutexes locked in this unit

  struct Scope {
    Extractor &E;
    std::string SavedCurrent;
    std::set<std::string> SavedHeld;
    Scope(Extractor &E, std::string Usr)
        : E(E), SavedCurrent(E.Current), SavedHeld(E.Held) {
      E.Current = std::move(Usr);
      E.Held.clear();
    }
    ~Scope() {
      E.Current = SavedCurrent;
      E.Held = SavedHeld;
    }
  };

  static std::string shortPoint(const SourcePoint &P) {
    llvm::StringRef File(P.File);
    return File.substr(File.rfind('/') + 1).str() + ":" + std::to_string(P.Line) + ":" +
           std::to_string(P.Column);
  }

  bool traverseFunction(FunctionDecl *F) {
    // Dependent templates are visited through their instantiations.
    if (!F->doesThisDeclarationHaveABody() || F->isDependentContext())
      return true;
    auto P = Resolve(F->getLocation());
    std::string Usr = functionUsr(*F, SM);
    if (!P || Usr.empty())
      return true;
    Out.Functions.push_back({Usr, ruleName(*F), *P, F->isMain()});
    if (const auto *M = dyn_cast<CXXMethodDecl>(F))
      for (const CXXMethodDecl *O : M->overridden_methods())
        Out.Overrides.push_back({Usr, usrOf(*O)});
    Scope S(*this, Usr);
    // Constructors' member initializers run in the constructor.
    if (auto *C = dyn_cast<CXXConstructorDecl>(F))
      for (CXXCtorInitializer *I : C->inits())
        if (I->isWritten())
          TraverseStmt(I->getInit());
    return TraverseStmt(F->getBody());
  }

  void enterRegion(OMPExecutableDirective &D) {
    std::string Name = llvm::omp::getOpenMPDirectiveName(D.getDirectiveKind()).str();
    if (Current.empty())
      return;
    // `critical` (per name) and `atomic` serialize their statement as a lock
    // would: model them as one.
    if (auto *C = dyn_cast<OMPCriticalDirective>(&D)) {
      Regions.push_back({&D, Current});
      RegionHeld.push_back(Held);
      Held.insert("omp-critical:" + C->getDirectiveName().getAsString());
      return;
    }
    if (isa<OMPAtomicDirective>(D)) {
      Regions.push_back({&D, Current});
      RegionHeld.push_back(Held);
      Held.insert("omp-atomic");
      return;
    }
    if (!TeamDirectives.count(Name))
      return;
    auto P = Resolve(D.getBeginLoc());
    if (!P)
      return;
    std::string Usr = openmpRegionUsr(Current, *P);
    Out.Functions.push_back({Usr, "parallel region at " + shortPoint(*P), *P, false});
    Regions.push_back({&D, Current});
    RegionHeld.push_back(Held);
    Current = Usr;
    Held.clear();
  }

  bool isLockGuard(const CXXRecordDecl &RD) const {
    std::string Name = ruleName(RD);
    return llvm::any_of(Rules.LockGuards,
                        [&](const LockGuardRule &R) { return R.Api == Name; });
  }

  /// pthread_mutex_lock(&m), m.lock(), guard.unlock(): updates the held set.
  bool handleLockCall(const CallExpr &E, const FunctionDecl &Callee) {
    std::string Name = ruleName(Callee);
    const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
    // lock()/unlock() on an RAII guard re-acquires or releases its mutexes.
    if (Method && isa<CXXMemberCallExpr>(E) && isLockGuard(*Method->getParent())) {
      const Expr *Obj = cast<CXXMemberCallExpr>(E).getImplicitObjectArgument();
      const auto *Ref = Obj ? dyn_cast<DeclRefExpr>(Obj->IgnoreParenImpCasts()) : nullptr;
      const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      auto It = V ? GuardLocks.find(V) : GuardLocks.end();
      if (It != GuardLocks.end()) {
        for (const std::string &L : It->second) {
          if (Callee.getName() == "unlock")
            Held.erase(L);
          else if (Callee.getName() == "lock")
            Held.insert(L);
        }
      }
      return true;
    }
    for (const LockFunctionRule &R : Rules.LockFunctions) {
      if (R.Api != Name)
        continue;
      const ValueDecl *Lock = nullptr;
      if (R.Form == ApiForm::Method && isa<CXXMemberCallExpr>(E))
        Lock = lockDecl(cast<CXXMemberCallExpr>(E).getImplicitObjectArgument());
      else if (R.LockArg && *R.LockArg < E.getNumArgs())
        Lock = lockDecl(E.getArg(*R.LockArg));
      if (!Lock)
        return true;
      LockVariables.insert(usrOf(*Lock));
      if (R.Acquires)
        Held.insert(usrOf(*Lock));
      else
        Held.erase(usrOf(*Lock));
      return true;
    }
    return false;
  }

  void addCall(const FunctionDecl &Callee, SourceLocation Loc) {
    auto P = Resolve(Loc);
    std::string Usr = functionUsr(Callee, SM);
    if (!P || Usr.empty())
      return;
    Out.Calls.push_back({Current, Usr, *P});
  }

  bool isAtomicType(QualType T) const {
    while (const ArrayType *A = T->getAsArrayTypeUnsafe())
      T = A->getElementType();
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD)
      return T->isAtomicType(); // C11 _Atomic
    std::string Name = ruleName(*RD);
    // Mutex classes (the class of a lock method rule) are synchronized too.
    for (const LockFunctionRule &R : Rules.LockFunctions)
      if (R.Form == ApiForm::Method && llvm::StringRef(R.Api).rsplit("::").first == Name)
        return true;
    return llvm::any_of(Rules.AtomicTypes,
                        [&](const AtomicTypeRule &R) { return R.Api == Name; });
  }

  void addVariable(const VarDecl &V) {
    std::string Usr = usrOf(V);
    if (!SeenVariables.insert(Usr).second)
      return;
    const VarDecl *Def = V.getDefinition() ? V.getDefinition() : &V;
    VariableFact F;
    F.Usr = Usr;
    F.Name = ruleName(V);
    F.Type = V.getType().getAsString(Ctx.getPrintingPolicy());
    if (auto P = Resolve(Def->getLocation()))
      F.Where = *P;
    QualType T = V.getType();
    F.IsConst = T.isConstQualified() || V.isConstexpr();
    F.IsAtomic = isAtomicType(T);
    F.IsThreadLocal = V.getTLSKind() != VarDecl::TLS_None;
    F.IsScalar = T->isScalarType();
    Out.Variables.push_back(std::move(F));
  }

  static bool mentions(const Stmt *S, const VarDecl &V) {
    if (!S)
      return false;
    if (const auto *D = dyn_cast<DeclRefExpr>(S))
      return D->getDecl() == &V;
    for (const Stmt *C : S->children())
      if (mentions(C, V))
        return true;
    return false;
  }

  /// Read or write, from how the expression is used.
  void classifyAccess(const Expr &Ref, const VarDecl &V, AccessFact &A) {
    const Expr *Node = &Ref;
    DynTypedNodeList Parents = Ctx.getParents(*Node);
    while (!Parents.empty()) {
      const Stmt *P = Parents[0].get<Stmt>();
      if (!P)
        return;
      if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P)) {
        if (Cast->getCastKind() == CK_LValueToRValue)
          return; // read
      } else if (const auto *B = dyn_cast<BinaryOperator>(P)) {
        if (B->isAssignmentOp() && B->getLHS()->IgnoreParenImpCasts() == Node) {
          A.IsWrite = true;
          A.IsReadModifyWrite = B->isCompoundAssignmentOp() || mentions(B->getRHS(), V);
        }
        return;
      } else if (const auto *U = dyn_cast<UnaryOperator>(P)) {
        if (U->isIncrementDecrementOp()) {
          A.IsWrite = true;
          A.IsReadModifyWrite = true;
          return;
        }
        if (U->getOpcode() == UO_AddrOf)
          A.IsWrite = true; // Escapes: assume the worst.
        return; // *p writes the pointee, not p.
      } else if (const auto *M = dyn_cast<MemberExpr>(P)) {
        // g.field = ...: keep climbing; g.method(): the method decides.
        const auto *MD = dyn_cast<CXXMethodDecl>(M->getMemberDecl());
        if (MD) {
          A.IsWrite = !MD->isConst();
          return;
        }
      } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
        const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
        if (MD && Op->getNumArgs() > 0 && Op->getArg(0)->IgnoreParenImpCasts() == Node) {
          A.IsWrite = !MD->isConst();
          A.IsReadModifyWrite = A.IsWrite && Op->getOperator() != OO_Equal &&
                                Op->getOperator() != OO_Subscript;
        } else if (Op->isAssignmentOp() && Op->getArg(0)->IgnoreParenImpCasts() == Node) {
          A.IsWrite = true;
        }
        return;
      } else if (const auto *Call = dyn_cast<CallExpr>(P)) {
        // Passed by non-const reference or pointer: may be written.
        const FunctionDecl *F = Call->getDirectCallee();
        for (unsigned I = 0; F && I < Call->getNumArgs() && I < F->getNumParams(); ++I)
          if (Call->getArg(I)->IgnoreParenImpCasts() == Node) {
            QualType PT = F->getParamDecl(I)->getType();
            A.IsWrite = PT->isReferenceType() && !PT.getNonReferenceType().isConstQualified();
          }
        return;
      } else if (!isa<ParenExpr, ArraySubscriptExpr, ImplicitCastExpr>(P)) {
        return; // read
      }
      if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P);
          AS && AS->getBase()->IgnoreParenImpCasts() != Node)
        return; // the variable is the index: read
      Node = cast<Expr>(P);
      Parents = Ctx.getParents(*Node);
    }
  }
};

} // namespace

void extractFacts(ASTContext &Ctx, const RuleSet &Rules, const PointResolver &Resolve,
                  TranslationUnitFacts &Out) {
  Extractor E(Ctx, Rules, Resolve, Out);
  E.noteStarts(Out.ThreadStarts);
  E.TraverseAST(Ctx);
  E.finish();
}

} // namespace conc
