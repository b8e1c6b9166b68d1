//===- tool/Measurements.cpp -----------------------------------------------===//
#include "tool/Measurements.h"

#include "core/AdviceFigures.h"
#include "core/ProfileMatch.h"
#include "tool/SourceTexts.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

namespace conc {

namespace {

const char *ThreadSiteId = "conc-thread-site";
const char *ProcessSiteId = "conc-process-site";

/// The line of the parenthesis (or brace) that closes the call starting at
/// `Where`, or Where.Line when the text has none before a ';' (a pragma, a
/// call on one line). Literals and comments are skipped; the scan stops
/// after 64 KiB, which no call spans.
unsigned callEndLine(SourceTexts &Sources, const SourcePoint &Where) {
  std::optional<llvm::StringRef> Text = Sources.text(Where.File);
  std::optional<unsigned> Offset = Sources.offsetOf(Where.File, Where.Line, Where.Column);
  if (!Text || !Offset)
    return Where.Line;
  llvm::StringRef Rest = Text->substr(*Offset, 64 * 1024);
  unsigned Line = Where.Line, Depth = 0;
  for (size_t I = 0; I < Rest.size(); ++I) {
    char C = Rest[I];
    if (C == '\n') {
      ++Line;
    } else if (C == '"' || C == '\'') {
      for (++I; I < Rest.size() && Rest[I] != C && Rest[I] != '\n'; ++I)
        I += Rest[I] == '\\';
    } else if (Rest.substr(I).starts_with("//")) {
      I = Rest.find('\n', I) - 1; // npos - 1 ends the loop
    } else if (Rest.substr(I).starts_with("/*")) {
      size_t End = Rest.find("*/", I + 2);
      if (End == llvm::StringRef::npos)
        break;
      Line += Rest.slice(I, End).count('\n');
      I = End + 1;
    } else if (C == '(' || C == '{' || C == '[') {
      ++Depth;
    } else if (C == ')' || C == '}' || C == ']') {
      if (Depth == 0 || --Depth == 0)
        return Line;
    } else if (C == ';' && Depth == 0) {
      break;
    }
  }
  return Where.Line;
}

/// thread | process for the findings a profile can confirm, else null.
const char *measuredKind(const Finding &F) {
  if (F.CheckId == ThreadSiteId)
    return "thread";
  if (F.CheckId == ProcessSiteId)
    return "process";
  if (llvm::StringRef(F.CheckId).starts_with("conc-advice-"))
    return adviceSiteKind(F.CheckId);
  return nullptr;
}

/// "4 threads (pthread_create), on-CPU ratio 0.98 (cpu): 1234 us CPU in
/// 1300 us wall, 3 voluntary and 10 involuntary context switches".
std::string describeMeasured(const MeasuredSite &M, llvm::StringRef Kind) {
  std::string S = countOf(M.Count, Kind) + " (" + llvm::join(M.Apis, ", ") + ")";
  if (M.Measured == 0)
    return S;
  if (M.Measured != M.Count)
    S += ", " + std::to_string(M.Measured) + " of them timed";
  S += ", on-CPU ratio " + formatFigure(M.OnCpuRatio) + " (" + M.Class + "): " +
       std::to_string(M.CpuTimeUs) + " us CPU in " + std::to_string(M.WallTimeUs) +
       " us wall";
  if (M.RunQueueWaitUs)
    S += " (" + std::to_string(M.RunQueueWaitUs) + " us of it waiting for a CPU)";
  S += ", " + std::to_string(M.VoluntarySwitches) + " voluntary and " +
       std::to_string(M.InvoluntarySwitches) + " involuntary context switches";
  return S;
}

/// Why a measured site has no class.
std::string whyUnclassified(const MeasuredSite &M, llvm::StringRef Kind,
                            const WorkloadThresholds &T) {
  bool Untimed = llvm::all_of(M.Apis, [](const std::string &A) {
    return A == "exec" || A == "vfork";
  });
  if (Untimed)
    return "an exec or vfork is counted, not timed: the time counts at the site that "
           "created the process";
  if (M.Measured == 0)
    return "none of the " + countOf(M.Count, Kind) +
           " created here reported its times (still running when the program ended, or "
           "killed)";
  return "they ran too briefly to tell: " + std::to_string(M.WantedTimeUs) +
         " us of CPU and blocked time, the class needs " + std::to_string(T.MinWallTimeUs) +
         " us (min-wall-time-us in rules/workload.yaml)";
}

void setMeasuredProperties(Finding &F, const MeasuredSite &M) {
  auto &P = F.Properties;
  P["measured-count"] = std::to_string(M.Count);
  P["measured-timed"] = std::to_string(M.Measured);
  P["measured-class"] = M.Class;
  std::string Ratio;
  llvm::raw_string_ostream(Ratio) << llvm::format("%.3f", M.OnCpuRatio);
  P["measured-on-cpu-ratio"] = Ratio;
  P["measured-cpu-time-us"] = std::to_string(M.CpuTimeUs);
  P["measured-wall-time-us"] = std::to_string(M.WallTimeUs);
  P["measured-run-queue-wait-us"] = std::to_string(M.RunQueueWaitUs);
  P["measured-voluntary-switches"] = std::to_string(M.VoluntarySwitches);
  P["measured-involuntary-switches"] = std::to_string(M.InvoluntarySwitches);
}

/// The confirmation of `F`'s workload class by `Match`.
void confirm(Finding &F, const ProfileMatch &Match, llvm::StringRef Kind,
             const WorkloadThresholds &T) {
  auto &P = F.Properties;
  auto Static = P.find("workload-class");
  std::string StaticClass = Static == P.end() ? "unknown" : Static->second;
  P["workload-class-source"] = "static";
  auto Unverified = [&](const std::string &Measured, const std::string &Why) {
    P["confirmation"] = "unverified";
    P["confirmation-reason"] = Why;
    F.Notes.push_back({F.Where, Measured + "the profile does not confirm the class: " + Why});
  };
  if (!Match.Site)
    return Unverified("", Match.Why);
  const MeasuredSite &M = *Match.Site;
  setMeasuredProperties(F, M);
  std::string Measured = "measured by conc-probe: " + describeMeasured(M, Kind);
  if (M.Class == "unknown")
    return Unverified(Measured + "; ", whyUnclassified(M, Kind, T));
  auto Api = P.find("api");
  if (Api != P.end() && llvm::StringRef(Api->second).starts_with("#pragma omp"))
    return Unverified(Measured + "; ",
                      "an OpenMP runtime keeps its team's threads alive from the first "
                      "parallel region to the program's end, so their times include the "
                      "idle time between regions, not only this region's work");
  if (StaticClass == "unknown") {
    // The measurement settles what the heuristics could not.
    P["confirmation"] = "confirmed";
    P["static-workload-class"] = StaticClass;
    P["workload-class"] = M.Class;
    P["workload-class-source"] = "profile";
    P.erase("workload-reason");
    F.Notes.push_back({F.Where, Measured + "; the static analysis could not tell, so the "
                                           "class is the measured one"});
    return;
  }
  if (StaticClass == M.Class) {
    P["confirmation"] = "confirmed";
    F.Notes.push_back({F.Where, Measured + "; this confirms the class '" + StaticClass +
                                    "' the static analysis gave"});
    return;
  }
  P["confirmation"] = "refuted";
  F.Message += "; but the profiled run measured an on-CPU ratio of " +
               formatFigure(M.OnCpuRatio) + " over " + countOf(M.Measured, Kind) + " (" +
               M.Class + "), not " + StaticClass;
  F.Notes.push_back({F.Where, Measured + "; this refutes the class '" + StaticClass +
                                  "' the static analysis gave"});
}

} // namespace

void addMeasurements(std::vector<Finding> &Findings, const Profile *P,
                     const HardwareProfile *Hw, const WorkloadThresholds &Thresholds,
                     SourceTexts &Sources) {
  if (!P && !Hw)
    return;
  for (Finding &F : Findings) {
    const char *Kind = measuredKind(F);
    if (!Kind)
      continue;
    std::optional<ProfileMatch> Match;
    if (P) {
      std::vector<unsigned> Lines = {F.Where.Line};
      if (unsigned End = callEndLine(Sources, F.Where); End != F.Where.Line)
        Lines.push_back(End);
      Match = matchProfileSite(*P, F.Where.File, Lines, Kind, Thresholds);
      confirm(F, *Match, Kind, Thresholds);
    }
    if (!Hw || !llvm::StringRef(F.CheckId).starts_with("conc-advice-"))
      continue;
    AdviceSubject Subject;
    auto Count = F.Properties.find("thread-count");
    if (Count != F.Properties.end())
      llvm::StringRef(Count->second).getAsInteger(10, Subject.Threads);
    // K threads per core: K x this machine's cores.
    auto PerCore = F.Properties.find("thread-count-per-core");
    unsigned K = 0;
    if (!Subject.Threads && PerCore != F.Properties.end() &&
        !llvm::StringRef(PerCore->second).getAsInteger(10, K) && K > 0) {
      Subject.Threads = K * Hw->Machine.LogicalCores;
      F.Properties["thread-count"] = std::to_string(Subject.Threads);
    }
    Subject.Measured = Match && Match->Site ? &*Match->Site : nullptr;
    AdviceFigures Figures = adviceFigures(F.CheckId, Hw, Subject);
    F.Properties["hardware-verdict"] = Figures.Verdict;
    F.Properties["hardware-figures"] = Figures.Figures;
    F.Properties["logical-cores"] = std::to_string(Hw->Machine.LogicalCores);
    if (Figures.Quoted)
      F.Message += "; on this machine, " + Figures.Figures;
  }
}

} // namespace conc
