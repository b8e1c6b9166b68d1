//===- core/ProfileMatch.h - A static site's records in a profile ----------===//
//
// conc-probe symbolizes each creation to the file:line that debug info
// names; conc-advisor reports the same call at the path its compile command
// spelled. The two spellings of one file differ (a symlinked checkout, a
// relative DW_AT_name, the program built in another directory), so a
// record joins a site when the real paths are equal or, failing that, when
// the paths share the longest run of trailing components of every
// candidate — and the join is refused, with the reason, when two different
// files share it equally.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CORE_PROFILEMATCH_H
#define CONC_CORE_PROFILEMATCH_H

#include "core/ProbeData.h"

#include <optional>
#include <string>
#include <vector>

namespace conc {

struct WorkloadThresholds;

/// The profile's records of one static site, summed (one line may have
/// records of several APIs, e.g. `system` and `popen` on one line).
struct MeasuredSite {
  std::string File; ///< The profile's spelling of the file.
  std::vector<std::string> Apis;
  uint64_t Count = 0;
  uint64_t Measured = 0;
  uint64_t CpuTimeUs = 0;
  uint64_t WallTimeUs = 0;
  uint64_t RunQueueWaitUs = 0;
  uint64_t VoluntarySwitches = 0;
  uint64_t InvoluntarySwitches = 0;
  /// Computed as the probe does (core/ProbeData.h, ProfileSite::OnCpuRatio).
  double OnCpuRatio = 0;
  /// CpuTimeUs plus the blocked time: what the class thresholds apply to.
  uint64_t WantedTimeUs = 0;
  std::string Class; ///< cpu | io | mixed | unknown
};

struct ProfileMatch {
  std::optional<MeasuredSite> Site;
  /// Why there is no Site: nothing was recorded at the line, or the file is
  /// ambiguous.
  std::string Why;
};

/// The records of `P` at `File`:`Line` whose kind is `Kind` (thread |
/// process; "" for any), combined and classified with `T`. `Lines` are the
/// lines the call may be recorded at, the first that has records wins: a
/// call written over several lines is attributed by Clang to its first line
/// and by GCC often to its last.
ProfileMatch matchProfileSite(const Profile &P, llvm::StringRef File,
                              llvm::ArrayRef<unsigned> Lines, llvm::StringRef Kind,
                              const WorkloadThresholds &T);

} // namespace conc

#endif
