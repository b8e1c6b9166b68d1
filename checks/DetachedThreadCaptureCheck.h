//===- checks/DetachedThreadCaptureCheck.h - conc-detached-thread-capture -===//
//
// Warns when a detached thread refers to a local variable or to `this`: its
// lambda captures them by reference (or captures `this`), or its arguments
// pass a pointer to a local, a local through std::ref, or `this`. Nobody waits
// for a detached thread, so it may still run after the function returns and
// the object dies, and then use a dangling reference.
//
// Which calls start a thread and which detach one comes from rules
// (thread-apis and detach-apis in rules/threads.yaml). A thread is detached
// when a detach call names its handle: `t.detach()` on the variable or member
// the thread was constructed into or assigned to, `std::thread(...).detach()`
// on the temporary, `pthread_detach(t)` on the handle pthread_create filled,
// or pthread_create with attributes set to PTHREAD_CREATE_DETACHED. The
// matching is within one translation unit and not flow-sensitive: a handle
// that is detached on any path counts as detached.
//
// Docs: docs/checks/conc-detached-thread-capture.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_DETACHEDTHREADCAPTURECHECK_H
#define CONC_CHECKS_DETACHEDTHREADCAPTURECHECK_H

#include "checks/ConcCheck.h"

#include "llvm/ADT/DenseMap.h"

#include <map>
#include <utility>
#include <vector>

namespace clang {
class CallExpr;
class CXXConstructExpr;
class CXXMemberCallExpr;
class Expr;
class ValueDecl;
} // namespace clang

namespace conc {

class DetachedThreadCaptureCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-detached-thread-capture";
  DetachedThreadCaptureCheck(CheckContext &Context)
      : ConcCheck(Id, Severity::Warning, Context), IgnoreThis(optionBool("IgnoreThis")) {}
  /// IgnoreThis: 'this' of objects that live until the process exits.
  static const CheckOptionInfo Options[1];

  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  /// One thing a detached thread refers to that may die before it does.
  struct Dangling;

private:
  /// Do not report 'this' (the IgnoreThis option).
  bool IgnoreThis;

  /// Where a thread is detached and by which API, for the note.
  struct Detach {
    clang::SourceLocation Loc;
    std::string Api;
    /// "the thread is detached here", or for attributes "the thread is
    /// created detached: its attributes are set detached here".
    std::string Note;
  };

  void onDetachMethod(const clang::CXXMemberCallExpr &E, clang::ASTContext &Ctx);
  void onDetachFunction(const clang::CallExpr &E, clang::ASTContext &Ctx);

  /// The thread constructions a handle (a variable or member) may hold.
  std::vector<const clang::CXXConstructExpr *> constructionsOf(const clang::ValueDecl *Handle);
  /// Reports what a detached std::thread-style construction refers to.
  void checkConstruction(const clang::CXXConstructExpr &E, const Detach &D);
  /// Reports what a detached pthread_create-style call passes its entry.
  void checkCreateCall(const clang::CallExpr &E, const Detach &D);
  /// Adds (or merges into) the finding for one dangling entity.
  void addFinding(const clang::Expr &Thread, const std::string &ThreadApi,
                  const Dangling &What, const Detach &D);

  clang::ASTContext *Ctx = nullptr;
  /// Collected while matching, resolved at the end of the unit: a member may
  /// be assigned in one method and detached in another that comes first.
  std::vector<std::pair<const clang::Expr *, Detach>> MethodDetaches;
  /// Thread constructions assigned to a handle, or initializing a member.
  llvm::DenseMap<const clang::ValueDecl *, std::vector<const clang::CXXConstructExpr *>>
      Assigned;
  llvm::DenseMap<const clang::ValueDecl *, std::vector<Detach>> DetachedHandles;
  llvm::DenseMap<const clang::ValueDecl *, std::vector<Detach>> DetachedAttributes;
  std::vector<const clang::CallExpr *> Creates;
  /// One finding per thread site and entity, whatever the number of
  /// instantiations and detach calls that reach it.
  std::map<std::pair<SourcePoint, std::string>, Finding> Findings;
};

} // namespace conc

#endif
