//===- checks/DetachedThreadCaptureCheck.cpp - conc-detached-thread-capture ===//
#include "checks/DetachedThreadCaptureCheck.h"

#include "checks/ApiNames.h"
#include "checks/CallableEntry.h"
#include "checks/ThreadArgument.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/LambdaCapture.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace conc {

using namespace clang;
using namespace clang::ast_matchers;

struct DetachedThreadCaptureCheck::Dangling {
  std::string Message;
  std::string Entity;     ///< 'buf', or 'this'
  std::string EntityKind; ///< local | parameter | this
  std::string Via;        ///< capture | argument
  SourceLocation Evidence;
  std::string EvidenceNote;
};

const CheckOptionInfo DetachedThreadCaptureCheck::Options[1] = {
    {"IgnoreThis", CheckOptionInfo::Type::Boolean, "false",
     "do not report 'this' handed to a detached thread, for projects whose objects that "
     "detach threads live until the process exits (singletons, services never destroyed)"},
};

void DetachedThreadCaptureCheck::registerMatchers(MatchFinder &Finder) {
  std::vector<std::string> Methods, Functions, Classes, Creates;
  for (const DetachApiRule &R : rules().DetachApis)
    (R.Form == ApiForm::Method ? Methods : Functions).push_back(R.Api);
  for (const ThreadApiRule &R : rules().ThreadApis) {
    if (!R.EntryArg)
      continue;
    if (R.Form == ApiForm::Constructor)
      Classes.push_back(R.Api);
    else if (R.Form == ApiForm::Function && (R.HandleArg || R.AttrArg))
      Creates.push_back(R.Api);
  }
  // hasAnyName keeps StringRefs only while the matcher is built.
  auto Refs = [](const std::vector<std::string> &V) {
    return std::vector<llvm::StringRef>(V.begin(), V.end());
  };
  Methods = unqualifiedNames(Methods);
  Functions = unqualifiedNames(Functions);
  Classes = unqualifiedNames(Classes);
  Creates = unqualifiedNames(Creates);
  if (!Methods.empty() && !Classes.empty()) {
    Finder.addMatcher(
        cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(Refs(Methods)))))
            .bind("detach-method"),
        this);
    // Where a thread object gets its thread besides its own initializer,
    // which the VarDecl or FieldDecl carries.
    Finder.addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                                          callee(cxxMethodDecl(ofClass(
                                              cxxRecordDecl(hasAnyName(Refs(Classes)))))))
                          .bind("assign"),
                      this);
    Finder.addMatcher(cxxCtorInitializer(isMemberInitializer()).bind("member-init"), this);
  }
  if (!Functions.empty())
    Finder.addMatcher(
        callExpr(callee(functionDecl(hasAnyName(Refs(Functions))))).bind("detach-function"),
        this);
  if (!Creates.empty())
    Finder.addMatcher(
        callExpr(callee(functionDecl(hasAnyName(Refs(Creates))))).bind("create"), this);
}

/// Strips what does not change which object an expression denotes:
/// parentheses, implicit conversions, temporaries, functional casts.
static const Expr *stripTemporaries(const Expr *E) {
  while (E) {
    const Expr *Before = E;
    E = E->IgnoreParenImpCasts();
    if (const auto *W = dyn_cast<ExprWithCleanups>(E))
      E = W->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *C = dyn_cast<CXXFunctionalCastExpr>(E))
      E = C->getSubExpr();
    if (E == Before)
      return E;
  }
  return E;
}

/// The construction of a thread object that starts a thread (a rule of form
/// constructor with an entry, its callable written) that `E` evaluates to.
static const CXXConstructExpr *threadConstruction(const Expr *E, const RuleSet &Rules) {
  E = stripTemporaries(E);
  // `auto *T = new std::thread(...); T->detach();`
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(E))
    E = New->getConstructExpr();
  const auto *C = dyn_cast_or_null<CXXConstructExpr>(E);
  if (!C)
    return nullptr;
  if (C->getConstructor()->isCopyOrMoveConstructor())
    return C->getNumArgs() == 1 ? threadConstruction(C->getArg(0), Rules) : nullptr;
  const ThreadApiRule *Rule =
      Rules.findThreadApi(ruleName(*C->getConstructor()->getParent()), ApiForm::Constructor);
  if (!Rule || !Rule->EntryArg || C->getNumArgs() <= *Rule->EntryArg ||
      isa<CXXDefaultArgExpr>(C->getArg(*Rule->EntryArg)))
    return nullptr;
  return C;
}

/// The variable or member that names a thread handle or attribute object:
/// `t` in `t.detach()`, `&t` and `&tids[i]` in pthread_create, `this->t`.
static const ValueDecl *handleDecl(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref))
      E = U->getSubExpr();
    else if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
      E = A->getBase();
    else if (const auto *M = dyn_cast<MemberExpr>(E))
      return M->getMemberDecl();
    else if (const auto *D = dyn_cast<DeclRefExpr>(E))
      return D->getDecl();
    else
      return nullptr;
  }
  return nullptr;
}

static std::string localKind(const VarDecl &V) {
  return isa<ParmVarDecl>(V) ? "parameter" : "local";
}

static std::string quoted(const VarDecl &V) { return "'" + V.getNameAsString() + "'"; }

void DetachedThreadCaptureCheck::run(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *E = Result.Nodes.getNodeAs<CXXMemberCallExpr>("detach-method")) {
    onDetachMethod(*E, *Ctx);
  } else if (const auto *E = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("assign")) {
    if (E->getNumArgs() == 2)
      if (const ValueDecl *H = handleDecl(E->getArg(0)))
        if (const CXXConstructExpr *C = threadConstruction(E->getArg(1), rules()))
          Assigned[H].push_back(C);
  } else if (const auto *I = Result.Nodes.getNodeAs<CXXCtorInitializer>("member-init")) {
    if (const FieldDecl *Member = I->getMember())
      if (const CXXConstructExpr *C = threadConstruction(I->getInit(), rules()))
        Assigned[Member].push_back(C);
  } else if (const auto *E = Result.Nodes.getNodeAs<CallExpr>("detach-function")) {
    onDetachFunction(*E, *Ctx);
  } else if (const auto *E = Result.Nodes.getNodeAs<CallExpr>("create")) {
    Creates.push_back(E);
  }
}

void DetachedThreadCaptureCheck::onDetachMethod(const CXXMemberCallExpr &E, ASTContext &) {
  const CXXMethodDecl *M = E.getMethodDecl();
  if (!M)
    return;
  const DetachApiRule *Rule = rules().findDetachApi(ruleName(*M), ApiForm::Method);
  if (!Rule || !E.getImplicitObjectArgument())
    return;
  // The note goes on the `detach` token: on a temporary, the call begins
  // where the thread's construction does.
  MethodDetaches.push_back(
      {E.getImplicitObjectArgument(), {E.getExprLoc(), Rule->Api, "the thread is detached here"}});
}

/// Whether `Arg` spells the state `Name`: an enumerator of that name
/// (glibc's enum, behind a macro of the same name) or a macro of that name
/// (musl's #define PTHREAD_CREATE_DETACHED 1).
static bool spellsState(const Expr &Arg, llvm::StringRef Name, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (SourceLocation L = Arg.getBeginLoc(); L.isMacroID();
       L = SM.getImmediateMacroCallerLoc(L))
    if (Lexer::getImmediateMacroName(L, SM, Ctx.getLangOpts()) == Name)
      return true;
  if (const auto *D = dyn_cast<DeclRefExpr>(Arg.IgnoreParenImpCasts()))
    if (const auto *C = dyn_cast<EnumConstantDecl>(D->getDecl())) {
      size_t Colon = Name.rfind("::");
      return C->getName() == (Colon == llvm::StringRef::npos ? Name : Name.substr(Colon + 2));
    }
  return false;
}

void DetachedThreadCaptureCheck::onDetachFunction(const CallExpr &E, ASTContext &Ctx) {
  const FunctionDecl *F = E.getDirectCallee();
  if (!F)
    return;
  const DetachApiRule *Rule = rules().findDetachApi(ruleName(*F), ApiForm::Function);
  if (!Rule)
    return;
  if (Rule->HandleArg && *Rule->HandleArg < E.getNumArgs()) {
    if (const ValueDecl *H = handleDecl(E.getArg(*Rule->HandleArg)))
      DetachedHandles[H].push_back({E.getBeginLoc(), Rule->Api, "the thread is detached here"});
  } else if (Rule->AttrArg && Rule->StateArg && *Rule->AttrArg < E.getNumArgs() &&
             *Rule->StateArg < E.getNumArgs() &&
             spellsState(*E.getArg(*Rule->StateArg), Rule->DetachedState, Ctx)) {
    if (const ValueDecl *A = handleDecl(E.getArg(*Rule->AttrArg)))
      DetachedAttributes[A].push_back(
          {E.getBeginLoc(), Rule->Api,
           "the thread is created detached: its attributes are set detached here"});
  }
}

std::vector<const CXXConstructExpr *>
DetachedThreadCaptureCheck::constructionsOf(const ValueDecl *Handle) {
  std::vector<const CXXConstructExpr *> Out;
  if (const auto *V = dyn_cast<VarDecl>(Handle)) {
    if (const CXXConstructExpr *C = threadConstruction(V->getInit(), rules()))
      Out.push_back(C);
  } else if (const auto *F = dyn_cast<FieldDecl>(Handle)) {
    if (const CXXConstructExpr *C = threadConstruction(F->getInClassInitializer(), rules()))
      Out.push_back(C);
  }
  if (auto It = Assigned.find(Handle); It != Assigned.end())
    Out.insert(Out.end(), It->second.begin(), It->second.end());
  return Out;
}

/// What an argument hands the thread, or nullopt if it is safe.
static std::optional<DetachedThreadCaptureCheck::Dangling>
describeArgument(const Referent &R, const Expr &Arg) {
  DetachedThreadCaptureCheck::Dangling D;
  D.Via = "argument";
  D.Evidence = Arg.getBeginLoc();
  switch (R.What) {
  case Referent::None:
    return std::nullopt;
  case Referent::This:
    D.Entity = "this";
    D.EntityKind = "this";
    D.Message = "detached thread is passed 'this'; it may outlive the object, leaving "
                "'this' dangling";
    D.EvidenceNote = "'this' is passed here";
    return D;
  case Referent::PointerToLocal:
    D.Entity = R.Var->getNameAsString();
    D.EntityKind = localKind(*R.Var);
    D.Message = "detached thread is passed a pointer to " + localKind(*R.Var) + " " +
                quoted(*R.Var) + "; it may outlive " + quoted(*R.Var) +
                ", leaving the pointer dangling";
    D.EvidenceNote = "a pointer to " + quoted(*R.Var) + " is passed here";
    return D;
  case Referent::LocalByReference:
    D.Entity = R.Var->getNameAsString();
    D.EntityKind = localKind(*R.Var);
    D.Message = "detached thread is passed " + localKind(*R.Var) + " " + quoted(*R.Var) +
                " by reference; it may outlive " + quoted(*R.Var) +
                ", leaving the reference dangling";
    D.EvidenceNote = quoted(*R.Var) + " is passed by reference here";
    return D;
  }
  return std::nullopt;
}

/// What a lambda's capture hands the thread, or nullopt if it is safe.
static std::optional<DetachedThreadCaptureCheck::Dangling>
describeCapture(const LambdaCapture &C) {
  DetachedThreadCaptureCheck::Dangling D;
  D.Via = "capture";
  D.Evidence = C.getLocation();
  std::string Implicitly = C.isImplicit() ? " implicitly" : "";
  if (C.capturesThis()) {
    if (C.getCaptureKind() == LCK_StarThis)
      return std::nullopt; // [*this] copies the object.
    D.Entity = "this";
    D.EntityKind = "this";
    D.Message = "detached thread captures 'this'; it may outlive the object, leaving "
                "'this' dangling";
    D.EvidenceNote = "'this' is captured" + Implicitly + " here";
    return D;
  }
  if (!C.capturesVariable())
    return std::nullopt;
  const auto *Captured = dyn_cast<VarDecl>(C.getCapturedVar());
  if (Captured && Captured->isInitCapture()) {
    // [&r = x] refers to x; [p = &x], [r = std::ref(x)], [self = this] hand
    // the thread a pointer or reference to it.
    Referent R;
    if (C.getCaptureKind() == LCK_ByRef) {
      if (const VarDecl *V = storageLocal(Captured->getInit()))
        R = {Referent::LocalByReference, V};
    } else {
      R = referentOf(Captured->getInit());
    }
    std::string As = " (as '" + Captured->getNameAsString() + "')";
    switch (R.What) {
    case Referent::None:
      return std::nullopt;
    case Referent::This:
      D.Entity = "this";
      D.EntityKind = "this";
      D.Message = "detached thread captures 'this'" + As +
                  "; it may outlive the object, leaving 'this' dangling";
      D.EvidenceNote = "'this' is captured here";
      return D;
    case Referent::PointerToLocal:
      D.Entity = R.Var->getNameAsString();
      D.EntityKind = localKind(*R.Var);
      D.Message = "detached thread captures a pointer to " + localKind(*R.Var) + " " +
                  quoted(*R.Var) + As + "; it may outlive " + quoted(*R.Var) +
                  ", leaving the pointer dangling";
      D.EvidenceNote = "a pointer to " + quoted(*R.Var) + " is captured here";
      return D;
    case Referent::LocalByReference:
      D.Entity = R.Var->getNameAsString();
      D.EntityKind = localKind(*R.Var);
      D.Message = "detached thread captures " + localKind(*R.Var) + " " + quoted(*R.Var) +
                  " by reference" + As + "; it may outlive " + quoted(*R.Var) +
                  ", leaving the reference dangling";
      D.EvidenceNote = quoted(*R.Var) + " is captured by reference here";
      return D;
    }
    return std::nullopt;
  }
  if (C.getCaptureKind() != LCK_ByRef)
    return std::nullopt;
  const VarDecl *V = frameLocal(C.getCapturedVar());
  if (!V)
    return std::nullopt;
  D.Entity = V->getNameAsString();
  D.EntityKind = localKind(*V);
  D.Message = "detached thread captures " + localKind(*V) + " " + quoted(*V) +
              " by reference; it may outlive " + quoted(*V) +
              ", leaving the reference dangling";
  D.EvidenceNote = quoted(*V) + " is captured" + Implicitly + " by reference here";
  return D;
}

void DetachedThreadCaptureCheck::checkConstruction(const CXXConstructExpr &E,
                                                   const Detach &D) {
  const ThreadApiRule *Rule = rules().findThreadApi(
      ruleName(*E.getConstructor()->getParent()), ApiForm::Constructor);
  if (!Rule || !Rule->EntryArg)
    return;
  CallableEntry Entry = resolveCallable(E.getArg(*Rule->EntryArg), *Ctx);
  if (Entry.What == CallableEntry::Kind::Lambda && Entry.Function)
    for (const LambdaCapture &C : cast<CXXMethodDecl>(Entry.Function)->getParent()->captures())
      if (std::optional<Dangling> What = describeCapture(C))
        addFinding(E, Rule->Api, *What, D);
  // The arguments after the callable are copied into the thread and passed
  // to its entry.
  for (unsigned I = *Rule->EntryArg + 1; I < E.getNumArgs(); ++I)
    if (std::optional<Dangling> What = describeArgument(referentOf(E.getArg(I)), *E.getArg(I)))
      addFinding(E, Rule->Api, *What, D);
}

void DetachedThreadCaptureCheck::checkCreateCall(const CallExpr &E, const Detach &D) {
  const FunctionDecl *F = E.getDirectCallee();
  const ThreadApiRule *Rule =
      F ? rules().findThreadApi(ruleName(*F), ApiForm::Function) : nullptr;
  if (!Rule || !Rule->EntryArg)
    return;
  // pthread_create(&t, attr, entry, arg): what follows the entry is its data.
  for (unsigned I = *Rule->EntryArg + 1; I < E.getNumArgs(); ++I)
    if (std::optional<Dangling> What = describeArgument(referentOf(E.getArg(I)), *E.getArg(I)))
      addFinding(E, Rule->Api, *What, D);
}

void DetachedThreadCaptureCheck::addFinding(const Expr &Thread, const std::string &ThreadApi,
                                            const Dangling &What, const Detach &D) {
  if (IgnoreThis && What.EntityKind == "this")
    return;
  const SourceManager &SM = Ctx->getSourceManager();
  std::optional<SourcePoint> Where = userPoint(Thread.getBeginLoc(), SM);
  if (!Where)
    return;
  auto [It, Inserted] = Findings.try_emplace({*Where, What.Message});
  Finding &F = It->second;
  if (Inserted) {
    F.CheckId = Id;
    F.Level = level();
    F.Where = *Where;
    F.Message = What.Message;
    F.Properties["api"] = ThreadApi;
    F.Properties["entity"] = What.Entity;
    F.Properties["entity-kind"] = What.EntityKind;
    F.Properties["refers-by"] = What.Via;
  }
  auto AddNote = [&](SourceLocation Loc, const std::string &Message) {
    std::optional<SourcePoint> At = userPoint(Loc, SM);
    if (!At)
      return;
    for (const RelatedNote &N : F.Notes)
      if (N.Where == *At && N.Message == Message)
        return;
    F.Notes.push_back({*At, Message});
  };
  AddNote(What.Evidence, What.EvidenceNote);
  AddNote(D.Loc, D.Note);
  // Several detach APIs may reach one thread (a handle detached on two paths).
  llvm::SmallVector<llvm::StringRef, 2> Apis;
  std::string &By = F.Properties["detached-by"];
  llvm::StringRef(By).split(Apis, ';', -1, /*KeepEmpty=*/false);
  if (!llvm::is_contained(Apis, D.Api)) {
    std::vector<std::string> All(Apis.begin(), Apis.end());
    All.push_back(D.Api);
    llvm::sort(All);
    By = llvm::join(All, ";");
  }
}

void DetachedThreadCaptureCheck::onEndOfTranslationUnit() {
  for (const auto &[Object, D] : MethodDetaches) {
    if (const CXXConstructExpr *C = threadConstruction(Object, rules())) {
      checkConstruction(*C, D); // std::thread(...).detach()
      continue;
    }
    if (const ValueDecl *H = handleDecl(Object))
      for (const CXXConstructExpr *C : constructionsOf(H))
        checkConstruction(*C, D);
  }
  for (const CallExpr *E : Creates) {
    const FunctionDecl *F = E->getDirectCallee();
    const ThreadApiRule *Rule =
        F ? rules().findThreadApi(ruleName(*F), ApiForm::Function) : nullptr;
    if (!Rule)
      continue;
    auto Lookup = [&](std::optional<unsigned> Arg,
                      const llvm::DenseMap<const ValueDecl *, std::vector<Detach>> &In) {
      if (!Arg || *Arg >= E->getNumArgs())
        return;
      if (const ValueDecl *H = handleDecl(E->getArg(*Arg)))
        if (auto It = In.find(H); It != In.end())
          for (const Detach &D : It->second)
            checkCreateCall(*E, D);
    };
    Lookup(Rule->HandleArg, DetachedHandles);
    Lookup(Rule->AttrArg, DetachedAttributes);
  }
  for (auto &[Key, F] : Findings)
    emit(std::move(F));
  Findings.clear();
  MethodDetaches.clear();
  Assigned.clear();
  DetachedHandles.clear();
  DetachedAttributes.clear();
  Creates.clear();
}

} // namespace conc
