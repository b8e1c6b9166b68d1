//===- tidy/TidyRules.h - The rules files of the clang-tidy module --------===//
//
// clang-tidy has no --rules: the module finds conc-advisor's rules/ beside
// itself (lib/../share/conc-advisor/rules in an installed tree, else the
// source tree it was built from), or where the option
// ConcAdvisorRulesDirectory says, plus the files ConcAdvisorRules lists.
// Loaded once per process and shared by every check and unit.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TIDY_TIDYRULES_H
#define CONC_TIDY_TIDYRULES_H

#include "core/Rules.h"

#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace conc {

/// The built-in rules directory when no option names one.
std::string defaultTidyRulesDir();

/// The rules of `Directory`'s *.yaml files and `ExtraFiles`, loaded on the
/// first call with those arguments and shared afterwards.
llvm::Expected<std::shared_ptr<const RuleSet>>
tidyRules(const std::string &Directory, const std::vector<std::string> &ExtraFiles);

} // namespace conc

#endif
