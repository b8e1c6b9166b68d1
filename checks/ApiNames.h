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

#include <string>
#include <vector>

namespace conc {

/// "std::thread" for std::__1::thread; no leading "::", no template arguments.
std::string ruleName(const clang::NamedDecl &D);

/// "::name" for each name, the form AST matchers' hasAnyName needs to match
/// only the fully qualified declaration (so a user's mylib::fork is not fork).
std::vector<std::string> fullyQualified(const std::vector<std::string> &Names);

} // namespace conc

#endif
