//===- core/ProbeData.cpp - Strict readers and writers of probe files -----===//
//
// Both formats open with a version key (conc-probe-profile: 1,
// conc-probe-hardware: 1) so a file of one kind given for the other is
// recognized at once. The writers emit keys in one fixed order and numbers
// with a fixed precision, so equal data gives byte-identical files.
//
//===----------------------------------------------------------------------===//
#include "core/ProbeData.h"

#include "core/Rules.h"
#include "core/YamlCheck.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <yaml-cpp/yaml.h>


namespace conc {

namespace {

constexpr int ProfileVersion = 1;
constexpr int HardwareVersion = 1;

const CostFigureName CostNames[] = {
    {"thread-create-join", "us", "create a thread that does nothing and join it"},
    {"pool-task-dispatch", "us",
     "hand a task that does nothing to a running worker thread and wait for it"},
    {"fork-wait", "us", "fork a child that exits at once and wait for it"},
    {"vfork-wait", "us", "vfork a child that exits at once and wait for it"},
    {"posix-spawn-wait", "us", "posix_spawn /bin/true and wait for it"},
    {"context-switch", "us",
     "one switch between two threads handing a token back and forth"},
    {"mutex-uncontended", "ns", "lock and unlock a mutex no other thread wants"},
    {"mutex-contended", "ns",
     "lock and unlock a mutex that another thread locks in a loop"},
    {"pipe-round-trip", "us", "one byte to another process through a pipe and back"},
    {"unix-socket-round-trip", "us",
     "one byte to another process through a Unix socket and back"},
    {"pipe-bandwidth", "MiB/s", "bulk data to another process through a pipe"},
    {"unix-socket-bandwidth", "MiB/s",
     "bulk data to another process through a Unix stream socket"},
};

/// Every error names "file:line", counted from 1 like compilers do.
class ProbeParser : public YamlChecker {
public:
  explicit ProbeParser(llvm::StringRef Name) : YamlChecker(Name) {}

  llvm::Expected<YAML::Node> load(llvm::StringRef Text, const char *VersionKey,
                                  int Version) const {
    YAML::Node Root;
    try {
      Root = YAML::Load(Text.str());
    } catch (const YAML::Exception &E) {
      return errorAtLine(yamlLine(E.mark.line),
                         "YAML syntax error: " + E.msg);
    }
    if (!Root || !Root.IsMap())
      return errorAtLine(1, "expected a mapping starting with '" +
                                llvm::Twine(VersionKey) + ": " +
                                llvm::Twine(Version) + "'");
    YAML::Node V = Root[VersionKey];
    if (!V)
      return errorAt(Root, "missing '" + llvm::Twine(VersionKey) +
                               "' (is this the right kind of file?)");
    int Got = 0;
    if (!V.IsScalar() || llvm::StringRef(V.Scalar()).getAsInteger(10, Got) ||
        Got != Version)
      return errorAt(V, "unsupported " + llvm::Twine(VersionKey) + " '" +
                            (V.IsScalar() ? V.Scalar() : std::string("?")) +
                            "' (this conc-advisor reads " + llvm::Twine(Version) +
                            ")");
    return Root;
  }

  llvm::Error getString(const YAML::Node &Map, const char *Key, std::string &Out) const {
    YAML::Node V = Map[Key];
    if (!V)
      return llvm::Error::success();
    if (!V.IsScalar())
      return errorAt(V, "'" + llvm::Twine(Key) + "' must be a string");
    Out = V.Scalar();
    return llvm::Error::success();
  }

  template <typename Int>
  llvm::Error getUnsigned(const YAML::Node &Map, const char *Key, Int &Out) const {
    YAML::Node V = Map[Key];
    if (!V)
      return llvm::Error::success();
    unsigned long long U = 0;
    if (!V.IsScalar() || llvm::StringRef(V.Scalar()).getAsInteger(10, U) ||
        U > std::numeric_limits<Int>::max())
      return errorAt(V, "'" + llvm::Twine(Key) +
                            "' must be a non-negative integer, got '" +
                            (V.IsScalar() ? V.Scalar() : std::string("<not a scalar>")) +
                            "'");
    Out = static_cast<Int>(U);
    return llvm::Error::success();
  }

  llvm::Error getDouble(const YAML::Node &Map, const char *Key, double &Out) const {
    YAML::Node V = Map[Key];
    if (!V)
      return llvm::Error::success();
    double D = 0;
    if (!V.IsScalar() || llvm::StringRef(V.Scalar()).getAsDouble(D) || !(D >= 0))
      return errorAt(V, "'" + llvm::Twine(Key) + "' must be a non-negative number, got '" +
                            (V.IsScalar() ? V.Scalar() : std::string("<not a scalar>")) +
                            "'");
    Out = D;
    return llvm::Error::success();
  }

  llvm::Error getBool(const YAML::Node &Map, const char *Key, bool &Out) const {
    YAML::Node V = Map[Key];
    if (!V)
      return llvm::Error::success();
    if (V.IsScalar() && (V.Scalar() == "true" || V.Scalar() == "false")) {
      Out = V.Scalar() == "true";
      return llvm::Error::success();
    }
    return errorAt(V, "'" + llvm::Twine(Key) + "' must be true or false");
  }

  llvm::Error oneOf(const YAML::Node &Map, const char *Key, const std::string &Value,
                    llvm::ArrayRef<const char *> Choices) const {
    if (llvm::any_of(Choices, [&](const char *C) { return Value == C; }))
      return llvm::Error::success();
    std::string Expected;
    for (const char *C : Choices)
      Expected += (Expected.empty() ? "" : ", ") + std::string(C);
    return errorAt(Map[Key], "'" + llvm::Twine(Key) + "' must be one of " + Expected +
                                 ", got '" + Value + "'");
  }

  llvm::Error requireSequence(const YAML::Node &N, llvm::StringRef Key) const {
    if (!N.IsSequence())
      return errorAt(N, "'" + Key + "' must be a list");
    return llvm::Error::success();
  }
};

/// Propagates an error from a helper returning llvm::Error.
#define CONC_TRY(X)                                                            \
  if (llvm::Error E = (X))                                                     \
    return E;

llvm::Expected<Profile> parseProfileRoot(const ProbeParser &P, const YAML::Node &Root) {
  CONC_TRY(P.checkMapping(Root,
                          {"conc-probe-profile", "program", "command", "exit",
                           "complete", "sites"},
                          {"program", "exit", "complete", "sites"}, "the profile"));
  Profile Out;
  CONC_TRY(P.getString(Root, "program", Out.Program));
  if (YAML::Node Cmd = Root["command"]) {
    CONC_TRY(P.requireSequence(Cmd, "command"));
    for (const YAML::Node &Arg : Cmd) {
      if (!Arg.IsScalar())
        return P.errorAt(Arg, "'command' entries must be strings");
      Out.Command.push_back(Arg.Scalar());
    }
  }
  YAML::Node Exit = Root["exit"];
  CONC_TRY(P.checkMapping(Exit, {"status", "signal"}, {}, "'exit'"));
  if (Exit.size() != 1)
    return P.errorAt(Exit, "'exit' must have exactly one of 'status' or 'signal'");
  int Value = 0;
  YAML::Node V = Exit["status"] ? Exit["status"] : Exit["signal"];
  if (!V.IsScalar() || llvm::StringRef(V.Scalar()).getAsInteger(10, Value) ||
      Value < 0 || Value > 255)
    return P.errorAt(V, "exit status or signal must be an integer from 0 to 255");
  (Exit["status"] ? Out.Exit.Status : Out.Exit.Signal) = Value;
  CONC_TRY(P.getBool(Root, "complete", Out.Complete));

  YAML::Node Sites = Root["sites"];
  if (!Sites.IsNull())
    CONC_TRY(P.requireSequence(Sites, "sites"));
  for (const YAML::Node &Item : Sites) {
    CONC_TRY(P.checkMapping(
        Item,
        {"file", "line", "kind", "api", "function", "count", "measured",
         "cpu-time-us", "wall-time-us", "run-queue-wait-us", "voluntary-switches",
         "involuntary-switches", "on-cpu-ratio", "class"},
        {"file", "line", "kind", "api", "count", "class"}, "a site"));
    ProfileSite S;
    CONC_TRY(P.getString(Item, "file", S.File));
    CONC_TRY(P.getUnsigned(Item, "line", S.Line));
    CONC_TRY(P.getString(Item, "kind", S.Kind));
    CONC_TRY(P.oneOf(Item, "kind", S.Kind, {"thread", "process"}));
    CONC_TRY(P.getString(Item, "api", S.Api));
    CONC_TRY(P.oneOf(Item, "api", S.Api,
                     {"pthread_create", "fork", "vfork", "posix_spawn", "exec",
                      "system", "popen"}));
    CONC_TRY(P.getString(Item, "function", S.Function));
    CONC_TRY(P.getUnsigned(Item, "count", S.Count));
    S.Measured = S.Count; // Older writers measured every one they counted.
    CONC_TRY(P.getUnsigned(Item, "measured", S.Measured));
    CONC_TRY(P.getUnsigned(Item, "cpu-time-us", S.CpuTimeUs));
    CONC_TRY(P.getUnsigned(Item, "wall-time-us", S.WallTimeUs));
    CONC_TRY(P.getUnsigned(Item, "run-queue-wait-us", S.RunQueueWaitUs));
    if (S.RunQueueWaitUs > S.WallTimeUs)
      return P.errorAt(Item["run-queue-wait-us"],
                       "'run-queue-wait-us' cannot exceed 'wall-time-us'");
    CONC_TRY(P.getUnsigned(Item, "voluntary-switches", S.VoluntarySwitches));
    CONC_TRY(P.getUnsigned(Item, "involuntary-switches", S.InvoluntarySwitches));
    CONC_TRY(P.getDouble(Item, "on-cpu-ratio", S.OnCpuRatio));
    CONC_TRY(P.getString(Item, "class", S.Class));
    CONC_TRY(P.oneOf(Item, "class", S.Class, {"cpu", "io", "mixed", "unknown"}));
    if (S.Measured > S.Count)
      return P.errorAt(Item["measured"], "'measured' cannot exceed 'count'");
    Out.Sites.push_back(std::move(S));
  }
  return Out;
}

llvm::Expected<HardwareProfile> parseHardwareRoot(const ProbeParser &P,
                                                  const YAML::Node &Root) {
  CONC_TRY(P.checkMapping(Root,
                          {"conc-probe-hardware", "machine", "costs", "scaling",
                           "not-measured"},
                          {"machine", "costs"}, "the hardware file"));
  HardwareProfile Out;
  YAML::Node M = Root["machine"];
  CONC_TRY(P.checkMapping(M,
                          {"logical-cores", "physical-cores", "threads-per-core",
                           "numa-nodes", "packages", "caches"},
                          {"logical-cores"}, "'machine'"));
  CONC_TRY(P.getUnsigned(M, "logical-cores", Out.Machine.LogicalCores));
  CONC_TRY(P.getUnsigned(M, "physical-cores", Out.Machine.PhysicalCores));
  CONC_TRY(P.getUnsigned(M, "threads-per-core", Out.Machine.ThreadsPerCore));
  CONC_TRY(P.getUnsigned(M, "numa-nodes", Out.Machine.NumaNodes));
  CONC_TRY(P.getUnsigned(M, "packages", Out.Machine.Packages));
  if (Out.Machine.LogicalCores == 0)
    return P.errorAt(M["logical-cores"], "'logical-cores' must be at least 1");
  if (YAML::Node Caches = M["caches"]) {
    CONC_TRY(P.requireSequence(Caches, "caches"));
    for (const YAML::Node &C : Caches) {
      CONC_TRY(P.checkMapping(C, {"level", "type", "size-kib", "shared-by"},
                              {"level", "type", "size-kib"}, "a cache"));
      CacheLevel L;
      CONC_TRY(P.getUnsigned(C, "level", L.Level));
      CONC_TRY(P.getString(C, "type", L.Type));
      CONC_TRY(P.oneOf(C, "type", L.Type, {"data", "instruction", "unified"}));
      CONC_TRY(P.getUnsigned(C, "size-kib", L.SizeKiB));
      CONC_TRY(P.getUnsigned(C, "shared-by", L.SharedBy));
      Out.Machine.Caches.push_back(L);
    }
  }

  YAML::Node Costs = Root["costs"];
  if (!Costs.IsNull())
    CONC_TRY(P.checkMapping(Costs, [] {
      std::vector<const char *> Names;
      for (const CostFigureName &N : CostNames)
        Names.push_back(N.Name);
      return Names;
    }(), {}, "'costs'"));
  // Written in the documented order whatever order the file used.
  for (const CostFigureName &N : CostNames) {
    YAML::Node C = Costs[N.Name];
    if (!C)
      continue;
    CONC_TRY(P.checkMapping(C, {"median", "p10", "p90", "runs", "unit"},
                            {"median", "p10", "p90", "runs", "unit"},
                            "cost '" + std::string(N.Name) + "'"));
    CostFigure F;
    CONC_TRY(P.getDouble(C, "median", F.Median));
    CONC_TRY(P.getDouble(C, "p10", F.P10));
    CONC_TRY(P.getDouble(C, "p90", F.P90));
    CONC_TRY(P.getUnsigned(C, "runs", F.Runs));
    CONC_TRY(P.getString(C, "unit", F.Unit));
    if (F.Unit != N.Unit)
      return P.errorAt(C["unit"], "the unit of '" + llvm::Twine(N.Name) + "' is " +
                                      N.Unit + ", got '" + F.Unit + "'");
    if (F.Runs == 0)
      return P.errorAt(C["runs"], "'runs' must be at least 1");
    if (!(F.P10 <= F.Median && F.Median <= F.P90))
      return P.errorAt(C, "cost '" + llvm::Twine(N.Name) +
                              "' must have p10 <= median <= p90");
    Out.Costs.emplace_back(N.Name, F);
  }

  if (YAML::Node Scaling = Root["scaling"]) {
    CONC_TRY(P.requireSequence(Scaling, "scaling"));
    for (const YAML::Node &S : Scaling) {
      CONC_TRY(P.checkMapping(S, {"workers", "threads-speedup", "processes-speedup"},
                              {"workers", "threads-speedup", "processes-speedup"},
                              "a scaling point"));
      ScalingPoint Pt;
      CONC_TRY(P.getUnsigned(S, "workers", Pt.Workers));
      CONC_TRY(P.getDouble(S, "threads-speedup", Pt.ThreadsSpeedup));
      CONC_TRY(P.getDouble(S, "processes-speedup", Pt.ProcessesSpeedup));
      if (Pt.Workers == 0 ||
          (!Out.Scaling.empty() && Out.Scaling.back().Workers >= Pt.Workers))
        return P.errorAt(S["workers"],
                         "'workers' must be positive and ascending");
      Out.Scaling.push_back(Pt);
    }
  }

  if (YAML::Node NM = Root["not-measured"]) {
    CONC_TRY(P.requireSequence(NM, "not-measured"));
    for (const YAML::Node &Item : NM) {
      CONC_TRY(P.checkMapping(Item, {"figure", "reason"}, {"figure", "reason"},
                              "a not-measured entry"));
      NotMeasured N;
      CONC_TRY(P.getString(Item, "figure", N.Figure));
      CONC_TRY(P.getString(Item, "reason", N.Reason));
      Out.NotMeasuredFigures.push_back(std::move(N));
    }
  }
  return Out;
}

llvm::Expected<std::string> readText(llvm::StringRef Path, const char *What) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), Path + ": cannot read " +
                                                          What + ": " +
                                                          Buffer.getError().message());
  return (*Buffer)->getBuffer().str();
}

/// A YAML scalar for `S`: plain when YAML reads it back as the same string,
/// double-quoted with escapes otherwise.
std::string quoted(llvm::StringRef S) {
  bool Plain = !S.empty() && !S.starts_with(" ") && !S.ends_with(" ") &&
               llvm::all_of(S, [](char C) {
                 return isalnum(static_cast<unsigned char>(C)) ||
                        llvm::StringRef("/._-+").contains(C);
               }) &&
               !isdigit(static_cast<unsigned char>(S[0])) && S != "true" &&
               S != "false" && S != "null" && S != "~" && S[0] != '-';
  if (Plain)
    return S.str();
  std::string Out = "\"";
  for (char C : S) {
    unsigned char U = static_cast<unsigned char>(C);
    if (C == '"' || C == '\\')
      Out += std::string("\\") + C;
    else if (U < 0x20) {
      char Buf[8];
      snprintf(Buf, sizeof Buf, "\\x%02x", U);
      Out += Buf;
    } else
      Out += C;
  }
  return Out + "\"";
}

std::string number(double D, unsigned Decimals) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << llvm::format(Decimals == 1 ? "%.1f" : Decimals == 2 ? "%.2f" : "%.3f", D);
  return S;
}

} // namespace

llvm::ArrayRef<CostFigureName> costFigureNames() { return CostNames; }

const CostFigure *HardwareProfile::cost(llvm::StringRef Name) const {
  for (const auto &[N, F] : Costs)
    if (N == Name)
      return &F;
  return nullptr;
}

const ScalingPoint *HardwareProfile::scalingAt(unsigned Workers) const {
  for (const ScalingPoint &P : Scaling)
    if (P.Workers == Workers)
      return &P;
  return nullptr;
}

const char *classifyOnCpuRatio(const WorkloadThresholds &T, uint64_t CpuTimeUs,
                               uint64_t WallTimeUs) {
  if (WallTimeUs == 0 || WallTimeUs < T.MinWallTimeUs)
    return "unknown";
  double Ratio = double(CpuTimeUs) / double(WallTimeUs);
  if (Ratio >= T.CpuMinRatio)
    return "cpu";
  if (Ratio <= T.IoMaxRatio)
    return "io";
  return "mixed";
}

llvm::Expected<Profile> parseProfile(llvm::StringRef Text, llvm::StringRef Name) {
  ProbeParser P(Name);
  auto Root = P.load(Text, "conc-probe-profile", ProfileVersion);
  if (!Root)
    return Root.takeError();
  try {
    return parseProfileRoot(P, *Root);
  } catch (const YAML::Exception &E) {
    return P.errorAtLine(yamlLine(E.mark.line), E.msg);
  }
}

llvm::Expected<Profile> readProfile(llvm::StringRef Path) {
  auto Text = readText(Path, "the profile");
  if (!Text)
    return Text.takeError();
  return parseProfile(*Text, Path);
}

llvm::Expected<HardwareProfile> parseHardware(llvm::StringRef Text,
                                              llvm::StringRef Name) {
  ProbeParser P(Name);
  auto Root = P.load(Text, "conc-probe-hardware", HardwareVersion);
  if (!Root)
    return Root.takeError();
  try {
    return parseHardwareRoot(P, *Root);
  } catch (const YAML::Exception &E) {
    return P.errorAtLine(yamlLine(E.mark.line), E.msg);
  }
}

llvm::Expected<HardwareProfile> readHardware(llvm::StringRef Path) {
  auto Text = readText(Path, "the hardware file");
  if (!Text)
    return Text.takeError();
  return parseHardware(*Text, Path);
}

std::string profileToYaml(const Profile &P) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << "conc-probe-profile: " << ProfileVersion << "\n";
  OS << "program: " << quoted(P.Program) << "\n";
  OS << "command: [";
  for (size_t I = 0; I < P.Command.size(); ++I)
    OS << (I ? ", " : "") << quoted(P.Command[I]);
  OS << "]\n";
  if (P.Exit.Signal)
    OS << "exit: {signal: " << *P.Exit.Signal << "}\n";
  else
    OS << "exit: {status: " << P.Exit.Status.value_or(0) << "}\n";
  OS << "complete: " << (P.Complete ? "true" : "false") << "\n";
  if (P.Sites.empty()) {
    OS << "sites: []\n";
    return S;
  }
  OS << "sites:\n";
  for (const ProfileSite &Site : P.Sites) {
    OS << "  - file: " << quoted(Site.File) << "\n";
    OS << "    line: " << Site.Line << "\n";
    OS << "    kind: " << Site.Kind << "\n";
    OS << "    api: " << Site.Api << "\n";
    if (!Site.Function.empty())
      OS << "    function: " << quoted(Site.Function) << "\n";
    OS << "    count: " << Site.Count << "\n";
    OS << "    measured: " << Site.Measured << "\n";
    OS << "    cpu-time-us: " << Site.CpuTimeUs << "\n";
    OS << "    wall-time-us: " << Site.WallTimeUs << "\n";
    OS << "    run-queue-wait-us: " << Site.RunQueueWaitUs << "\n";
    OS << "    voluntary-switches: " << Site.VoluntarySwitches << "\n";
    OS << "    involuntary-switches: " << Site.InvoluntarySwitches << "\n";
    OS << "    on-cpu-ratio: " << number(Site.OnCpuRatio, 3) << "\n";
    OS << "    class: " << Site.Class << "\n";
  }
  return S;
}

std::string hardwareToYaml(const HardwareProfile &H) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  const MachineTopology &M = H.Machine;
  OS << "conc-probe-hardware: " << HardwareVersion << "\n";
  OS << "machine:\n";
  OS << "  logical-cores: " << M.LogicalCores << "\n";
  OS << "  physical-cores: " << M.PhysicalCores << "\n";
  OS << "  threads-per-core: " << M.ThreadsPerCore << "\n";
  OS << "  numa-nodes: " << M.NumaNodes << "\n";
  OS << "  packages: " << M.Packages << "\n";
  if (M.Caches.empty())
    OS << "  caches: []\n";
  else
    OS << "  caches:\n";
  for (const CacheLevel &C : M.Caches)
    OS << "    - {level: " << C.Level << ", type: " << C.Type
       << ", size-kib: " << C.SizeKiB << ", shared-by: " << C.SharedBy << "}\n";
  OS << "costs:\n";
  for (const auto &[Name, F] : H.Costs)
    OS << "  " << Name << ": {median: " << number(F.Median, 3)
       << ", p10: " << number(F.P10, 3) << ", p90: " << number(F.P90, 3)
       << ", runs: " << F.Runs << ", unit: " << quoted(F.Unit) << "}\n";
  if (H.Scaling.empty())
    OS << "scaling: []\n";
  else
    OS << "scaling:\n";
  for (const ScalingPoint &P : H.Scaling)
    OS << "  - {workers: " << P.Workers
       << ", threads-speedup: " << number(P.ThreadsSpeedup, 2)
       << ", processes-speedup: " << number(P.ProcessesSpeedup, 2) << "}\n";
  if (H.NotMeasuredFigures.empty())
    OS << "not-measured: []\n";
  else
    OS << "not-measured:\n";
  for (const NotMeasured &N : H.NotMeasuredFigures)
    OS << "  - {figure: " << quoted(N.Figure) << ", reason: " << quoted(N.Reason)
       << "}\n";
  return S;
}

} // namespace conc
