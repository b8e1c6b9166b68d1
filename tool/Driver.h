//===- tool/Driver.h - One run of conc-advisor, from argv to exit status ---===//
#ifndef CONC_TOOL_DRIVER_H
#define CONC_TOOL_DRIVER_H

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace conc {

enum ExitStatus : int { ExitClean = 0, ExitFindings = 1, ExitInputError = 2 };

/// Runs the tool. `Argv0` locates the resource and rules directories.
int runConcAdvisor(const char *Argv0, const std::vector<std::string> &Args,
                   llvm::raw_ostream &Out, llvm::raw_ostream &Err);

} // namespace conc

#endif
