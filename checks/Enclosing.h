//===- checks/Enclosing.h - Where a site sits: its loop, its function ------===//
//
// A thread site inside a loop may create many threads from one line of code:
// the first sign of thread-per-task designs. The search stops at the
// enclosing function or lambda, whose own callers are the program model's
// business, not the AST's.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_ENCLOSING_H
#define CONC_CHECKS_ENCLOSING_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

namespace conc {

/// The innermost statement that runs `S` repeatedly within the same
/// function: a for/while/do/range-for loop, an OpenMP loop directive, or an
/// OpenMP parallel/teams region (every thread of the team runs it); or null.
const clang::Stmt *enclosingLoop(const clang::Stmt &S, clang::ASTContext &Ctx);

/// The function (or lambda call operator) whose body contains `S`, or null.
const clang::FunctionDecl *enclosingFunction(const clang::Stmt &S,
                                             clang::ASTContext &Ctx);

} // namespace conc

#endif
