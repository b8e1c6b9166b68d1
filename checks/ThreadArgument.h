//===- checks/ThreadArgument.h - What an argument hands a new thread ------===//
//
// A thread API copies its arguments into the new thread ([thread.thread.
// constr], pthread_create's `arg`); what the thread then shares with the
// code that started it is what a copied pointer or reference_wrapper still
// names: a local of the starting frame (`&n`, `std::ref(n)`, a local array
// that decays to a pointer), or `this`. Used by conc-detached-thread-capture
// (a reference that may dangle) and by the fact extractor (a local that two
// threads share).
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_THREADARGUMENT_H
#define CONC_CHECKS_THREADARGUMENT_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace conc {

/// What an argument or init-capture hands the thread.
struct Referent {
  enum Kind { None, PointerToLocal, LocalByReference, This } What = None;
  const clang::VarDecl *Var = nullptr;
  /// The expression naming the local, when the referent is the whole local
  /// (`&n`, `std::ref(n)`), not an element or member of it (`&a[i]`,
  /// `&s.f`) nor a decayed array: null otherwise.
  const clang::DeclRefExpr *Whole = nullptr;
};

/// A variable whose storage ends with the frame (or block) that declares it:
/// a local or a by-value parameter. References are left out: what they refer
/// to is someone else's and may well outlive the thread.
const clang::VarDecl *frameLocal(const clang::ValueDecl *D);

/// The local whose storage an lvalue designates: `x`, `x.field`, `x[i]` for
/// an array `x` (through a pointer or `->`, the storage is elsewhere). With
/// `Whole`, set to the DeclRefExpr when the lvalue is `x` itself, else null.
const clang::VarDecl *storageLocal(const clang::Expr *E,
                                   const clang::DeclRefExpr **Whole = nullptr);

/// What `E`, an argument a thread API copies into the thread (or the
/// initializer of a by-value init-capture), hands the thread.
Referent referentOf(const clang::Expr *E);

} // namespace conc

#endif
