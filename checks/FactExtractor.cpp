//===- checks/FactExtractor.cpp --------------------------------------------===//
#include "checks/FactExtractor.h"

#include "checks/ApiNames.h"
#include "checks/CallableEntry.h"
#include "checks/OpenMPDataSharing.h"
#include "checks/ThreadArgument.h"
#include "checks/WorkloadFacts.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtOpenMP.h"
#include "clang/Basic/OpenMPKinds.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Frontend/OpenMP/OMP.h"

#include <algorithm>
#include <set>

namespace conc {

using namespace clang;

std::string usrOf(const Decl &D) {
  llvm::SmallString<128> Usr;
  if (index::generateUSRForDecl(&D, Usr))
    return "";
  // Clang names every closure type in an externally visible function by
  // the same piece ("@Sa"), without a location: the two lambdas of
  // `std::thread T1([&] { forward(A, B); }), T2([&] { forward(B, A); });`
  // in an inline function would be one function, with one entry, to the
  // model. The Itanium ABI numbers such closures the same way in every
  // unit (that is what lets the linker merge them), so the numbers of the
  // enclosing closures, innermost first, tell them apart across units.
  const DeclContext *Context =
      isa<DeclContext>(D) ? cast<DeclContext>(&D) : D.getDeclContext();
  for (; Context; Context = Context->getParent())
    if (const auto *Closure = dyn_cast<CXXRecordDecl>(Context); Closure && Closure->isLambda())
      Usr += "@L" + std::to_string(Closure->getLambdaManglingNumber());
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

std::string codeUsr(const Stmt &S, ASTContext &Ctx, const RuleSet &Rules,
                    const PointResolver &Resolve) {
  std::vector<const OMPExecutableDirective *> Regions; // innermost first
  const FunctionDecl *Function = nullptr;
  DynTypedNodeList Parents = Ctx.getParents(S);
  while (!Parents.empty() && !Function) {
    const DynTypedNode &P = Parents[0];
    if (const auto *F = P.get<FunctionDecl>())
      Function = F;
    else if (const auto *L = P.get<LambdaExpr>())
      Function = L->getCallOperator();
    else if (const auto *D = P.get<OMPExecutableDirective>()) {
      std::string Name = llvm::omp::getOpenMPDirectiveName(D->getDirectiveKind()).str();
      if (llvm::any_of(Rules.OpenMPDirectives,
                       [&](const OpenMPDirectiveRule &R) { return R.Directive == Name; }))
        Regions.push_back(D);
    }
    Parents = Ctx.getParents(P);
  }
  if (!Function)
    return "";
  std::string Usr = functionUsr(*Function, Ctx.getSourceManager());
  if (Usr.empty())
    return "";
  for (auto It = Regions.rbegin(); It != Regions.rend(); ++It)
    if (auto P = Resolve((*It)->getBeginLoc()))
      Usr = openmpRegionUsr(Usr, *P);
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

/// How a local reaches the code that names it.
enum class Reach {
  Own,     ///< named in its own function's frame
  Shared,  ///< named from a lambda that captured it by reference or an
           ///< OpenMP region that shares it
  Private, ///< named through a copy: captured by value, or private in a region
};

class Extractor : public RecursiveASTVisitor<Extractor> {
public:
  Extractor(ASTContext &Ctx, const RuleSet &Rules, const PointResolver &Resolve,
            TranslationUnitFacts &Out)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Rules(Rules), Resolve(Resolve), Out(Out),
        Work(Ctx, Rules, Resolve, Out) {
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

  // A clause's variables (private(x), reduction(+: s)) are declarations of
  // how the region uses them, not accesses.
  bool TraverseOMPClause(OMPClause *) { return true; }
  // A captured statement's children are the initializers of its captures,
  // references Clang makes at each variable's first use: only its body is
  // code the program runs.
  bool TraverseCapturedStmt(CapturedStmt *S) { return TraverseDecl(S->getCapturedDecl()); }

  bool TraverseLambdaExpr(LambdaExpr *L) {
    CXXMethodDecl *Op = L->getCallOperator();
    std::string Usr = usrOf(*Op);
    auto P = Resolve(L->getBeginLoc());
    if (Usr.empty() || !P)
      return RecursiveASTVisitor::TraverseLambdaExpr(L);
    // A lambda that captures `this` works on its enclosing method's object.
    std::string Class;
    if (!Frames.empty() && llvm::any_of(L->captures(), [](const LambdaCapture &C) {
          return C.capturesThis();
        }))
      Class = Frames.back().ClassUsr;
    Out.Functions.push_back({Usr, "lambda at " + shortPoint(*P), *P, false, Class});
    Frame F;
    F.Usr = Usr;
    F.Lambda = L;
    F.ClassUsr = Class;
    pushFrame(std::move(F));
    bool Result = RecursiveASTVisitor::TraverseLambdaExpr(L);
    popFrame();
    return Result;
  }

  // `[&x]` and `[x]` name a variable, they do not read it: the copy a
  // by-value capture makes is taken where the lambda is created, before
  // any other thread can see it.
  bool TraverseLambdaCapture(LambdaExpr *L, const LambdaCapture *C, Expr *Init) {
    if (C->capturesVariable() && !L->isInitCapture(C))
      return true;
    return RecursiveASTVisitor::TraverseLambdaCapture(L, C, Init);
  }

  bool TraverseCompoundStmt(CompoundStmt *C) {
    // RAII guards release their locks at the end of the block, and GIL
    // guards restore the GIL (Py_END_ALLOW_THREADS closes the block
    // Py_BEGIN_ALLOW_THREADS opens).
    auto Saved = Held;
    std::string SavedGil = Gil;
    bool Result = RecursiveASTVisitor::TraverseCompoundStmt(C);
    Held = Saved;
    Gil = SavedGil;
    return Result;
  }

  /// A CPython method table entry ({"name", (PyCFunction)f, ...}): Python
  /// calls `f` with the GIL held.
  bool VisitInitListExpr(InitListExpr *E) {
    const CXXRecordDecl *RD = E->getType()->getAsCXXRecordDecl();
    const RecordDecl *R = RD ? RD : E->getType()->getAsRecordDecl();
    if (!R || !namedIn(Rules.PythonMethodTables, ruleName(*R)))
      return true;
    for (const Expr *Init : E->inits()) {
      const FunctionDecl *F = functionNamed(Init);
      auto P = F ? Resolve(Init->getBeginLoc()) : std::nullopt;
      std::string Usr = F ? functionUsr(*F, SM) : "";
      if (P && !Usr.empty())
        Out.PythonEntries.push_back({Usr, *P, ruleName(*R), false});
    }
    return true;
  }

  /// `if (omp_get_thread_num() == N)`, `if (tid != N) ... else`: the
  /// branch that one team thread runs is visited as such.
  bool TraverseIfStmt(IfStmt *S) {
    std::optional<std::pair<long long, bool>> Test;
    if (!Frames.empty() && Frames.back().Region && S->getCond() && !S->hasInitStorage() &&
        !S->hasVarStorage())
      Test = threadNumberTest(*S->getCond());
    if (!Test)
      return RecursiveASTVisitor::TraverseIfStmt(S);
    if (!TraverseStmt(S->getCond()))
      return false;
    auto Branch = [&](Stmt *Body, bool OneThread) {
      if (!Body)
        return true;
      if (OneThread)
        ThreadBranches.push_back({Directives.size(), Frames.size(),
                                  "thread-num:" + std::to_string(Test->first),
                                  Frames.back().LoopDepth});
      bool Result = TraverseStmt(Body);
      if (OneThread)
        ThreadBranches.pop_back();
      return Result;
    };
    return Branch(S->getThen(), Test->second) && Branch(S->getElse(), !Test->second);
  }

  bool dataTraverseStmtPre(Stmt *S) {
    if (Frames.empty())
      return true;
    if (auto *D = dyn_cast<OMPExecutableDirective>(S))
      enterDirective(*D);
    else if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S))
      enterLoop(*S);
    return true;
  }
  bool dataTraverseStmtPost(Stmt *S) {
    if (!Directives.empty() && Directives.back().D == S)
      leaveDirective();
    else if (!Loops.empty() && Loops.back() == S) {
      Loops.pop_back();
      if (!OpenWaitLoops.empty() && OpenWaitLoops.back().Loop == S) {
        WaitLoop W = std::move(OpenWaitLoops.back());
        OpenWaitLoops.pop_back();
        W.Last = Pending.size();
        if (auto P = Resolve(S->getEndLoc())) {
          W.End = *P;
          WaitLoops.push_back(std::move(W));
        }
      }
      if (--Frames.back().LoopDepth == 0)
        leaveOutermostLoop();
    }
    return true;
  }

  bool VisitVarDecl(VarDecl *V) {
    if (Frames.empty() || !V->hasLocalStorage())
      return true;
    OwnerOf.try_emplace(V, Current());
    if (!V->getInit())
      return true;
    noteParameterAlias(*V);
    const CXXRecordDecl *RD = V->getType()->getAsCXXRecordDecl();
    if (RD && namedIn(Rules.GilReleaseGuards, ruleName(*RD)))
      Gil = gil::Released;
    if (RD && namedIn(Rules.GilAcquireGuards, ruleName(*RD)))
      Gil = gil::Acquired;
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
      if (const ValueDecl *L = lockDecl(Arg))
        Locks.push_back(noteLock(*L));
    }
    GuardLocks[V] = Locks;
    if (!Deferred)
      for (const std::string &L : Locks)
        Held.insert(L);
    return true;
  }

  bool VisitCallExpr(CallExpr *E) {
    if (Frames.empty())
      return true;
    const FunctionDecl *Callee = E->getDirectCallee();
    if (!Callee)
      return true;
    noteStartArguments(*E, llvm::ArrayRef(E->getArgs(), E->getNumArgs()));
    Work.noteCall(*E, *Callee, Current(), Frames.back().LoopDepth, inPerItemLoop(), Held,
                  Gil);
    notePythonCall(*E, *Callee);
    noteThreadCount(*E, *Callee);
    noteHandlerRegistration(*E, *Callee);
    if (handleLockCall(*E, *Callee))
      return true;
    if (isJoin(*Callee))
      if (auto P = Resolve(E->getBeginLoc()))
        Joins[Current()].push_back(*P);
    if (SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())))
      return true;
    addCall(*Callee, E->getBeginLoc());
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    if (Frames.empty())
      return true;
    const CXXConstructorDecl *C = E->getConstructor();
    noteStartArguments(*E, llvm::ArrayRef(E->getArgs(), E->getNumArgs()));
    if (C) {
      Work.noteCall(*E, *C, Current(), Frames.back().LoopDepth, inPerItemLoop(), Held, Gil);
      if (Rules.isPythonApi(ruleName(*C->getParent())))
        if (auto P = Resolve(E->getBeginLoc()))
          Out.PythonCalls.push_back({Current(), ruleName(*C->getParent()), *P, Gil});
    }
    if (C && !SM.isInSystemHeader(SM.getExpansionLoc(C->getLocation())))
      addCall(*C, E->getBeginLoc());
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (Frames.empty())
      return true;
    const auto *V = dyn_cast<VarDecl>(E->getDecl());
    if (!V)
      return true;
    if (V->hasGlobalStorage()) {
      // Globals, namespace and function statics, static data members.
      if (SM.isInSystemHeader(SM.getExpansionLoc(V->getLocation())))
        return true;
      // private(g), firstprivate(g), reduction(+: g), ...: each thread of
      // the directive works on its own copy of the global.
      if (llvm::any_of(Directives, [&](const Directive &D) { return D.Private.count(V); }))
        return true;
      if (AccessFact *A = addAccess(*E, *V, E->getLocation())) {
        addVariable(*V);
        A->VariableUsr = usrOf(*V);
      }
      if (const Expr *Use = pointeeUse(*E, *V))
        if (AccessFact *A = addAccess(*Use, *V, E->getLocation())) {
          addPointee(*V, VariableKind::Global, "");
          A->VariableUsr = pointeeUsr(*V);
        }
      return true;
    }
    // `&n` or `std::ref(n)` handing `n` to a thread names it; what the
    // thread does with it is an access of its own (noteStartArguments).
    if (PassedToThread.count(E))
      return true;
    noteParameterAccess(*E, *V);
    // A reference local names another object; the one it names is what is
    // shared, and that is not known here.
    if (V->getType()->isReferenceType())
      return true;
    auto Owner = OwnerOf.find(V);
    if (Owner == OwnerOf.end())
      return true;
    Reach R = reachOf(*V, Owner->second);
    if (R == Reach::Private)
      return true;
    size_t Index = Pending.size();
    if (AccessFact *A = addAccess(*E, *V, E->getLocation())) {
      if (A->IsWrite)
        WrittenLocals.insert(V);
      LocalAccesses.push_back({V, Index, R, false});
    }
    // What a shared pointer points to is shared with it.
    if (const Expr *Use = pointeeUse(*E, *V)) {
      Index = Pending.size();
      if (addAccess(*Use, *V, E->getLocation()))
        LocalAccesses.push_back({V, Index, R, true});
    }
    return true;
  }

  /// `*p` or `p[i]` of a pointer variable `p` to a scalar that may be
  /// written: the read of `p` (the expression to classify the pointee's
  /// access from), else null. The pointee is one location per pointer
  /// variable, as if `p` never changed: heap memory reached through a
  /// global pointer, or through a local one an OpenMP region or a lambda
  /// shares.
  const Expr *pointeeUse(const DeclRefExpr &E, const VarDecl &V) const {
    const auto *PT = V.getType()->getAs<PointerType>();
    if (!PT || !PT->getPointeeType()->isScalarType() ||
        PT->getPointeeType().isConstQualified())
      return nullptr;
    DynTypedNodeList Parents = Ctx.getParents(E);
    const auto *Read = Parents.empty() ? nullptr : Parents[0].get<ImplicitCastExpr>();
    if (!Read || Read->getCastKind() != CK_LValueToRValue)
      return nullptr;
    Parents = Ctx.getParents(*Read);
    const Stmt *User = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
    if (const auto *U = dyn_cast_or_null<UnaryOperator>(User); U && U->getOpcode() == UO_Deref)
      return Read;
    if (const auto *S = dyn_cast_or_null<ArraySubscriptExpr>(User); S && S->getBase() == Read)
      return Read;
    return nullptr;
  }

  static std::string pointeeUsr(const VarDecl &V) { return usrOf(V) + "@pointee"; }

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (!Directives.empty() && U->isIncrementDecrementOp())
      noteLinearWrite(*U->getSubExpr());
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (!Directives.empty() && B->isAssignmentOp())
      noteLinearWrite(*B->getLHS());
    return true;
  }

  bool VisitMemberExpr(MemberExpr *M) {
    if (Frames.empty() || Frames.back().InConstructor)
      return true;
    const auto *Field = dyn_cast<FieldDecl>(M->getMemberDecl());
    if (!Field || SM.isInSystemHeader(SM.getExpansionLoc(Field->getLocation())))
      return true;
    // A reference member cannot be changed; what it names is another object.
    if (Field->getType()->isReferenceType())
      return true;
    if (!reachesSharedObject(*M))
      return true;
    if (AccessFact *A = addAccess(*M, *Field, M->getMemberLoc())) {
      addField(*Field);
      A->VariableUsr = usrOf(*Field);
    }
    return true;
  }

  void finish();
  void noteSpinWaits();

  /// Thread starts of this unit, from conc-thread-site: where each function
  /// starts threads decides which of its accesses are sequential.
  void noteStarts(const std::vector<ThreadStartFact> &Starts) {
    for (const ThreadStartFact &S : Starts) {
      bool Structured = S.EntryUsr.find("@omp:") != std::string::npos;
      StartsIn[S.CallerUsr].push_back({S.Where, Structured, S.EntryUsr});
      if (!Structured && !S.EntryUsr.empty())
        Entries.insert(S.EntryUsr);
    }
  }

private:
  ASTContext &Ctx;
  SourceManager &SM;
  const RuleSet &Rules;
  const PointResolver &Resolve;
  TranslationUnitFacts &Out;
  WorkloadFacts Work; ///< blocking and CPU-heavy calls, arithmetic loop nests
  std::set<std::string> TeamDirectives;

  /// The code being visited: a function, a lambda's body, or an OpenMP
  /// region (which the model treats as a function of its own).
  struct Frame {
    std::string Usr;
    const LambdaExpr *Lambda = nullptr;
    const OMPExecutableDirective *Region = nullptr;
    std::string ClassUsr;
    /// A constructor or destructor: its object is not shared yet (or any
    /// more), as RacerD assumes too.
    bool InConstructor = false;
    std::set<std::string> SavedHeld; ///< the enclosing code's locks
    std::string SavedGil;            ///< and its GIL state
    // OpenMP regions: barriers seen at the region's top level.
    int Phase = 0;
    int NextPhase = 1;      ///< phases are numbered once each
    bool PhaseKnown = true; ///< false after a barrier the phases cannot place
    /// The region's outermost loop being visited: the phase it was entered
    /// in, the barriers directly in its body, and whether accesses followed
    /// the last of them (see barrier()).
    int LoopEntryPhase = 0;
    unsigned LoopBarriers = 0;
    bool AccessAfterLoopBarrier = false;
    unsigned LoopDepth = 0;
    std::vector<size_t> Accesses; ///< into Pending, for the phase fix-up
    std::vector<const VarDecl *> Counters; ///< of the region's own loop
  };
  std::vector<Frame> Frames;

  /// An OpenMP directive being visited.
  struct Directive {
    const OMPExecutableDirective *D = nullptr;
    size_t FrameDepth = 0; ///< Frames.size() when it was entered
    std::set<const VarDecl *> Private, Shared;
    bool DefaultPrivate = false;
    bool IsTask = false;
    /// An undeferred task: the thread that meets it runs it at once.
    bool Undeferred = false;
    /// A deferred task made by code one thread runs: that code's OneThread
    /// id and its task epoch then (AccessFact::TaskGenerator).
    std::string TaskGenerator;
    int TaskEpoch = 0;
    /// Runs on one thread of the team: the id that thread has in
    /// AccessFact::OneThread, without the region; else empty.
    std::string OneThread;
    /// `sections`: code outside its `section`s is its implicit first one.
    bool IsSections = false;
    std::vector<const VarDecl *> Counters;
    /// `linear` variables with a nonzero step, and whether the loop body
    /// has written them yet (in visiting order): before that, each
    /// iteration's value is its own.
    std::map<const VarDecl *, bool> Linear;
    bool PushedFrame = false;
    /// A `teams` construct of possibly several teams (mayFormSeveralTeams).
    bool SeveralTeams = false;
    /// The code's loops around the directive.
    unsigned LoopDepth = 0;
    /// A deferred `task` that code one thread runs makes once (no loop of
    /// that code around it): one thread runs the task, once.
    bool TaskOnce = false;
    bool Locks = false;
    std::set<std::string> SavedHeld;
  };
  std::vector<Directive> Directives;
  std::vector<const Stmt *> Loops;

  /// The branch of an `if` on the thread number (`if (omp_get_thread_num()
  /// == 0)`) being visited: one thread of the team runs it.
  struct ThreadBranch {
    size_t DirectiveCount; ///< Directives.size() when it was entered
    size_t FrameDepth;     ///< Frames.size() when it was entered
    std::string Id;        ///< "thread-num:N"
    unsigned LoopDepth;    ///< the code's loops around it
  };
  std::vector<ThreadBranch> ThreadBranches;

  std::set<std::string> Held;
  /// Task epochs of the code that makes tasks, by its OneThread id.
  std::map<std::string, int> TaskEpochs;
  /// The GIL at this point of the current code (PythonCallFact::Gil).
  std::string Gil;
  std::map<const VarDecl *, std::vector<std::string>> GuardLocks;
  std::map<const VarDecl *, std::string> OwnerOf; ///< local -> its function
  /// Locals assigned after their declaration (seen so far).
  std::set<const VarDecl *> WrittenLocals;
  std::set<std::string> SeenVariables;
  std::set<std::string> LockVariables; ///< USRs of the mutexes locked in this unit

  /// Accesses found, completed in finish(): locals are kept only if some
  /// other code shares them.
  std::vector<AccessFact> Pending;
  std::vector<unsigned> PendingLoopDepth; ///< the loops of its code around each
  /// A `while` or `do` loop of code that one thread runs: a spin-wait on
  /// the flags it reads under a lock (see AccessFact::Acquires).
  struct WaitLoop {
    const Stmt *Loop;
    std::string Function, OneThread;
    size_t First, Last = 0; ///< its accesses: Pending[First, Last)
    SourcePoint End;
  };
  std::vector<WaitLoop> OpenWaitLoops, WaitLoops;
  struct LocalAccess {
    const VarDecl *Variable;
    size_t Index; ///< into Pending
    Reach How;
    bool Pointee; ///< of what the local pointer points to
  };
  std::vector<LocalAccess> LocalAccesses;

  // What decides whether an access is sequential, per function USR.
  struct Start {
    SourcePoint Where;
    bool Structured; ///< an OpenMP region: over before the code after it runs
    std::string EntryUsr;
  };
  /// The entries of this unit's thread starts (OpenMP regions aside).
  std::set<std::string> Entries;

  // Locals handed to a thread's entry function as an argument (`&n`,
  // `std::ref(n)`): the entry's accesses through that parameter are
  // accesses of the local. Only entries this unit defines are followed.
  struct ArgumentBinding {
    std::string EntryUsr;
    unsigned Param;
    const VarDecl *Local;
  };
  std::vector<ArgumentBinding> Bindings;
  /// The `n` of each `&n` / `std::ref(n)` handed to a thread.
  std::set<const DeclRefExpr *> PassedToThread;
  /// An access through parameter `Param` of entry `EntryUsr`: Pending[Index].
  struct ParameterAccess {
    std::string EntryUsr;
    unsigned Param;
    size_t Index;
  };
  std::vector<ParameterAccess> ParameterAccesses;
  /// Local pointers of an entry initialized from its pointer parameter
  /// (`int *p = (int *)arg;`): they point where the parameter does.
  std::map<const VarDecl *, const ParmVarDecl *> ParameterAliases;
  std::map<std::string, std::vector<Start>> StartsIn;
  std::map<std::string, std::vector<SourcePoint>> Joins;
  std::map<std::string, std::vector<std::pair<SourcePoint, SourcePoint>>> LoopsIn;

  const std::string &Current() const { return Frames.back().Usr; }

  void pushFrame(Frame F) {
    F.SavedHeld = std::move(Held);
    Held.clear();
    // A function or lambda starts with the GIL as its caller left it.
    F.SavedGil = std::move(Gil);
    Gil.clear();
    Frames.push_back(std::move(F));
  }
  void popFrame() {
    Frame &F = Frames.back();
    if (!F.PhaseKnown)
      for (size_t I : F.Accesses)
        Pending[I].Phase = -1;
    Held = std::move(F.SavedHeld);
    Gil = std::move(F.SavedGil);
    Frames.pop_back();
  }

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
    Frame Fr;
    Fr.Usr = Usr;
    if (const auto *M = dyn_cast<CXXMethodDecl>(F); M && M->isInstance())
      Fr.ClassUsr = usrOf(*M->getParent());
    Fr.InConstructor = isa<CXXConstructorDecl, CXXDestructorDecl>(F);
    Out.Functions.push_back({Usr, ruleName(*F), *P, F->isMain(), Fr.ClassUsr});
    if (const auto *M = dyn_cast<CXXMethodDecl>(F))
      for (const CXXMethodDecl *O : M->overridden_methods())
        Out.Overrides.push_back({Usr, usrOf(*O)});
    for (const ParmVarDecl *Param : F->parameters())
      OwnerOf.try_emplace(Param, Usr);
    pushFrame(std::move(Fr));
    // Constructors' member initializers run in the constructor.
    if (auto *C = dyn_cast<CXXConstructorDecl>(F))
      for (CXXCtorInitializer *I : C->inits())
        if (I->isWritten())
          TraverseStmt(I->getInit());
    bool Result = TraverseStmt(F->getBody());
    popFrame();
    return Result;
  }

  void enterLoop(const Stmt &S) {
    Loops.push_back(&S);
    if (isa<WhileStmt, DoStmt>(S))
      if (std::string One = oneThreadId(); !One.empty())
        OpenWaitLoops.push_back({&S, Current(), One, Pending.size()});
    Frame &F = Frames.back();
    if (++F.LoopDepth == 1) {
      Work.noteOutermostLoop(S, Current(), Held, Gil);
      F.LoopEntryPhase = F.Phase;
      F.LoopBarriers = 0;
      F.AccessAfterLoopBarrier = false;
    }
    auto B = Resolve(S.getBeginLoc()), E = Resolve(S.getEndLoc());
    if (B && E)
      LoopsIn[Current()].push_back({*B, *E});
  }

  /// A barrier of the current region: accesses after it run after every
  /// access before it. In the body of the region's outermost loop, the
  /// barriers cut each iteration into phases of their own; the first
  /// phase is the one the loop was entered in (the code before the loop
  /// runs into it). When the body ends with a barrier (no access after the
  /// last one), each iteration's phases are separated from the next
  /// iteration's by it, and the phases hold; otherwise the accesses after
  /// the last barrier run with the next iteration's first phase, which the
  /// phases cannot say: they become unknown, as for barriers in nested
  /// loops.
  void barrier() {
    Frame &F = Frames.back();
    if (!F.Region)
      return;
    if (F.LoopDepth > 1) {
      F.PhaseKnown = false;
      return;
    }
    F.Phase = F.NextPhase++;
    if (F.LoopDepth == 1) {
      ++F.LoopBarriers;
      F.AccessAfterLoopBarrier = false;
    }
  }

  /// The end of the region's outermost loop (see barrier()). The code after
  /// it continues the phase the loop was entered in: a loop that runs no
  /// iteration meets no barrier.
  void leaveOutermostLoop() {
    Frame &F = Frames.back();
    if (!F.Region || F.LoopBarriers == 0)
      return;
    if (F.AccessAfterLoopBarrier)
      F.PhaseKnown = false;
    F.Phase = F.LoopEntryPhase;
  }

  void enterDirective(OMPExecutableDirective &D) {
    Directive Dir;
    Dir.D = &D;
    Dir.FrameDepth = Frames.size();
    Dir.Private = privatizedVariables(D);
    Dir.Shared = sharedClauseVariables(D);
    Dir.DefaultPrivate = defaultIsPrivate(D);
    Dir.IsTask = isOpenMPTaskingDirective(D.getDirectiveKind());
    Dir.Undeferred = isUndeferredTask(D, Ctx);
    Dir.LoopDepth = Frames.back().LoopDepth;
    unsigned MakerLoops = 0;
    if (Dir.IsTask && !Dir.Undeferred)
      if (std::string Maker = oneThreadId(&MakerLoops); !Maker.empty()) {
        Dir.TaskGenerator = Maker;
        Dir.TaskEpoch = TaskEpochs[Maker];
        Dir.TaskOnce = isa<OMPTaskDirective>(D) && MakerLoops == Dir.LoopDepth;
      }
    // A taskwait (without depend: it waits for all the children) completes
    // the tasks made before it.
    if (isa<OMPTaskwaitDirective>(D) && D.getClausesOfKind<OMPDependClause>().empty())
      if (std::string Maker = oneThreadId(); !Maker.empty())
        ++TaskEpochs[Maker];
    if (auto N = teamThreadNumber(D, Ctx))
      Dir.OneThread = "thread-num:" + std::to_string(*N);
    else if (runsOnOneThread(D))
      if (auto P = Resolve(D.getBeginLoc()))
        Dir.OneThread = "construct:" + pointId(*P);
    Dir.IsSections = isSectionsConstruct(D);
    Dir.SeveralTeams = mayFormSeveralTeams(D, Ctx);
    Dir.Counters = distributedLoopCounters(D);
    for (const auto &[V, Step] : linearVariables(D, Ctx))
      if (Step != 0)
        Dir.Linear[V] = false;
    // `critical` (per name), `atomic` and `ordered` serialize their
    // statement as a lock would: model them as one.
    std::string Lock;
    if (auto *C = dyn_cast<OMPCriticalDirective>(&D)) {
      if (!inSeveralTeams())
        Lock = "omp-critical:" + C->getDirectiveName().getAsString();
    }
    else if (isa<OMPAtomicDirective>(D))
      Lock = "omp-atomic";
    else if (isa<OMPOrderedDirective>(D))
      Lock = "omp-ordered";
    std::vector<std::string> Locks;
    if (!Lock.empty())
      Locks.push_back(Lock);
    // Tasks that depend on one variable run in the order they were made.
    for (const VarDecl *V : dependVariables(D))
      Locks.push_back("omp-depend:" + usrOf(*V));
    if (!Locks.empty()) {
      Dir.Locks = true;
      Dir.SavedHeld = Held;
      Held.insert(Locks.begin(), Locks.end());
    }
    if (isa<OMPBarrierDirective>(D))
      barrier();
    std::string Name = llvm::omp::getOpenMPDirectiveName(D.getDirectiveKind()).str();
    if (TeamDirectives.count(Name)) {
      if (auto P = Resolve(D.getBeginLoc())) {
        Frame F;
        F.Usr = openmpRegionUsr(Current(), *P);
        F.Region = &D;
        F.ClassUsr = Frames.back().ClassUsr;
        F.Counters = Dir.Counters;
        Out.Functions.push_back(
            {F.Usr, "parallel region at " + shortPoint(*P), *P, false, F.ClassUsr});
        pushFrame(std::move(F));
        Dir.PushedFrame = true;
      }
    }
    Directives.push_back(std::move(Dir));
  }

  void leaveDirective() {
    Directive Dir = std::move(Directives.back());
    Directives.pop_back();
    if (Dir.PushedFrame)
      popFrame();
    if (Dir.Locks)
      Held = std::move(Dir.SavedHeld);
    if (!Dir.PushedFrame && endsWithBarrier(*Dir.D))
      barrier();
    // The end of a taskgroup completes the tasks made in it.
    if (isa<OMPTaskgroupDirective>(Dir.D))
      if (std::string Maker = oneThreadId(); !Maker.empty())
        ++TaskEpochs[Maker];
  }

  /// Code in a construct that several teams may run: its locks do not
  /// exclude the other teams' threads.
  bool inSeveralTeams() const {
    return llvm::any_of(Directives, [](const Directive &D) { return D.SeveralTeams; });
  }

  /// How local `V`, declared in `Owner`, reaches the code being visited.
  Reach reachOf(const VarDecl &V, const std::string &Owner) const {
    if (Current() == Owner)
      return Reach::Own;
    size_t OwnerIndex = Frames.size();
    for (size_t I = Frames.size(); I-- > 0;) {
      const Frame &F = Frames[I];
      if (F.Usr == Owner) {
        OwnerIndex = I;
        break;
      }
      if (F.Lambda) {
        const LambdaCapture *C = nullptr;
        for (const LambdaCapture &Cap : F.Lambda->captures())
          if (Cap.capturesVariable() && Cap.getCapturedVar() == &V)
            C = &Cap;
        if (!C || C->getCaptureKind() != LCK_ByRef)
          return Reach::Private;
      }
    }
    if (OwnerIndex == Frames.size())
      return Reach::Private;
    for (const Directive &D : Directives) {
      if (D.FrameDepth <= OwnerIndex)
        continue; // entered before the owner's frame: not about V
      if (D.Private.count(&V) || (D.DefaultPrivate && !D.Shared.count(&V)))
        return Reach::Private;
      // A task's variables are firstprivate unless they are shared in the
      // code around it: a local of that very code is private to it.
      if (D.IsTask && D.FrameDepth == OwnerIndex + 1 && !D.Shared.count(&V))
        return Reach::Private;
    }
    return Reach::Shared;
  }

  /// The member expression's object may be one other threads use: `this`,
  /// or an object reached through a parameter or a global. A local object
  /// (or one a local pointer holds) is taken to be the thread's own.
  bool reachesSharedObject(const MemberExpr &M) const {
    const Expr *Base = M.getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Base))
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(Base);
    const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!V)
      return false;
    if (M.isArrow())
      return isa<ParmVarDecl>(V) || V->hasGlobalStorage();
    // g.field is an access of the global itself (VisitDeclRefExpr).
    return isa<ParmVarDecl>(V) && V->getType()->isReferenceType();
  }

  /// Records an access of `D` named by `E` in the current code; the caller
  /// fills in the variable.
  AccessFact *addAccess(const Expr &E, const ValueDecl &D, SourceLocation Loc) {
    auto P = Resolve(Loc);
    if (!P)
      return nullptr;
    AccessFact A;
    A.FunctionUsr = Current();
    A.Where = *P;
    if (!classifyAccess(E, D, A))
      return nullptr;
    A.Locks.assign(Held.begin(), Held.end());
    Frame &F = Frames.back();
    if (F.Region) {
      A.Phase = F.Phase;
      F.Accesses.push_back(Pending.size());
      if (F.LoopDepth > 0)
        F.AccessAfterLoopBarrier = true;
    }
    A.OneThread = oneThreadId();
    noteTaskEpoch(A);
    Pending.push_back(std::move(A));
    PendingLoopDepth.push_back(F.LoopDepth);
    return &Pending.back();
  }

  /// AccessFact::TaskGenerator, TaskEpoch and InTask for code visited now:
  /// directly in a deferred task that code one thread runs made, or in
  /// such code itself.
  void noteTaskEpoch(AccessFact &A) const {
    for (size_t I = Directives.size(); I-- > 0;) {
      const Directive &D = Directives[I];
      if (D.FrameDepth != Frames.size())
        break; // not the current code's
      if (!D.IsTask || D.Undeferred)
        continue;
      // The innermost deferred task, unless another one made it.
      if (!D.TaskGenerator.empty() &&
          llvm::none_of(llvm::ArrayRef(Directives).take_front(I), [&](const Directive &O) {
            return O.FrameDepth == Frames.size() && O.IsTask && !O.Undeferred;
          })) {
        A.TaskGenerator = D.TaskGenerator;
        A.TaskEpoch = D.TaskEpoch;
        A.InTask = true;
      }
      return;
    }
    if (!A.OneThread.empty()) {
      auto It = TaskEpochs.find(A.OneThread);
      A.TaskGenerator = A.OneThread;
      A.TaskEpoch = It == TaskEpochs.end() ? 0 : It->second;
    }
  }

  /// AccessFact::OneThread for code visited now: the innermost construct or
  /// thread-number branch of the current code (not past a deferred task,
  /// which any thread may run, nor past the region) that one thread runs.
  /// A task made once by such code (Directive::TaskOnce) is code one
  /// thread runs too: "task:<point>". `Loops`, when given, is set to the
  /// current code's loops around the construct, branch or task.
  std::string oneThreadId(unsigned *Loops = nullptr) const {
    const Frame &F = Frames.back();
    size_t Floor = Frames.size() - (F.Region ? 1 : 0);
    std::string Id;
    size_t B = ThreadBranches.size();
    for (size_t I = Directives.size();; --I) {
      // Branches entered inside directive I-1, innermost first.
      if (B > 0 && ThreadBranches[B - 1].DirectiveCount == I) {
        if (ThreadBranches[B - 1].FrameDepth == Frames.size()) {
          Id = ThreadBranches[B - 1].Id;
          if (Loops)
            *Loops = ThreadBranches[B - 1].LoopDepth;
        }
        break; // a branch of this code, or one outside the current code
      }
      if (I == 0)
        break;
      const Directive &Dir = Directives[I - 1];
      if (Dir.FrameDepth < Floor)
        break;
      if (Dir.IsTask && !Dir.Undeferred) {
        if (Dir.TaskOnce)
          if (auto P = Resolve(Dir.D->getBeginLoc())) {
            Id = "task:" + pointId(*P);
            if (Loops)
              *Loops = Dir.LoopDepth;
          }
        break;
      }
      if (!Dir.OneThread.empty()) {
        Id = Dir.OneThread;
        if (Loops)
          *Loops = Dir.LoopDepth;
        break;
      }
      if (Dir.IsSections) {
        if (auto P = Resolve(Dir.D->getBeginLoc()))
          Id = "construct:" + pointId(*P) + ":implicit-section";
        if (Loops)
          *Loops = Dir.LoopDepth;
        break;
      }
    }
    return Id.empty() ? Id : Id + "@" + Current();
  }

  static std::string pointId(const SourcePoint &P) {
    return P.File + ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
  }

  /// `X == N` or `X != N` (either order) where X is the thread number:
  /// N, and whether the `then` branch is the one thread N runs.
  std::optional<std::pair<long long, bool>> threadNumberTest(const Expr &Cond) const {
    const auto *B = dyn_cast<BinaryOperator>(Cond.IgnoreParenImpCasts());
    if (!B || (B->getOpcode() != BO_EQ && B->getOpcode() != BO_NE))
      return std::nullopt;
    const Expr *Id = B->getLHS(), *Number = B->getRHS();
    if (!isThreadId(*Id))
      std::swap(Id, Number);
    Expr::EvalResult R;
    if (!isThreadId(*Id) || Number->isValueDependent() || !Number->EvaluateAsInt(R, Ctx))
      return std::nullopt;
    return std::make_pair((long long)R.Val.getInt().getExtValue(), B->getOpcode() == BO_EQ);
  }

  /// The iteration variables of the loops the current code's team divides.
  std::vector<const VarDecl *> currentCounters() const {
    std::vector<const VarDecl *> Counters = Frames.back().Counters;
    for (const Directive &D : Directives)
      if (D.FrameDepth == Frames.size())
        Counters.insert(Counters.end(), D.Counters.begin(), D.Counters.end());
    return Counters;
  }

  static const VarDecl *variableOf(const Expr &E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E.IgnoreParenImpCasts());
    return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  }

  /// The loop directive of the current code that names the variable `E`
  /// is in a `linear` clause, if any.
  const Directive *linearOwner(const Expr &E) const {
    const VarDecl *V = variableOf(E);
    if (!V)
      return nullptr;
    for (const Directive &D : Directives)
      if ((D.FrameDepth == Frames.size() ||
           (D.PushedFrame && D.FrameDepth + 1 == Frames.size())) &&
          D.Linear.count(V))
        return &D;
    return nullptr;
  }

  /// A write of a `linear` variable in its loop's body: from here on its
  /// value may be the next iteration's.
  void noteLinearWrite(const Expr &Target) {
    const VarDecl *V = variableOf(Target);
    for (Directive &D : Directives)
      if (V && D.Linear.count(V))
        D.Linear[V] = true;
  }

  static bool namedIn(const std::vector<NamedApiRule> &List, llvm::StringRef Name) {
    return llvm::any_of(List, [&](const NamedApiRule &R) { return R.Api == Name; });
  }

  /// The function an expression names: `f`, `&f`, `(PyCFunction)f`,
  /// `&C::m`; null for anything else.
  static const FunctionDecl *functionNamed(const Expr *E) {
    if (!E)
      return nullptr;
    E = E->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenCasts();
    if (const auto *D = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<FunctionDecl>(D->getDecl());
    return nullptr;
  }

  /// Whether `T` is a call guard (pybind11::call_guard<...>) one of whose
  /// guards releases the GIL.
  bool releasesGilAroundCall(QualType T) const {
    const auto *Spec =
        dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
    if (!Spec || !namedIn(Rules.GilCallGuards, ruleName(*Spec)))
      return false;
    std::function<bool(const TemplateArgument &)> Releases = [&](const TemplateArgument &A) {
      if (A.getKind() == TemplateArgument::Pack)
        return llvm::any_of(A.pack_elements(), Releases);
      if (A.getKind() != TemplateArgument::Type)
        return false;
      const CXXRecordDecl *G = A.getAsType()->getAsCXXRecordDecl();
      return G && namedIn(Rules.GilReleaseGuards, ruleName(*G));
    };
    return llvm::any_of(Spec->getTemplateArgs().asArray(), Releases);
  }

  /// GIL state changes (PyEval_SaveThread), calls into Python
  /// (PyList_New, py::object::attr), and the callables a binding function
  /// (pybind11::module_::def) hands to Python.
  /// Whether a loop of the current code around this point is over work
  /// items (SiteLoopFact::PerItem).
  bool inPerItemLoop() const {
    size_t Own = std::min<size_t>(Frames.back().LoopDepth, Loops.size());
    for (size_t I = Loops.size() - Own; I < Loops.size(); ++I)
      if (describeSiteLoop(*Loops[I], {}, {}, Ctx, Rules).PerItem)
        return true;
    return false;
  }

  /// The code a callable argument names: a lambda's call operator, `f`,
  /// `&f`; "" for anything else.
  std::string callableUsr(const Expr *A) const {
    const Expr *Arg = A->IgnoreImplicit()->IgnoreParens();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Arg))
      Arg = M->getSubExpr()->IgnoreImplicit();
    if (const auto *L = dyn_cast<LambdaExpr>(Arg))
      return usrOf(*L->getCallOperator());
    if (const FunctionDecl *F = functionNamed(Arg))
      return functionUsr(*F, SM);
    return "";
  }

  /// svr.Get("/", handler): the server calls `handler` once per request.
  void noteHandlerRegistration(const CallExpr &E, const FunctionDecl &Callee) {
    std::string Name = ruleName(Callee);
    if (!llvm::any_of(Rules.RequestHandlerRegistrations,
                      [&](const NamedApiRule &R) { return R.Api == Name; }))
      return;
    for (const Expr *A : E.arguments())
      if (std::string Usr = callableUsr(A); !Usr.empty())
        Out.LoopedCalls.push_back({Current(), Usr, /*PerItem=*/true});
  }

  /// omp_set_num_threads(64): the teams started after it have 64 threads.
  void noteThreadCount(const CallExpr &E, const FunctionDecl &Callee) {
    std::string Name = ruleName(Callee);
    for (const ThreadCountFunctionRule &R : Rules.ThreadCountFunctions) {
      if (R.Api != Name || R.CountArg >= E.getNumArgs())
        continue;
      const Expr *Arg = E.getArg(R.CountArg);
      Expr::EvalResult Value;
      if (Arg->isValueDependent() || !Arg->EvaluateAsInt(Value, Ctx))
        return;
      if (auto P = Resolve(E.getBeginLoc()))
        Out.ThreadCounts.push_back(
            {Current(), Name, *P, Value.Val.getInt().getExtValue(), "", 0});
    }
  }

  void notePythonCall(const CallExpr &E, const FunctionDecl &Callee) {
    std::string Name = ruleName(Callee);
    if (const GilFunctionRule *G = Rules.findGilFunction(Name)) {
      Gil = G->Releases ? gil::Released : gil::Acquired;
      return;
    }
    if (Rules.isPythonApi(Name))
      if (auto P = Resolve(E.getBeginLoc()))
        Out.PythonCalls.push_back({Current(), Name, *P, Gil});
    if (!namedIn(Rules.PythonBindingFunctions, Name))
      return;
    auto P = Resolve(E.getBeginLoc());
    if (!P)
      return;
    bool Released = llvm::any_of(E.arguments(), [&](const Expr *A) {
      return releasesGilAroundCall(A->getType());
    });
    for (const Expr *A : E.arguments())
      if (std::string Usr = callableUsr(A); !Usr.empty())
        Out.PythonEntries.push_back({Usr, *P, Name, Released});
  }

  /// At a thread start of the current code (one conc-thread-site found):
  /// the locals the arguments after the callable hand its entry's
  /// parameters whole, by address or reference_wrapper. An element or a
  /// member (`&a[i]`) is left out: threads are often given one each.
  void noteStartArguments(const Expr &E, llvm::ArrayRef<const Expr *> Args) {
    auto It = StartsIn.find(Current());
    if (It == StartsIn.end())
      return;
    std::optional<SourcePoint> At;
    for (const Start &S : It->second) {
      if (S.Structured || S.EntryUsr.empty())
        continue;
      if (!At && !(At = Resolve(E.getBeginLoc())))
        return;
      if (!(S.Where == *At))
        continue;
      for (size_t I = 0; I < Args.size(); ++I) {
        CallableEntry Entry = resolveCallable(Args[I], Ctx);
        if (!Entry.Function || usrOf(*Entry.Function) != S.EntryUsr)
          continue;
        // A member function's first argument is its object.
        if (Entry.What == CallableEntry::Kind::Method)
          break;
        for (size_t J = I + 1; J < Args.size(); ++J) {
          Referent R = referentOf(Args[J]);
          if (R.What == Referent::None || R.What == Referent::This || !R.Whole ||
              R.Var->getType()->isArrayType() || !OwnerOf.count(R.Var))
            continue;
          Bindings.push_back({S.EntryUsr, unsigned(J - I - 1), R.Var});
          PassedToThread.insert(R.Whole);
        }
        break;
      }
    }
  }

  /// The parameter of the current code, a thread entry, that `V` is or
  /// that the local pointer `V` was initialized from.
  const ParmVarDecl *entryParameter(const VarDecl &V) const {
    const auto *P = dyn_cast<ParmVarDecl>(&V);
    if (auto A = ParameterAliases.find(&V); A != ParameterAliases.end())
      P = A->second;
    const auto *F = P ? dyn_cast<FunctionDecl>(P->getDeclContext()) : nullptr;
    if (!F || !Entries.count(Current()) || usrOf(*F) != Current())
      return nullptr;
    return P;
  }

  void noteParameterAlias(const VarDecl &V) {
    if (!V.getType()->isPointerType() || Entries.empty())
      return;
    const auto *Ref = dyn_cast<DeclRefExpr>(V.getInit()->IgnoreParenCasts());
    const auto *P = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (P && P->getType()->isPointerType() && entryParameter(*P))
      ParameterAliases[&V] = P;
  }

  /// In a thread entry: `r` of a reference parameter, `*p`, `p[0]` and
  /// `*(int *)arg` of a pointer parameter (or a local pointer initialized
  /// from it) to a scalar that may be written: an access of whatever local
  /// a start hands that parameter (resolved in finish()).
  void noteParameterAccess(const DeclRefExpr &E, const VarDecl &V) {
    const ParmVarDecl *P = entryParameter(V);
    if (!P)
      return;
    const Expr *Use = nullptr;
    if (&V == P && V.getType()->isReferenceType()) {
      Use = &E;
    } else if (V.getType()->isPointerType()) {
      const Expr *Node = &E;
      for (DynTypedNodeList Parents = Ctx.getParents(*Node); !Parents.empty();
           Parents = Ctx.getParents(*Node)) {
        const auto *Up = Parents[0].get<Expr>();
        if (Up && isa<CastExpr, ParenExpr>(Up)) {
          Node = Up;
          continue;
        }
        if (const auto *U = dyn_cast_or_null<UnaryOperator>(Up);
            U && U->getOpcode() == UO_Deref)
          Use = U;
        else if (const auto *S = dyn_cast_or_null<ArraySubscriptExpr>(Up);
                 S && S->getBase() == Node)
          Use = S;
        break;
      }
      if (!Use || !Use->getType()->isScalarType() || Use->getType().isConstQualified())
        return;
    }
    if (!Use)
      return;
    size_t Index = Pending.size();
    if (addAccess(*Use, V, E.getLocation()))
      ParameterAccesses.push_back({Current(), P->getFunctionScopeIndex(), Index});
  }

  bool isLockGuard(const CXXRecordDecl &RD) const {
    std::string Name = ruleName(RD);
    return llvm::any_of(Rules.LockGuards,
                        [&](const LockGuardRule &R) { return R.Api == Name; });
  }

  bool isJoin(const FunctionDecl &Callee) const {
    std::string Name = ruleName(Callee);
    return llvm::any_of(Rules.ThreadJoins,
                        [&](const ThreadJoinRule &R) { return R.Api == Name; });
  }

  /// A mutex being locked: remembered as a synchronization object (a mutex
  /// member too, so that it is not reported as shared data).
  std::string noteLock(const ValueDecl &L) {
    std::string Usr = usrOf(L);
    LockVariables.insert(Usr);
    if (const auto *Field = dyn_cast<FieldDecl>(&L))
      addField(*Field);
    return Usr;
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
      std::string Usr = noteLock(*Lock);
      if (R.Acquires && !inSeveralTeams())
        Held.insert(Usr);
      else
        Held.erase(Usr);
      return true;
    }
    return false;
  }

  void addCall(const FunctionDecl &Callee, SourceLocation Loc) {
    auto P = Resolve(Loc);
    std::string Usr = functionUsr(Callee, SM);
    if (!P || Usr.empty())
      return;
    Out.Calls.push_back({Current(), Usr, *P, {Held.begin(), Held.end()}, Gil});
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

  VariableFact describe(const ValueDecl &V, const Decl &Where) {
    VariableFact F;
    F.Usr = usrOf(V);
    F.Name = ruleName(V);
    F.Type = V.getType().getAsString(Ctx.getPrintingPolicy());
    if (auto P = Resolve(Where.getLocation()))
      F.Where = *P;
    QualType T = V.getType();
    F.IsConst = T.isConstQualified();
    F.IsAtomic = isAtomicType(T);
    F.IsScalar = T->isScalarType();
    return F;
  }

  void addVariable(const VarDecl &V) {
    if (!SeenVariables.insert(usrOf(V)).second)
      return;
    const VarDecl *Def = V.getDefinition() ? V.getDefinition() : &V;
    VariableFact F = describe(V, *Def);
    F.IsConst |= V.isConstexpr();
    // threadprivate: one copy per thread, as thread_local.
    F.IsThreadLocal = V.getTLSKind() != VarDecl::TLS_None ||
                      V.hasAttr<OMPThreadPrivateDeclAttr>();
    describeAtomicFix(V, F);
    Out.Variables.push_back(std::move(F));
  }

  /// VariableFact::AtomicFix and AtomicInclude (see Facts.h): the type of
  /// a global's only declaration, written before its name on one line of
  /// the main file, becomes std::atomic<type as written>.
  void describeAtomicFix(const VarDecl &V, VariableFact &F) {
    const LangOptions &LO = Ctx.getLangOpts();
    // C++17: `std::atomic<int> n = 0;` copy-initializes without a copy.
    if (!LO.CPlusPlus17 || F.IsConst || F.IsAtomic || F.IsThreadLocal)
      return;
    const VarDecl *Def = V.getDefinition();
    if (!Def || Def->getPreviousDecl() || Def->getMostRecentDecl() != Def ||
        Def->isStaticDataMember() || !Def->getDeclContext()->getRedeclContext()->isFileContext())
      return;
    QualType T = Def->getType();
    bool Integer = T->isIntegerType() && !T->isBooleanType() && !T->isEnumeralType();
    bool ObjectPointer = T->isPointerType() && T->getPointeeType()->isObjectType();
    if (T.isConstQualified() || T.isVolatileQualified() || !(Integer || ObjectPointer))
      return;
    TypeSourceInfo *TSI = Def->getTypeSourceInfo();
    SourceRange R = TSI ? TSI->getTypeLoc().getSourceRange() : SourceRange();
    if (R.isInvalid() || R.getBegin().isMacroID() || R.getEnd().isMacroID() ||
        !SM.isInMainFile(R.getBegin()))
      return;
    SourceLocation End = Lexer::getLocForEndOfToken(R.getEnd(), 0, SM, LO);
    SourceLocation Name = Def->getLocation();
    if (End.isInvalid() || Name.isMacroID() || !SM.isBeforeInTranslationUnit(End, Name) ||
        SM.getFileID(End) != SM.getFileID(Name) ||
        SM.getSpellingLineNumber(R.getBegin()) != SM.getSpellingLineNumber(End))
      return;
    // `int a, b;` declares both with one type: changing it changes both.
    for (const Decl *D : Def->getDeclContext()->decls())
      if (D != Def && isa<DeclaratorDecl>(D) && D->getBeginLoc() == Def->getBeginLoc())
        return;
    llvm::StringRef Type =
        Lexer::getSourceText(CharSourceRange::getCharRange(R.getBegin(), End), SM, LO).rtrim();
    auto Begin = Resolve(R.getBegin());
    if (Type.empty() || !Begin)
      return;
    FixIt Fix;
    Fix.Begin = *Begin;
    Fix.Offset = SM.getFileOffset(R.getBegin());
    Fix.Length = Type.size();
    Fix.End = Fix.Begin;
    Fix.End.Column += Fix.Length;
    Fix.Replacement = "std::atomic<" + Type.str() + ">";
    if (!declaresStdAtomic()) {
      std::optional<FixIt> Include = atomicIncludeEdit(Begin->File);
      if (!Include)
        return;
      F.AtomicInclude = std::move(*Include);
    }
    F.AtomicFix = std::move(Fix);
  }

  /// The unit declares the class template std::atomic (it includes
  /// <atomic>, directly or not).
  bool declaresStdAtomic() const {
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      const auto *NS = dyn_cast<NamespaceDecl>(D);
      if (!NS || !NS->isStdNamespace())
        continue;
      for (const NamedDecl *N : NS->lookup(&Ctx.Idents.get("atomic")))
        if (isa<ClassTemplateDecl>(N))
          return true;
    }
    return false;
  }

  /// `#include <atomic>` on its own line before the main file's first
  /// #include, when no conditional (#if, #ifdef, ...) comes before that
  /// #include: there it is certainly seen. Else nullopt.
  std::optional<FixIt> atomicIncludeEdit(const std::string &File) const {
    llvm::StringRef Text = SM.getBufferData(SM.getMainFileID());
    for (size_t Offset = 0; Offset < Text.size();) {
      size_t Eol = Text.find('\n', Offset);
      llvm::StringRef Line =
          Text.slice(Offset, Eol == llvm::StringRef::npos ? Text.size() : Eol).ltrim(" \t");
      if (Line.consume_front("#")) {
        Line = Line.ltrim(" \t");
        if (Line.starts_with("if"))
          return std::nullopt;
        if (Line.starts_with("include")) {
          FixIt F;
          F.Begin.File = File;
          F.Begin.Line = Text.take_front(Offset).count('\n') + 1;
          F.Begin.Column = 1;
          F.End = F.Begin;
          F.Offset = Offset;
          F.Replacement = AtomicIncludeLine;
          return F;
        }
      }
      if (Eol == llvm::StringRef::npos)
        break;
      Offset = Eol + 1;
    }
    return std::nullopt;
  }

  void addField(const FieldDecl &Field) {
    if (!SeenVariables.insert(usrOf(Field)).second)
      return;
    VariableFact F = describe(Field, Field);
    F.Kind = VariableKind::Field;
    F.OwnerUsr = usrOf(*Field.getParent());
    Out.Variables.push_back(std::move(F));
  }

  /// The memory pointer `V` points to, as a location of its own (see
  /// pointeeUse); a local pointer's is taken to live as long as its frame.
  void addPointee(const VarDecl &V, VariableKind Kind, const std::string &Owner) {
    if (!SeenVariables.insert(pointeeUsr(V)).second)
      return;
    const VarDecl *Def = V.getDefinition() ? V.getDefinition() : &V;
    VariableFact F = describe(V, *Def);
    QualType T = V.getType()->getPointeeType();
    F.Usr = pointeeUsr(V);
    F.Name = "*" + F.Name;
    F.Type = T.getAsString(Ctx.getPrintingPolicy());
    F.IsConst = T.isConstQualified();
    F.IsAtomic = isAtomicType(T);
    F.IsScalar = T->isScalarType();
    F.Kind = Kind;
    F.OwnerUsr = Owner;
    Out.Variables.push_back(std::move(F));
  }

  void addLocal(const VarDecl &V, const std::string &Owner) {
    if (!SeenVariables.insert(usrOf(V)).second)
      return;
    VariableFact F = describe(V, V);
    F.IsConst |= V.isConstexpr();
    F.Kind = VariableKind::Local;
    F.OwnerUsr = Owner;
    Out.Variables.push_back(std::move(F));
  }

  bool inOneLoop(const std::string &Function, const SourcePoint &A,
                 const SourcePoint &B) const {
    auto It = LoopsIn.find(Function);
    if (It == LoopsIn.end())
      return false;
    auto Within = [](const SourcePoint &P, const std::pair<SourcePoint, SourcePoint> &L) {
      return P.File == L.first.File && !(P < L.first) && !(L.second < P);
    };
    return llvm::any_of(It->second, [&](const auto &L) {
      return Within(A, L) && Within(B, L);
    });
  }

  /// No thread the function started may run at `A`: every start before it
  /// (or in a loop with it) is an OpenMP region, which ends before the code
  /// after it, or was followed by a join before `A`.
  bool isSequential(const AccessFact &A) const {
    auto It = StartsIn.find(A.FunctionUsr);
    if (It == StartsIn.end())
      return true;
    auto J = Joins.find(A.FunctionUsr);
    for (const Start &S : It->second) {
      if (S.Structured)
        continue;
      if (!(S.Where < A.Where) && !inOneLoop(A.FunctionUsr, S.Where, A.Where))
        continue;
      bool Joined = J != Joins.end() && llvm::any_of(J->second, [&](const SourcePoint &P) {
                      return S.Where < P && P < A.Where;
                    });
      if (!Joined)
        return false;
    }
    return true;
  }

  static bool mentions(const Stmt *S, const ValueDecl &D) {
    if (!S)
      return false;
    if (const auto *R = dyn_cast<DeclRefExpr>(S))
      return R->getDecl() == &D;
    if (const auto *M = dyn_cast<MemberExpr>(S))
      if (M->getMemberDecl() == &D)
        return true;
    for (const Stmt *C : S->children())
      if (mentions(C, D))
        return true;
    return false;
  }

  /// A call of a thread-id function (omp_get_thread_num()), or a variable
  /// of the current code initialized by one and never written again.
  bool isThreadId(const Expr &E) const {
    const Expr *X = E.IgnoreParenCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(X)) {
      const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
      auto Owner = V ? OwnerOf.find(V) : OwnerOf.end();
      if (Owner == OwnerOf.end() || Owner->second != Current() || !V->getInit() ||
          WrittenLocals.count(V))
        return false;
      X = V->getInit()->IgnoreParenCasts();
    }
    const auto *Call = dyn_cast<CallExpr>(X);
    const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
    if (!F)
      return false;
    std::string Name = ruleName(*F);
    return llvm::any_of(Rules.ThreadIdFunctions,
                        [&](const ThreadIdFunctionRule &R) { return R.Api == Name; });
  }

  /// An element `a[i + c]` of the loop the team divides, or `a[tid]`:
  /// notes the index.
  void noteIndex(const Expr &Index, unsigned Dimension, AccessFact &A) {
    if (!A.IndexVar.empty())
      return;
    if (Frames.back().Region && isThreadId(Index)) {
      A.IndexVar = "thread-id#" + std::to_string(Dimension);
      A.IndexOffset = 0;
      return;
    }
    if (const Directive *D = linearOwner(Index); D && !D->Linear.at(variableOf(Index))) {
      A.IndexVar = "linear:" + usrOf(*variableOf(Index)) + "#" + std::to_string(Dimension);
      A.IndexOffset = 0;
      return;
    }
    std::vector<const VarDecl *> Counters = currentCounters();
    if (Counters.empty())
      return;
    if (auto Affine = affineIndex(Index, Counters, Ctx)) {
      A.IndexVar = usrOf(*Affine->Counter) + "#" + std::to_string(Dimension);
      if (Affine->Scale != 1)
        A.IndexVar += "*" + std::to_string(Affine->Scale);
      A.IndexOffset = Affine->Offset;
    }
  }

  /// `v - c` where `v` is the counter of an enclosing loop that starts at
  /// a constant below `c`: a subscript that is negative in some iteration.
  bool mayBeNegative(const Expr &Index) const {
    const auto *B = dyn_cast<BinaryOperator>(Index.IgnoreParenCasts());
    Expr::EvalResult C;
    if (!B || B->getOpcode() != BO_Sub || B->getRHS()->isValueDependent() ||
        !B->getRHS()->EvaluateAsInt(C, Ctx))
      return false;
    const VarDecl *V = variableOf(*B->getLHS());
    if (!V)
      return false;
    for (DynTypedNodeList P = Ctx.getParents(Index); !P.empty(); P = Ctx.getParents(P[0])) {
      if (P[0].get<FunctionDecl>())
        break;
      const auto *F = P[0].get<ForStmt>();
      if (!F)
        continue;
      // The start: `v = K` or `int v = K`.
      const Expr *Start = nullptr;
      if (const auto *D = dyn_cast_or_null<DeclStmt>(F->getInit());
          D && D->isSingleDecl() && D->getSingleDecl() == V)
        Start = V->getInit();
      else if (const auto *A = dyn_cast_or_null<BinaryOperator>(F->getInit());
               A && A->getOpcode() == BO_Assign && variableOf(*A->getLHS()) == V)
        Start = A->getRHS();
      Expr::EvalResult K;
      if (Start && !Start->isValueDependent() && Start->EvaluateAsInt(K, Ctx))
        return K.Val.getInt().getExtValue() < C.Val.getInt().getExtValue();
    }
    return false;
  }

  /// Read or write, from how the expression is used. False when the use is
  /// not an access of the object's own storage: a call of one of the
  /// program's own methods on it, whose accesses of the members are facts
  /// of their own.
  bool classifyAccess(const Expr &Ref, const ValueDecl &V, AccessFact &A) {
    const Expr *Node = &Ref;
    unsigned Dimension = 0;
    bool ElementUnknown = false; ///< a subscript may leave its row
    DynTypedNodeList Parents = Ctx.getParents(*Node);
    while (!Parents.empty()) {
      const Stmt *P = Parents[0].get<Stmt>();
      if (!P)
        return true;
      if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P)) {
        if (Cast->getCastKind() == CK_LValueToRValue)
          return true; // read
      } else if (const auto *B = dyn_cast<BinaryOperator>(P)) {
        if (B->isAssignmentOp() && B->getLHS()->IgnoreParenImpCasts() == Node->IgnoreParenImpCasts()) {
          A.IsWrite = true;
          A.IsReadModifyWrite = B->isCompoundAssignmentOp() || mentions(B->getRHS(), V);
          // The compound assignments std::atomic<T> has (integers: all five).
          BinaryOperatorKind Op = B->getOpcode();
          A.AtomicReady = Op == BO_AddAssign || Op == BO_SubAssign ||
                          (B->getType()->isIntegerType() &&
                           (Op == BO_AndAssign || Op == BO_OrAssign || Op == BO_XorAssign));
        }
        return true;
      } else if (const auto *U = dyn_cast<UnaryOperator>(P)) {
        if (U->isIncrementDecrementOp()) {
          A.IsWrite = true;
          A.IsReadModifyWrite = true;
          A.AtomicReady = true;
          return true;
        }
        if (U->getOpcode() == UO_AddrOf)
          A.IsWrite = true; // Escapes: assume the worst.
        // `*a` of an array, or of the pointer whose pointee is the location
        // (pointeeUse): its use decides, as a[0]'s would.
        if (U->getOpcode() == UO_Deref && Node->getType()->isPointerType() &&
            (isa<ImplicitCastExpr>(Node) &&
             (cast<ImplicitCastExpr>(Node)->getCastKind() == CK_ArrayToPointerDecay ||
              cast<ImplicitCastExpr>(Node)->getCastKind() == CK_LValueToRValue))) {
          Node = U;
          Parents = Ctx.getParents(*Node);
          continue;
        }
        return true; // *p writes the pointee, not p.
      } else if (const auto *M = dyn_cast<MemberExpr>(P)) {
        // p->field: reads the pointer p.
        if (M->isArrow())
          return true;
        // g.field = ...: keep climbing; g.method(): the method decides.
        const auto *MD = dyn_cast<CXXMethodDecl>(M->getMemberDecl());
        if (MD) {
          if (!SM.isInSystemHeader(SM.getExpansionLoc(MD->getLocation())))
            return false;
          A.IsWrite = !MD->isConst();
          return true;
        }
      } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P);
                 Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
                 Op->getArg(0)->IgnoreParenImpCasts() == Node->IgnoreParenImpCasts()) {
        // v[i] of a container: the element's use decides, as for arrays.
        if (!ElementUnknown)
          noteIndex(*Op->getArg(1), Dimension, A);
        ++Dimension;
      } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
        const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
        if (MD && Op->getNumArgs() > 0 && Op->getArg(0)->IgnoreParenImpCasts() == Node->IgnoreParenImpCasts()) {
          A.IsWrite = !MD->isConst();
          A.IsReadModifyWrite = A.IsWrite && Op->getOperator() != OO_Equal &&
                                Op->getOperator() != OO_Subscript;
        } else if (Op->isAssignmentOp() && Op->getArg(0)->IgnoreParenImpCasts() == Node->IgnoreParenImpCasts()) {
          A.IsWrite = true;
        }
        return true;
      } else if (const auto *Call = dyn_cast<CallExpr>(P)) {
        // Passed by non-const reference or pointer: may be written.
        const FunctionDecl *F = Call->getDirectCallee();
        for (unsigned I = 0; F && I < Call->getNumArgs() && I < F->getNumParams(); ++I)
          if (Call->getArg(I)->IgnoreParenImpCasts() == Node->IgnoreParenImpCasts()) {
            QualType PT = F->getParamDecl(I)->getType();
            A.IsWrite = PT->isReferenceType() && !PT.getNonReferenceType().isConstQualified();
          }
        return true;
      } else if (!isa<ParenExpr, ArraySubscriptExpr, ImplicitCastExpr,
                     MaterializeTemporaryExpr>(P)) {
        return true; // read
      }
      if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P)) {
        if (AS->getBase()->IgnoreParenImpCasts() != Node->IgnoreParenImpCasts())
          return true; // the variable is the index: read
        // b[i][j - 1] with j from 0 is b[i - 1][m - 1]: a row of an array of
        // arrays is no bound, so the element may be another iteration's.
        if (Dimension > 0 && Node->IgnoreParenImpCasts()->getType()->isArrayType() &&
            mayBeNegative(*AS->getIdx())) {
          ElementUnknown = true;
          A.IndexVar.clear();
          A.IndexOffset = 0;
        }
        if (!ElementUnknown)
          noteIndex(*AS->getIdx(), Dimension, A);
        ++Dimension;
      }
      Node = cast<Expr>(P);
      Parents = Ctx.getParents(*Node);
    }
    return true;
  }
};

/// AccessFact::Releases and Acquires: a thread that one construct runs
/// writes data, then sets a flag under a lock (or `omp atomic`); another
/// waits in a loop until it reads the flag set, under the same lock, then
/// uses the data. Accesses in loops are left out: a later iteration may
/// come after the flag was set.
void Extractor::noteSpinWaits() {
  struct Wait {
    const WaitLoop *Loop;
    std::vector<std::string> Keys;
  };
  std::vector<Wait> Waits;
  std::set<std::string> WaitKeys;
  for (const WaitLoop &L : WaitLoops) {
    Wait W{&L, {}};
    for (size_t I = L.First; I < L.Last; ++I) {
      const AccessFact &A = Pending[I];
      if (A.IsWrite || A.VariableUsr.empty() || A.FunctionUsr != L.Function)
        continue;
      for (const std::string &Lock : A.Locks)
        W.Keys.push_back(A.VariableUsr + "|" + Lock);
    }
    WaitKeys.insert(W.Keys.begin(), W.Keys.end());
    if (!W.Keys.empty())
      Waits.push_back(std::move(W));
  }
  if (Waits.empty())
    return;
  auto Placed = [&](size_t I) {
    const AccessFact &A = Pending[I];
    return !A.OneThread.empty() && !A.VariableUsr.empty() && PendingLoopDepth[I] == 0;
  };
  std::vector<size_t> Sets; // writes of a flag some loop waits for
  for (size_t I = 0; I < Pending.size(); ++I)
    if (Placed(I) && Pending[I].IsWrite &&
        llvm::any_of(Pending[I].Locks, [&](const std::string &Lock) {
          return WaitKeys.count(Pending[I].VariableUsr + "|" + Lock);
        }))
      Sets.push_back(I);
  for (size_t I = 0; I < Pending.size(); ++I) {
    if (!Placed(I))
      continue;
    AccessFact &A = Pending[I];
    for (size_t S : Sets) {
      const AccessFact &R = Pending[S];
      if (S == I || R.FunctionUsr != A.FunctionUsr || R.OneThread != A.OneThread ||
          !(A.Where < R.Where))
        continue;
      for (const std::string &Lock : R.Locks)
        if (WaitKeys.count(R.VariableUsr + "|" + Lock))
          A.Releases.push_back(R.VariableUsr + "|" + Lock);
    }
    for (const Wait &W : Waits)
      if (W.Loop->Function == A.FunctionUsr && W.Loop->OneThread == A.OneThread &&
          W.Loop->End < A.Where)
        A.Acquires.insert(A.Acquires.end(), W.Keys.begin(), W.Keys.end());
    for (std::vector<std::string> *Keys : {&A.Releases, &A.Acquires}) {
      llvm::sort(*Keys);
      Keys->erase(std::unique(Keys->begin(), Keys->end()), Keys->end());
    }
  }
}

void Extractor::finish() {
  // Locals stay only where code other than their own function shares them:
  // a lambda that captures them by reference, an OpenMP region, or a thread
  // entry they were handed to, whose accesses through that parameter are
  // accesses of each local a start of this unit handed it.
  std::map<const VarDecl *, bool> Shared;
  for (const LocalAccess &L : LocalAccesses)
    Shared[L.Variable] |= L.How == Reach::Shared;
  for (const ParameterAccess &PA : ParameterAccesses)
    for (const ArgumentBinding &B : Bindings) {
      if (B.EntryUsr != PA.EntryUsr || B.Param != PA.Param)
        continue;
      AccessFact A = Pending[PA.Index];
      A.VariableUsr = usrOf(*B.Local);
      addLocal(*B.Local, OwnerOf[B.Local]);
      Shared[B.Local] = true;
      Pending.push_back(std::move(A));
      PendingLoopDepth.push_back(PendingLoopDepth[PA.Index]);
    }
  for (const LocalAccess &L : LocalAccesses) {
    if (!Shared[L.Variable])
      continue;
    const std::string &Owner = OwnerOf[L.Variable];
    if (L.Pointee) {
      addPointee(*L.Variable, VariableKind::Local, Owner);
      Pending[L.Index].VariableUsr = pointeeUsr(*L.Variable);
      continue;
    }
    addLocal(*L.Variable, Owner);
    Pending[L.Index].VariableUsr = usrOf(*L.Variable);
  }
  noteSpinWaits();
  // A mutex is a synchronization object, not shared data: locking it is
  // what makes the other accesses safe.
  for (VariableFact &V : Out.Variables)
    if (LockVariables.count(V.Usr))
      V.IsAtomic = true;
  for (AccessFact &A : Pending) {
    if (A.VariableUsr.empty())
      continue; // a local no other code shares
    A.Sequential = isSequential(A);
    Out.Accesses.push_back(std::move(A));
  }
}

} // namespace

void extractFacts(ASTContext &Ctx, const RuleSet &Rules, const PointResolver &Resolve,
                  TranslationUnitFacts &Out) {
  Extractor E(Ctx, Rules, Resolve, Out);
  E.noteStarts(Out.ThreadStarts);
  E.TraverseAST(Ctx);
  E.finish();
}

} // namespace conc
