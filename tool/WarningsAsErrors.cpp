//===- tool/WarningsAsErrors.cpp -------------------------------------------===//
#include "tool/WarningsAsErrors.h"

namespace conc {

void promoteWarningsAsErrors(std::vector<Finding> &Findings, const CheckFilter &Globs) {
  for (Finding &F : Findings)
    if (F.Level == Severity::Warning && Globs.isEnabled(F.CheckId)) {
      F.Level = Severity::Error;
      F.Properties["warnings-as-errors"] = "true";
    }
}

} // namespace conc
