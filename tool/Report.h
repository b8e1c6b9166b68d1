//===- tool/Report.h - What a run found, and the formats that print it -----===//
//
// Emitters are pure functions from a Report to bytes; the driver decides
// where the bytes go (stdout or an atomically written -o file).
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_REPORT_H
#define CONC_TOOL_REPORT_H

#include "checks/CheckRegistry.h"
#include "core/Finding.h"
#include "core/ProbeData.h"

#include <optional>
#include <string>
#include <vector>

namespace conc {

/// Why a unit gave no results.
enum class UnitFailure {
  ParseError, ///< the compiler's errors, or a command that cannot run
  Crash,      ///< a crash or fatal error inside Clang or a check, contained
  Timeout,    ///< stopped at --timeout
};

/// "failed to parse", "crashed the analysis", "timed out": how reports say it.
const char *describeFailure(UnitFailure F);
/// "parse-error", "crash", "timeout": the id JSON reports carry.
const char *failureId(UnitFailure F);

struct FailedUnit {
  std::string File;
  UnitFailure Failure = UnitFailure::ParseError;
  std::vector<std::string> Errors;
};

struct Report {
  /// Sorted and without duplicates (a header seen from two units).
  std::vector<Finding> Findings;
  std::vector<FailedUnit> Failed;
  /// The checks that ran, sorted by id.
  std::vector<const CheckInfo *> Checks;
  unsigned UnitsAnalyzed = 0;
  /// Per finding, in the same order: its stable fingerprint (tool/Baseline.h),
  /// SARIF's partialFingerprints and GitLab's fingerprint.
  std::vector<std::string> Fingerprints;
  /// With --baseline, per finding: true when the baseline does not have it.
  /// Empty without a baseline.
  std::vector<bool> New;
  /// --profile and --hardware, when given (tool/Measurements.h).
  std::optional<Profile> MeasuredProfile;
  std::optional<HardwareProfile> Hardware;
};

std::string toolVersion();

std::string emitText(const Report &R);
std::string emitJson(const Report &R);
std::string emitSarif(const Report &R);
/// GitLab Code Quality JSON; paths relative to `Root` (the repository root,
/// which is where GitLab jobs run).
std::string emitGitLab(const Report &R, llvm::StringRef Root);

/// "file:///abs/path" with the characters RFC 3986 reserves percent-encoded.
std::string fileUri(llvm::StringRef AbsolutePath);

} // namespace conc

#endif
