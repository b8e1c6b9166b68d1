//===- core/ProbeData.h - What conc-probe measures, as the analyzer reads it -===//
//
// Two files pass from conc-probe to conc-advisor (--profile=, --hardware=):
// profile.yaml, the threads and processes a run of a program created, per
// creation site (file:line), with their measured CPU and wall time; and
// hardware.yaml, this machine's topology and the measured cost of each way
// of running work concurrently. Both formats are documented in
// docs/probe.md. The readers are strict: an unknown key, a missing field or a
// value of the wrong type is an error naming file:line, because a silently
// ignored figure would let the advice quote a number nobody measured.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CORE_PROBEDATA_H
#define CONC_CORE_PROBEDATA_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace conc {

struct WorkloadThresholds;

//===-- profile.yaml ------------------------------------------------------===//

/// Every thread or process a run created at one source line, summed.
struct ProfileSite {
  std::string File; ///< Absolute path of the source file of the call.
  unsigned Line = 0;
  std::string Kind;     ///< thread | process
  std::string Api;      ///< pthread_create | fork | vfork | posix_spawn | exec | system | popen
  std::string Function; ///< Function containing the call, when known ("" otherwise).
  uint64_t Count = 0;   ///< Threads or processes created here.
  uint64_t CpuTimeUs = 0;  ///< User + system time, summed over them.
  uint64_t WallTimeUs = 0; ///< Lifetime, summed over them.
  /// Part of the wall time they were runnable but waited for a CPU (busy
  /// machine), summed; 0 when the kernel does not report it.
  uint64_t RunQueueWaitUs = 0;
  uint64_t VoluntarySwitches = 0;
  uint64_t InvoluntarySwitches = 0;
  /// How many of them reported their times (a thread still running when its
  /// process ended, a killed process, or a vfork child does not).
  uint64_t Measured = 0;
  /// CpuTimeUs / (CpuTimeUs + blocked time), where the blocked time is
  /// WallTimeUs - CpuTimeUs - RunQueueWaitUs (at least 0): the share of the
  /// time they were not waiting for a CPU that they computed; 0 when nothing
  /// was measured.
  double OnCpuRatio = 0;
  std::string Class;     ///< cpu | io | mixed | unknown (see classifyOnCpuRatio)
};

/// How the program ended: exactly one of the two is set.
struct ProgramExit {
  std::optional<int> Status;
  std::optional<int> Signal;
};

struct Profile {
  std::string Program;              ///< Absolute path of the executable.
  std::vector<std::string> Command; ///< argv as given to conc-probe run.
  ProgramExit Exit;
  /// False when some process of the program died before the probe's final
  /// write: the sites are what was recorded up to then.
  bool Complete = true;
  std::vector<ProfileSite> Sites; ///< Sorted by file, line, kind, api.
};

/// Parses profile.yaml text; `Name` is used in "NAME:LINE: message" errors.
llvm::Expected<Profile> parseProfile(llvm::StringRef Text, llvm::StringRef Name);
llvm::Expected<Profile> readProfile(llvm::StringRef Path);
/// The YAML text of `P`, in the documented key order (deterministic).
std::string profileToYaml(const Profile &P);

/// The class of a measured thread or process from its on-CPU ratio, with
/// the same thresholds the analyzer uses (rules/workload.yaml): unknown
/// when it ran too briefly to tell.
const char *classifyOnCpuRatio(const WorkloadThresholds &T, uint64_t CpuTimeUs,
                               uint64_t WallTimeUs);

//===-- hardware.yaml -----------------------------------------------------===//

struct CacheLevel {
  unsigned Level = 0;
  std::string Type; ///< data | instruction | unified
  uint64_t SizeKiB = 0;
  unsigned SharedBy = 0; ///< Logical cores sharing one such cache.
};

struct MachineTopology {
  unsigned LogicalCores = 0;
  unsigned PhysicalCores = 0;
  unsigned ThreadsPerCore = 0;
  unsigned NumaNodes = 0;
  unsigned Packages = 0;
  std::vector<CacheLevel> Caches;
};

/// One measured cost: the spread over `Runs` repetitions.
struct CostFigure {
  double Median = 0;
  double P10 = 0;
  double P90 = 0;
  unsigned Runs = 0;
  std::string Unit; ///< us | ns | MiB/s (fixed per figure, see costFigureNames)
};

/// The names of the costs hardware.yaml may carry, with their units, in the
/// order they are written.
struct CostFigureName {
  const char *Name;
  const char *Unit;
  const char *Meaning;
};
llvm::ArrayRef<CostFigureName> costFigureNames();

/// Speedup of a fixed total CPU-bound work split over `Workers` threads or
/// processes, against one worker.
struct ScalingPoint {
  unsigned Workers = 0;
  double ThreadsSpeedup = 0;
  double ProcessesSpeedup = 0;
};

struct NotMeasured {
  std::string Figure;
  std::string Reason;
};

struct HardwareProfile {
  MachineTopology Machine;
  /// (name, figure) in costFigureNames() order; a cost may be missing (then
  /// it should be under NotMeasuredFigures).
  std::vector<std::pair<std::string, CostFigure>> Costs;
  std::vector<ScalingPoint> Scaling; ///< Ascending by Workers.
  std::vector<NotMeasured> NotMeasuredFigures;

  const CostFigure *cost(llvm::StringRef Name) const;
  /// The scaling point with exactly `Workers`, or null.
  const ScalingPoint *scalingAt(unsigned Workers) const;
};

llvm::Expected<HardwareProfile> parseHardware(llvm::StringRef Text,
                                              llvm::StringRef Name);
llvm::Expected<HardwareProfile> readHardware(llvm::StringRef Path);
std::string hardwareToYaml(const HardwareProfile &H);

} // namespace conc

#endif
