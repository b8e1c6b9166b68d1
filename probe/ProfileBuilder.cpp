//===- probe/ProfileBuilder.cpp -------------------------------------------===//
#include "probe/ProfileBuilder.h"

#include "probe/RecordsFile.h"
#include "probe/SiteSymbolizer.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <set>
#include <tuple>

namespace conc {

namespace {

struct SiteRecord {
  std::string Kind, Api;
  std::vector<uint64_t> Addrs;
};

/// What happened at one recorded site (one stack in one image).
struct SiteTotals {
  uint64_t Count = 0, Measured = 0;
  uint64_t CpuNs = 0, WallNs = 0, Voluntary = 0, Involuntary = 0, WaitNs = 0;
};

struct ChildStart {
  std::string Site;
  uint64_t StartNs = 0;
};

struct ChildEnd {
  uint64_t CpuNs = 0, Voluntary = 0, Involuntary = 0, EndNs = 0, WaitNs = 0;
};

bool parseNum(llvm::StringRef S, uint64_t &Out, unsigned Radix = 10) {
  return !S.getAsInteger(Radix, Out);
}

/// The records of one run, as read.
struct Records {
  std::map<std::string, std::vector<LoadedModule>> Modules; // by image
  std::map<std::string, SiteRecord> Sites;
  std::map<std::string, SiteTotals> Totals;
  std::map<std::string, ChildStart> Children; // by child key
  std::map<std::string, ChildEnd> Ends;       // by child key
  std::map<uint64_t, unsigned> ImagesStarted, ImagesFinished; // by pid
  std::set<uint64_t> ForkedPids;
  unsigned BadLines = 0;

  void add(llvm::StringRef Line);
};

void Records::add(llvm::StringRef Line) {
  llvm::SmallVector<llvm::StringRef, 32> F;
  Line.split(F, ' ', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  if (F.empty() || F[0].size() != 1) {
    ++BadLines;
    return;
  }
  uint64_t A = 0, B = 0, C = 0, D = 0, W = 0;
  switch (F[0][0]) {
  case 'X':
    if (F.size() >= 3 && parseNum(F[2], A)) {
      ++ImagesStarted[A];
      return;
    }
    break;
  case 'M': {
    // The path is the rest of the line: it may contain spaces.
    llvm::SmallVector<llvm::StringRef, 6> G;
    Line.split(G, ' ', /*MaxSplit=*/5);
    LoadedModule M;
    if (G.size() == 6 && parseNum(G[2], M.Bias, 16) && parseNum(G[3], M.Start, 16) &&
        parseNum(G[4], M.End, 16)) {
      M.Path = G[5].str();
      Modules[G[1].str()].push_back(std::move(M));
      return;
    }
    break;
  }
  case 'S': {
    if (F.size() < 4)
      break;
    SiteRecord S{F[2].str(), F[3].str(), {}};
    bool Ok = true;
    for (size_t I = 4; I < F.size() && Ok; ++I)
      Ok = parseNum(F[I], A, 16) && (S.Addrs.push_back(A), true);
    if (!Ok)
      break;
    Sites[F[1].str()] = std::move(S);
    return;
  }
  case 'C':
    if (F.size() == 3) {
      ++Totals[F[1].str()].Count;
      return;
    }
    break;
  case 'T':
    if (F.size() == 7 && parseNum(F[2], A) && parseNum(F[3], B) && parseNum(F[4], C) &&
        parseNum(F[5], D) && parseNum(F[6], W)) {
      SiteTotals &T = Totals[F[1].str()];
      T.WaitNs += W;
      ++T.Measured;
      T.CpuNs += A;
      T.WallNs += B;
      T.Voluntary += C;
      T.Involuntary += D;
      return;
    }
    break;
  case 'P':
    if (F.size() == 4 && parseNum(F[3], A)) {
      ++Totals[F[1].str()].Count;
      Children[F[2].str()] = {F[1].str(), A};
      if (parseNum(F[2], B))
        ForkedPids.insert(B);
      return;
    }
    break;
  case 'E':
    if (F.size() == 7 && parseNum(F[2], A) && parseNum(F[3], B) && parseNum(F[4], C) &&
        parseNum(F[5], D) && parseNum(F[6], W)) {
      ChildEnd &E = Ends[F[1].str()];
      // The last image of a process writes the E line; keep the latest.
      if (D >= E.EndNs)
        E = {A, B, C, D, W};
      return;
    }
    break;
  case 'F':
    if (F.size() == 2 && parseNum(F[1], A)) {
      ++ImagesFinished[A];
      return;
    }
    break;
  }
  ++BadLines;
}

} // namespace

llvm::Expected<Profile> buildProfile(llvm::StringRef RecordsPath, const RunFacts &Run,
                                     const WorkloadThresholds &Thresholds,
                                     std::vector<std::string> &Warnings) {
  auto Buffer = llvm::MemoryBuffer::getFile(RecordsPath, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   RecordsPath + ": cannot read the probe's records: " +
                                       Buffer.getError().message());
  Records R;
  auto Scan = scanRecords((*Buffer)->getBuffer(), [&](llvm::StringRef Line) { R.add(Line); });
  if (!Scan)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   RecordsPath + ": " + llvm::toString(Scan.takeError()));
  if (R.BadLines)
    Warnings.push_back(std::to_string(R.BadLines) + " unreadable record line(s) skipped");
  if (Scan->TornLines)
    Warnings.push_back(std::to_string(Scan->TornLines) +
                       " record line(s) cut short by a process that died while writing "
                       "them, skipped");
  if (Scan->LostLines)
    Warnings.push_back(std::to_string(Scan->LostLines) +
                       " record(s) lost: the records file could not grow (disk full, or "
                       "a file system without fallocate)");

  // Completeness: every process that started recording finished recording,
  // and every record was stored.
  bool Complete = Scan->LostLines == 0;
  std::set<uint64_t> Pids(R.ForkedPids);
  for (const auto &[Pid, N] : R.ImagesStarted)
    Pids.insert(Pid);
  for (uint64_t Pid : Pids) {
    unsigned Finished = R.ImagesFinished.count(Pid) ? R.ImagesFinished[Pid] : 0;
    unsigned Started = R.ImagesStarted.count(Pid) ? R.ImagesStarted[Pid] : 0;
    if (Finished == 0 || Finished < Started)
      Complete = false;
  }
  if (!R.ImagesStarted.count(uint64_t(Run.RootPid))) {
    Warnings.push_back("nothing was recorded for " + Run.Program +
                       ": is it statically linked, or did it clear LD_PRELOAD?");
    Complete = false;
  }

  // Processes: their own usage, from creation to their last image's exit.
  for (const auto &[Key, Start] : R.Children) {
    auto End = R.Ends.find(Key);
    if (End == R.Ends.end())
      continue;
    SiteTotals &T = R.Totals[Start.Site];
    ++T.Measured;
    T.CpuNs += End->second.CpuNs;
    T.WallNs += End->second.EndNs > Start.StartNs ? End->second.EndNs - Start.StartNs : 0;
    T.Voluntary += End->second.Voluntary;
    T.Involuntary += End->second.Involuntary;
    T.WaitNs += End->second.WaitNs;
  }

  // Symbolize each recorded site, then sum the ones on the same line.
  SiteSymbolizer Symbolizer;
  using Key = std::tuple<std::string, unsigned, std::string, std::string>;
  std::map<Key, std::pair<ProfileSite, SiteTotals>> Merged;
  static const std::vector<LoadedModule> NoModules;
  for (const auto &[Id, Totals] : R.Totals) {
    auto Site = R.Sites.find(Id);
    if (Site == R.Sites.end()) {
      Warnings.push_back("site " + Id + " has no definition record");
      continue;
    }
    std::string Image = llvm::StringRef(Id).split('/').first.str();
    auto Mods = R.Modules.find(Image);
    SourceSite Where = Symbolizer.resolve(
        Site->second.Addrs, Mods == R.Modules.end() ? NoModules : Mods->second);
    const SiteRecord &S = Site->second;
    auto &[PS, Sum] = Merged[Key{Where.File, Where.Line, S.Kind, S.Api}];
    PS.File = Where.File;
    PS.Line = Where.Line;
    PS.Kind = S.Kind;
    PS.Api = S.Api;
    if (PS.Function.empty())
      PS.Function = Where.Function;
    Sum.Count += Totals.Count;
    Sum.Measured += std::min(Totals.Measured, Totals.Count);
    Sum.CpuNs += Totals.CpuNs;
    Sum.WallNs += Totals.WallNs;
    Sum.Voluntary += Totals.Voluntary;
    Sum.Involuntary += Totals.Involuntary;
    Sum.WaitNs += Totals.WaitNs;
  }

  Profile P;
  P.Program = Run.Program;
  P.Command = Run.Command;
  P.Exit = Run.Exit;
  P.Complete = Complete;
  for (auto &[K, Entry] : Merged) {
    auto &[PS, Sum] = Entry;
    if (Sum.Count == 0)
      continue;
    PS.Count = Sum.Count;
    PS.Measured = Sum.Measured;
    PS.CpuTimeUs = Sum.CpuNs / 1000;
    PS.WallTimeUs = Sum.WallNs / 1000;
    PS.VoluntarySwitches = Sum.Voluntary;
    PS.InvoluntarySwitches = Sum.Involuntary;
    PS.RunQueueWaitUs = std::min(Sum.WaitNs / 1000, PS.WallTimeUs);
    // The time it wanted a CPU: its CPU time plus the time it was blocked
    // (I/O, locks, sleep). Waiting in the run queue of a busy machine is
    // neither. The kernel's wait and the clocks disagree by a few percent,
    // so the blocked time is what is left, never below 0.
    uint64_t Accounted = PS.CpuTimeUs + PS.RunQueueWaitUs;
    uint64_t Blocked = PS.WallTimeUs > Accounted ? PS.WallTimeUs - Accounted : 0;
    uint64_t Wanted = PS.CpuTimeUs + Blocked;
    PS.OnCpuRatio = Wanted ? double(PS.CpuTimeUs) / double(Wanted) : 0;
    PS.Class = classifyOnCpuRatio(Thresholds, PS.CpuTimeUs, Wanted);
    P.Sites.push_back(std::move(PS));
  }
  return P;
}

} // namespace conc
