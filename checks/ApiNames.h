//===- checks/ApiNames.h - How rules name declarations ---------------------===//
//
// Rules name APIs the way users write them ("std::thread", "tf::Executor").
// Standard libraries put them in inline namespaces (std::__1::thread in
// libc++) and code reaches them through aliases; this is the one place that
// turns a declaration into the name a rule would use.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_APINAMES_H
#define CONC_CHECKS_APINAMES_H

#include "clang/AST/Decl.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

#include <string>
#include <vector>

namespace conc {

/// "std::thread" for std::__1::thread, "BS::thread_pool::submit_task" for a
/// member of BS::thread_pool<>: no leading "::", no inline or anonymous
/// namespaces, no template arguments.
std::string ruleName(const clang::NamedDecl &D);

/// The last component of each name ("detach_task" for
/// "BS::thread_pool::detach_task"), without repeats, for hasAnyName. The
/// matchers match by this short name and the checks then compare ruleName()
/// with the rule: hasName("A::f") does not see through class template
/// specializations (A<>::f), and the check must reject look-alikes such as
/// mylib::fork anyway.
std::vector<std::string> unqualifiedNames(const std::vector<std::string> &Names);

/// Registers `Callback` for calls (bound as "call") of a function whose
/// unqualified name is one of `QualifiedNames`'; nothing when the list is
/// empty. The callback compares ruleName() with its rules.
void addCallMatcher(clang::ast_matchers::MatchFinder &Finder,
                    const std::vector<std::string> &QualifiedNames,
                    clang::ast_matchers::MatchFinder::MatchCallback *Callback);

} // namespace conc

#endif
