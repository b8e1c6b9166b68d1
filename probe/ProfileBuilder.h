//===- probe/ProfileBuilder.h - The preload's records, as a profile --------===//
//
// Reads the records file every process of a traced program appended to
// (format: probe/RecordFormat.h), joins threads and processes to the site
// that created them, symbolizes the sites and sums them per file:line.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_PROBE_PROFILEBUILDER_H
#define CONC_PROBE_PROFILEBUILDER_H

#include "core/ProbeData.h"
#include "core/Rules.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace conc {

/// What conc-probe itself knows about the run.
struct RunFacts {
  std::string Program;
  std::vector<std::string> Command;
  ProgramExit Exit;
  int RootPid = 0;
};

/// Builds the profile of a run from its records. `Warnings` receives what
/// the user should know (nothing recorded, unreadable lines).
llvm::Expected<Profile> buildProfile(llvm::StringRef RecordsPath, const RunFacts &Run,
                                     const WorkloadThresholds &Thresholds,
                                     std::vector<std::string> &Warnings);

} // namespace conc

#endif
