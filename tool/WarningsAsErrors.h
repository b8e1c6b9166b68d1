//===- tool/WarningsAsErrors.h - clang-tidy's --warnings-as-errors ---------===//
#ifndef CONC_TOOL_WARNINGSASERRORS_H
#define CONC_TOOL_WARNINGSASERRORS_H

#include "checks/CheckRegistry.h"
#include "core/Finding.h"

#include <vector>

namespace conc {

/// Raises the warnings of the checks `Globs` enables to errors, as clang-tidy
/// does: notes stay notes. A raised finding carries the property
/// `warnings-as-errors: true`, and text output names it
/// `[check-id,-warnings-as-errors]` like clang-tidy.
void promoteWarningsAsErrors(std::vector<Finding> &Findings, const CheckFilter &Globs);

} // namespace conc

#endif
