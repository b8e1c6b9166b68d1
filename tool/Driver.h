//===- tool/Driver.h - One run of conc-advisor, from argv to exit status ---===//
#ifndef CONC_TOOL_DRIVER_H
#define CONC_TOOL_DRIVER_H

#include "checks/CheckRegistry.h"
#include "core/Rules.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace conc {

enum ExitStatus : int { ExitClean = 0, ExitFindings = 1, ExitInputError = 2 };

/// Runs the tool. `Argv0` locates the resource and rules directories.
int runConcAdvisor(const char *Argv0, const std::vector<std::string> &Args,
                   llvm::raw_ostream &Out, llvm::raw_ostream &Err);

/// rules/ beside an installed binary (share/conc-advisor/rules), else the
/// source tree's rules/ the build was configured with.
std::string builtinRulesDir(const char *Argv0);

/// What every unit's cached result depends on besides its own command and
/// inputs: the tool, the facts format, the rules' text, the enabled checks
/// and their options.
std::string cacheSalt(const RuleSet &Rules, const std::vector<const CheckInfo *> &Checks,
                      const CheckOptionValues &Options);

} // namespace conc

#endif
