//===- test/unit/ProbeDataTest.cpp - profile.yaml and hardware.yaml --------===//
#include "core/ProbeData.h"
#include "core/Rules.h"

#include "gtest/gtest.h"

using namespace conc;

namespace {

const char *ValidProfile = R"(conc-probe-profile: 1
program: /abs/prog
command: [prog, "a b"]
exit: {status: 3}
complete: true
sites:
  - file: /abs/src/main.cpp
    line: 42
    kind: thread
    api: pthread_create
    function: main
    count: 16
    measured: 15
    cpu-time-us: 123456
    wall-time-us: 234567
    run-queue-wait-us: 1000
    voluntary-switches: 12
    involuntary-switches: 3
    on-cpu-ratio: 0.526
    class: mixed
  - file: /abs/src/main.cpp
    line: 50
    kind: process
    api: fork
    count: 1
    class: unknown
)";

std::string profileError(llvm::StringRef Text) {
  auto P = parseProfile(Text, "p.yaml");
  if (P)
    return "";
  return llvm::toString(P.takeError());
}

std::string hardwareError(llvm::StringRef Text) {
  auto H = parseHardware(Text, "h.yaml");
  if (H)
    return "";
  return llvm::toString(H.takeError());
}

TEST(ProbeDataTest, ParsesAProfile) {
  auto P = parseProfile(ValidProfile, "p.yaml");
  ASSERT_TRUE(static_cast<bool>(P)) << llvm::toString(P.takeError());
  EXPECT_EQ(P->Program, "/abs/prog");
  ASSERT_EQ(P->Command.size(), 2u);
  EXPECT_EQ(P->Command[1], "a b");
  EXPECT_EQ(P->Exit.Status, std::optional<int>(3));
  EXPECT_FALSE(P->Exit.Signal.has_value());
  EXPECT_TRUE(P->Complete);
  ASSERT_EQ(P->Sites.size(), 2u);
  const ProfileSite &S = P->Sites[0];
  EXPECT_EQ(S.File, "/abs/src/main.cpp");
  EXPECT_EQ(S.Line, 42u);
  EXPECT_EQ(S.Kind, "thread");
  EXPECT_EQ(S.Api, "pthread_create");
  EXPECT_EQ(S.Function, "main");
  EXPECT_EQ(S.Count, 16u);
  EXPECT_EQ(S.Measured, 15u);
  EXPECT_EQ(S.CpuTimeUs, 123456u);
  EXPECT_EQ(S.WallTimeUs, 234567u);
  EXPECT_EQ(S.RunQueueWaitUs, 1000u);
  EXPECT_EQ(S.VoluntarySwitches, 12u);
  EXPECT_EQ(S.InvoluntarySwitches, 3u);
  EXPECT_DOUBLE_EQ(S.OnCpuRatio, 0.526);
  EXPECT_EQ(S.Class, "mixed");
  EXPECT_EQ(P->Sites[1].Measured, 1u) << "measured defaults to count";
}

TEST(ProbeDataTest, ProfileRoundTripsByteForByte) {
  auto P = parseProfile(ValidProfile, "p.yaml");
  ASSERT_TRUE(static_cast<bool>(P)) << llvm::toString(P.takeError());
  P->Exit = ProgramExit{std::nullopt, 9};
  P->Complete = false;
  P->Program = "/odd dir/prog: \"x\"";
  std::string Text = profileToYaml(*P);
  auto Again = parseProfile(Text, "again.yaml");
  ASSERT_TRUE(static_cast<bool>(Again)) << llvm::toString(Again.takeError()) << Text;
  EXPECT_EQ(Again->Program, P->Program);
  EXPECT_EQ(Again->Exit.Signal, std::optional<int>(9));
  EXPECT_FALSE(Again->Complete);
  EXPECT_EQ(profileToYaml(*Again), Text);
}

TEST(ProbeDataTest, EmptyProfileRoundTrips) {
  Profile P;
  P.Program = "/bin/true";
  P.Command = {"true"};
  std::string Text = profileToYaml(P);
  auto Again = parseProfile(Text, "x");
  ASSERT_TRUE(static_cast<bool>(Again)) << llvm::toString(Again.takeError());
  EXPECT_TRUE(Again->Sites.empty());
  EXPECT_EQ(Again->Exit.Status, std::optional<int>(0));
}

TEST(ProbeDataTest, ProfileErrorsNameFileAndLine) {
  EXPECT_EQ(profileError("conc-probe-hardware: 1\n"),
            "p.yaml:1: missing 'conc-probe-profile' (is this the right kind of file?)");
  EXPECT_EQ(profileError("conc-probe-profile: 2\n"),
            "p.yaml:1: unsupported conc-probe-profile '2' (this conc-advisor reads 1)");
  EXPECT_EQ(profileError("conc-probe-profile: 1\nsites: [\n"),
            "p.yaml:3: YAML syntax error: end of sequence flow not found");
  std::string Unknown = ValidProfile;
  Unknown.insert(Unknown.find("    count: 16"), "    colour: red\n");
  EXPECT_EQ(profileError(Unknown).substr(0, 45),
            "p.yaml:12: unknown key 'colour' in a site (ex");
  std::string BadKind = ValidProfile;
  BadKind.replace(BadKind.find("kind: thread"), 12, "kind: fiber");
  EXPECT_EQ(profileError(BadKind),
            "p.yaml:9: 'kind' must be one of thread, process, got 'fiber'");
  std::string BadCount = ValidProfile;
  BadCount.replace(BadCount.find("count: 16"), 9, "count: -1");
  EXPECT_EQ(profileError(BadCount),
            "p.yaml:12: 'count' must be a non-negative integer, got '-1'");
  std::string TwoExits = ValidProfile;
  TwoExits.replace(TwoExits.find("{status: 3}"), 11, "{status: 3, signal: 9}");
  EXPECT_EQ(profileError(TwoExits),
            "p.yaml:4: 'exit' must have exactly one of 'status' or 'signal'");
  std::string NoClass = ValidProfile;
  NoClass.erase(NoClass.rfind("    class: unknown\n"));
  EXPECT_EQ(profileError(NoClass), "p.yaml:21: missing required key 'class' in a site");
  std::string LongWait = ValidProfile;
  LongWait.replace(LongWait.find("run-queue-wait-us: 1000"), 23, "run-queue-wait-us: 999999");
  EXPECT_EQ(profileError(LongWait),
            "p.yaml:16: 'run-queue-wait-us' cannot exceed 'wall-time-us'");
  std::string TooMany = ValidProfile;
  TooMany.replace(TooMany.find("measured: 15"), 12, "measured: 17");
  EXPECT_EQ(profileError(TooMany), "p.yaml:13: 'measured' cannot exceed 'count'");
}

TEST(ProbeDataTest, UnreadableFilesNameThePath) {
  auto P = readProfile("/nonexistent/p.yaml");
  ASSERT_FALSE(static_cast<bool>(P));
  EXPECT_EQ(llvm::toString(P.takeError()),
            "/nonexistent/p.yaml: cannot read the profile: No such file or directory");
  auto H = readHardware("/nonexistent/h.yaml");
  ASSERT_FALSE(static_cast<bool>(H));
  EXPECT_EQ(llvm::toString(H.takeError()),
            "/nonexistent/h.yaml: cannot read the hardware file: No such file or directory");
}

const char *ValidHardware = R"(conc-probe-hardware: 1
machine:
  logical-cores: 2
  physical-cores: 1
  threads-per-core: 2
  numa-nodes: 1
  packages: 1
  caches:
    - {level: 1, type: data, size-kib: 32, shared-by: 2}
    - {level: 3, type: unified, size-kib: 32768, shared-by: 2}
costs:
  fork-wait: {median: 90.5, p10: 80.0, p90: 120.0, runs: 50, unit: us}
  thread-create-join: {median: 21.3, p10: 18.0, p90: 30.2, runs: 200, unit: us}
  pipe-bandwidth: {median: 2100, p10: 1900, p90: 2300, runs: 5, unit: MiB/s}
scaling:
  - {workers: 1, threads-speedup: 1.0, processes-speedup: 1.0}
  - {workers: 2, threads-speedup: 1.9, processes-speedup: 1.85}
not-measured:
  - {figure: vfork-wait, reason: "no vfork here"}
)";

TEST(ProbeDataTest, ParsesHardware) {
  auto H = parseHardware(ValidHardware, "h.yaml");
  ASSERT_TRUE(static_cast<bool>(H)) << llvm::toString(H.takeError());
  EXPECT_EQ(H->Machine.LogicalCores, 2u);
  EXPECT_EQ(H->Machine.PhysicalCores, 1u);
  EXPECT_EQ(H->Machine.ThreadsPerCore, 2u);
  ASSERT_EQ(H->Machine.Caches.size(), 2u);
  EXPECT_EQ(H->Machine.Caches[1].Type, "unified");
  EXPECT_EQ(H->Machine.Caches[1].SizeKiB, 32768u);
  ASSERT_EQ(H->Costs.size(), 3u);
  EXPECT_EQ(H->Costs[0].first, "thread-create-join") << "documented order";
  const CostFigure *Fork = H->cost("fork-wait");
  ASSERT_NE(Fork, nullptr);
  EXPECT_DOUBLE_EQ(Fork->Median, 90.5);
  EXPECT_EQ(Fork->Runs, 50u);
  EXPECT_EQ(H->cost("mutex-contended"), nullptr);
  ASSERT_NE(H->scalingAt(2), nullptr);
  EXPECT_DOUBLE_EQ(H->scalingAt(2)->ThreadsSpeedup, 1.9);
  EXPECT_EQ(H->scalingAt(3), nullptr);
  ASSERT_EQ(H->NotMeasuredFigures.size(), 1u);
  EXPECT_EQ(H->NotMeasuredFigures[0].Reason, "no vfork here");

  std::string Text = hardwareToYaml(*H);
  auto Again = parseHardware(Text, "again.yaml");
  ASSERT_TRUE(static_cast<bool>(Again)) << llvm::toString(Again.takeError()) << Text;
  EXPECT_EQ(hardwareToYaml(*Again), Text);
}

TEST(ProbeDataTest, HardwareErrorsNameFileAndLine) {
  std::string WrongUnit = ValidHardware;
  WrongUnit.replace(WrongUnit.find("runs: 50, unit: us"), 18, "runs: 50, unit: ms");
  EXPECT_EQ(hardwareError(WrongUnit), "h.yaml:12: the unit of 'fork-wait' is us, got 'ms'");
  std::string UnknownCost = ValidHardware;
  UnknownCost.insert(UnknownCost.find("scaling:"),
                     "  teleport: {median: 1, p10: 1, p90: 1, runs: 1, unit: us}\n");
  EXPECT_EQ(hardwareError(UnknownCost).substr(0, 44),
            "h.yaml:15: unknown key 'teleport' in 'costs'");
  std::string BadSpread = ValidHardware;
  BadSpread.replace(BadSpread.find("p90: 120.0"), 10, "p90: 10.0");
  EXPECT_EQ(hardwareError(BadSpread),
            "h.yaml:12: cost 'fork-wait' must have p10 <= median <= p90");
  std::string Descending = ValidHardware;
  Descending.replace(Descending.find("workers: 2"), 10, "workers: 1");
  EXPECT_EQ(hardwareError(Descending), "h.yaml:17: 'workers' must be positive and ascending");
  std::string NoCores = ValidHardware;
  NoCores.replace(NoCores.find("logical-cores: 2"), 16, "logical-cores: 0");
  EXPECT_EQ(hardwareError(NoCores), "h.yaml:3: 'logical-cores' must be at least 1");
  EXPECT_EQ(hardwareError("conc-probe-hardware: 1\nmachine: {logical-cores: 1}\n"),
            "h.yaml:1: missing required key 'costs' in the hardware file");
}

TEST(ProbeDataTest, ClassifiesWithTheRulesThresholds) {
  WorkloadThresholds T; // 0.7 / 0.3 / 1000 us
  EXPECT_STREQ(classifyOnCpuRatio(T, 950, 1000), "cpu");
  EXPECT_STREQ(classifyOnCpuRatio(T, 700, 1000), "cpu");
  EXPECT_STREQ(classifyOnCpuRatio(T, 500, 1000), "mixed");
  EXPECT_STREQ(classifyOnCpuRatio(T, 300, 1000), "io");
  EXPECT_STREQ(classifyOnCpuRatio(T, 10, 100000), "io");
  EXPECT_STREQ(classifyOnCpuRatio(T, 900, 999), "unknown") << "too short to tell";
  EXPECT_STREQ(classifyOnCpuRatio(T, 0, 0), "unknown");
}

TEST(ProbeDataTest, WorkloadThresholdsComeFromTheRules) {
  RuleSet Rules;
  ASSERT_FALSE(static_cast<bool>(parseRules(
      "version: 1\nworkload-thresholds:\n  cpu-min-on-cpu-ratio: 0.8\n"
      "  io-max-on-cpu-ratio: 0.2\n  min-wall-time-us: 5\n",
      "w.yaml", Rules)));
  EXPECT_DOUBLE_EQ(Rules.Workload.CpuMinRatio, 0.8);
  EXPECT_DOUBLE_EQ(Rules.Workload.IoMaxRatio, 0.2);
  EXPECT_EQ(Rules.Workload.MinWallTimeUs, 5u);
  EXPECT_EQ(Rules.Workload.Origin.File, "w.yaml");
  EXPECT_STREQ(classifyOnCpuRatio(Rules.Workload, 750, 1000), "mixed");

  auto ErrorOf = [](llvm::StringRef Text) {
    RuleSet R;
    llvm::Error E = parseRules(Text, "w.yaml", R);
    return E ? llvm::toString(std::move(E)) : std::string();
  };
  EXPECT_EQ(ErrorOf("version: 1\nworkload-thresholds:\n  cpu-min-on-cpu-ratio: 0.2\n"
                    "  io-max-on-cpu-ratio: 0.5\n"),
            "w.yaml:3: 'io-max-on-cpu-ratio' must be below 'cpu-min-on-cpu-ratio'");
  EXPECT_EQ(ErrorOf("version: 1\nworkload-thresholds:\n  cpu-min-on-cpu-ratio: 1.5\n"
                    "  io-max-on-cpu-ratio: 0.5\n"),
            "w.yaml:3: 'cpu-min-on-cpu-ratio' must be a ratio between 0 and 1");
  EXPECT_EQ(ErrorOf("version: 1\nworkload-thresholds:\n  cpu-min-on-cpu-ratio: 0.7\n"),
            "w.yaml:3: missing required key 'io-max-on-cpu-ratio' in 'workload-thresholds'");
  EXPECT_EQ(ErrorOf("version: 1\nworkload-thresholds: {cpu: 1}\n").substr(0, 51),
            "w.yaml:2: unknown key 'cpu' in 'workload-thresholds");

  // A second file may not silently change the thresholds.
  RuleSet Twice;
  const char *One = "version: 1\nworkload-thresholds: {cpu-min-on-cpu-ratio: 0.7, "
                    "io-max-on-cpu-ratio: 0.3}\n";
  ASSERT_FALSE(static_cast<bool>(parseRules(One, "a.yaml", Twice)));
  llvm::Error E = parseRules(One, "b.yaml", Twice);
  ASSERT_TRUE(static_cast<bool>(E));
  EXPECT_EQ(llvm::toString(std::move(E)),
            "b.yaml:2: 'workload-thresholds' already set at a.yaml:2");
}

TEST(ProbeDataTest, BuiltinRulesSetTheThresholds) {
  auto Files = builtinRuleFiles(CONC_RULES_DIR);
  ASSERT_TRUE(static_cast<bool>(Files)) << llvm::toString(Files.takeError());
  auto Rules = loadRuleFiles(*Files);
  ASSERT_TRUE(static_cast<bool>(Rules)) << llvm::toString(Rules.takeError());
  EXPECT_NE(Rules->Workload.Origin.File.find("workload.yaml"), std::string::npos);
  EXPECT_GT(Rules->Workload.CpuMinRatio, Rules->Workload.IoMaxRatio);
}

} // namespace
