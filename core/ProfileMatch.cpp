//===- core/ProfileMatch.cpp -----------------------------------------------===//
#include "core/ProfileMatch.h"

#include "core/Rules.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <limits>
#include <set>

namespace conc {

namespace {

/// How many trailing path components `A` and `B` share ("src/a.cpp" and
/// "/x/src/a.cpp": 2); equal real paths share everything.
unsigned sharedSuffix(llvm::StringRef A, llvm::StringRef B) {
  if (A == B)
    return std::numeric_limits<unsigned>::max();
  llvm::SmallString<256> RealA, RealB;
  if (!llvm::sys::fs::real_path(A, RealA) && !llvm::sys::fs::real_path(B, RealB) &&
      RealA == RealB)
    return std::numeric_limits<unsigned>::max();
  auto ItA = llvm::sys::path::rbegin(A), EndA = llvm::sys::path::rend(A);
  auto ItB = llvm::sys::path::rbegin(B), EndB = llvm::sys::path::rend(B);
  unsigned Shared = 0;
  for (; ItA != EndA && ItB != EndB && *ItA == *ItB; ++ItA, ++ItB)
    if (*ItA != "/" && *ItA != ".")
      ++Shared;
  return Shared;
}

} // namespace

ProfileMatch matchProfileSite(const Profile &P, llvm::StringRef File,
                              llvm::ArrayRef<unsigned> Lines, llvm::StringRef Kind,
                              const WorkloadThresholds &T) {
  // The candidates at the first line that has any, and how much of the
  // path each shares.
  unsigned Best = 0;
  std::vector<std::pair<unsigned, const ProfileSite *>> Candidates;
  for (unsigned Line : Lines) {
    for (const ProfileSite &S : P.Sites) {
      if (S.Line != Line || (!Kind.empty() && S.Kind != Kind))
        continue;
      unsigned Shared = sharedSuffix(S.File, File);
      if (Shared == 0)
        continue; // not even the file name
      Candidates.push_back({Shared, &S});
      Best = std::max(Best, Shared);
    }
    if (!Candidates.empty())
      break;
  }
  ProfileMatch Out;
  std::set<std::string> Files;
  for (const auto &[Shared, S] : Candidates)
    if (Shared == Best)
      Files.insert(S->File);
  if (Files.empty()) {
    Out.Why = "nothing was created at this line in the profiled run";
    if (Lines.size() > 1)
      Out.Why = "nothing was created at lines " + std::to_string(Lines.front()) + "-" +
                std::to_string(Lines.back()) + " (the call) in the profiled run";
    return Out;
  }
  if (Files.size() > 1) {
    Out.Why = "the profile has records at this line in " + std::to_string(Files.size()) +
              " files that match its path equally (" + *Files.begin() + ", " +
              *std::next(Files.begin()) + "): which one is this site cannot be told";
    return Out;
  }

  MeasuredSite M;
  M.File = *Files.begin();
  for (const auto &[Shared, S] : Candidates) {
    if (Shared != Best)
      continue;
    M.Apis.push_back(S->Api);
    M.Count += S->Count;
    M.Measured += S->Measured;
    M.CpuTimeUs += S->CpuTimeUs;
    M.WallTimeUs += S->WallTimeUs;
    M.RunQueueWaitUs += S->RunQueueWaitUs;
    M.VoluntarySwitches += S->VoluntarySwitches;
    M.InvoluntarySwitches += S->InvoluntarySwitches;
  }
  // The same arithmetic as probe/ProfileBuilder.cpp: waiting in the run
  // queue of a busy machine is neither computing nor blocking.
  uint64_t Accounted = M.CpuTimeUs + M.RunQueueWaitUs;
  uint64_t Blocked = M.WallTimeUs > Accounted ? M.WallTimeUs - Accounted : 0;
  M.WantedTimeUs = M.CpuTimeUs + Blocked;
  M.OnCpuRatio = M.WantedTimeUs ? double(M.CpuTimeUs) / double(M.WantedTimeUs) : 0;
  M.Class = classifyOnCpuRatio(T, M.CpuTimeUs, M.WantedTimeUs);
  Out.Site = std::move(M);
  return Out;
}

} // namespace conc
