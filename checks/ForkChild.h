//===- checks/ForkChild.h - The code a forked child runs -------------------===//
//
// `if (fork() == 0) {...}`, `switch (pid = fork()) { case 0: ... }`: the
// statements only the child runs. conc-fork-in-threaded-program reads them
// for calls that are not async-signal-safe; the workload classifier for the
// work the child process does.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_FORKCHILD_H
#define CONC_CHECKS_FORKCHILD_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include <optional>
#include <vector>

namespace conc {

/// The child's code of the fork call `Fork` in `Function`, or nullopt when
/// the test of its result is not one we understand.
std::optional<std::vector<const clang::Stmt *>>
findChildCode(const clang::CallExpr &Fork, const clang::FunctionDecl *Function,
              clang::ASTContext &Ctx);

} // namespace conc

#endif
