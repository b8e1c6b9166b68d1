//===- checks/CallableEntry.h - Which function does a new thread run? ------===//
//
// Given the callable argument of a thread or task API (a function, a lambda,
// a member-function pointer, a functor, std::bind of one of those, ...), finds
// the function the new thread enters. Where the target is only known at run
// time (a std::function, a function pointer parameter) the entry is
// "unknown" rather than a guess.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_CALLABLEENTRY_H
#define CONC_CHECKS_CALLABLEENTRY_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <string>

namespace conc {

struct CallableEntry {
  enum class Kind { Function, Method, Lambda, Functor, Unknown };
  Kind What = Kind::Unknown;
  /// The function the thread enters (a lambda's or functor's operator()),
  /// null when unknown.
  const clang::FunctionDecl *Function = nullptr;
  /// Why the entry is unknown, e.g. "std::function" (empty when known).
  std::string UnknownReason;
};

const char *callableKindName(CallableEntry::Kind K);

CallableEntry resolveCallable(const clang::Expr *Callable, clang::ASTContext &Ctx);

/// The entry's name for messages: 'worker', 'Server::run', 'lambda at
/// main.cpp:12:7', 'Task::operator()', or 'unknown (std::function)'.
std::string describeEntry(const CallableEntry &Entry,
                          const clang::SourceManager &SM);

/// The entry's name for machine-readable output: 'Server::run',
/// 'lambda at main.cpp:12:7', 'unknown'.
std::string entryName(const CallableEntry &Entry, const clang::SourceManager &SM);

} // namespace conc

#endif
