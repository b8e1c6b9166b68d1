//===- checks/NestedLaunches.cpp -------------------------------------------===//
#include "checks/NestedLaunches.h"

#include "checks/AdviceSupport.h"
#include "model/WorkloadClassifier.h"

#include <algorithm>
#include <set>

namespace conc {

std::string Multitude::phrase() const {
  if (!known())
    return Unknown;
  if (!PerCore)
    return std::to_string(Factor) + (Factor == 1 ? " thread" : " threads");
  return Factor == 1 ? "one thread per core" : std::to_string(Factor) + " threads per core";
}

std::string Multitude::factor() const {
  if (!known())
    return "(" + Unknown + ")";
  return std::to_string(Factor) + (PerCore ? " per core" : "");
}

static const ThreadCountFunctionRule *countRule(const RuleSet &Rules, llvm::StringRef Api) {
  for (const ThreadCountFunctionRule &R : Rules.ThreadCountFunctions)
    if (R.Api == Api)
      return &R;
  return nullptr;
}

bool nestedRegionsEnabled(const ProgramModel &Model, const RuleSet &Rules) {
  using Sets = ThreadCountFunctionRule::Sets;
  bool Enabled = false, Forbidden = false;
  for (const ThreadCountFact &C : Model.threadCounts()) {
    const ThreadCountFunctionRule *R = countRule(Rules, C.Api);
    if (!R || !C.RegionUsr.empty() || R->What == Sets::NumThreads)
      continue;
    bool Allows = R->What == Sets::MaxActiveLevels ? C.Count > 1 : C.Count != 0;
    (Allows ? Enabled : Forbidden) = true;
  }
  return Enabled && !Forbidden;
}

bool regionHasOneThread(const ProgramModel &Model, llvm::StringRef RegionUsr) {
  return llvm::any_of(Model.threadCounts(), [&](const ThreadCountFact &C) {
    return C.RegionUsr == RegionUsr && C.Count == 1;
  });
}

/// The threads of the OpenMP region `RegionUsr`'s team: its num_threads,
/// else one per core (the runtime's default).
static Multitude teamSize(const ProgramModel &Model, llvm::StringRef RegionUsr) {
  for (const ThreadCountFact &C : Model.threadCounts())
    if (C.RegionUsr == RegionUsr && C.Api == "num_threads" && C.Count > 0)
      return {C.Count, false, ""};
  return {1, true, ""};
}

/// Whether a start of kind `Kind` by `Api` makes a thread of its own: a
/// thread, a team, std::async with the async policy (a task API with a
/// launch-policy rule); not a task handed to an existing pool.
static bool startsOwnThread(const RuleSet &Rules, const ThreadStartFact &S,
                            const std::string &Kind) {
  if (Kind == "thread" || Kind == "team")
    return true;
  if (Kind != "task")
    return false;
  return llvm::any_of(Rules.ThreadApis, [&](const ThreadApiRule &R) {
    return R.Api == S.Api && R.LaunchPolicy.has_value();
  });
}

/// How many instances of a start in a loop (or a team) run at once.
static Multitude startCount(const ProgramModel &Model, const RuleSet &Rules,
                            const ThreadStartFact &S, const std::string &Kind) {
  if (Kind == "team")
    return teamSize(Model, S.EntryUsr);
  if (!startsOwnThread(Rules, S, Kind))
    return {0, false, "as many threads as the pool that runs the tasks has"};
  const SiteLoopFact *Loop = siteLoopAt(Model, S.Where);
  if (!Loop)
    return {1, false, ""};
  if (Loop->Shape == "openmp")
    return {1, true, ""}; // one per thread of the enclosing team
  if (Loop->Bound > 0)
    return {Loop->Bound, false, ""};
  if (Loop->CoreFactor > 0)
    return {Loop->CoreFactor, true, ""};
  return {0, false, Loop->PerItem ? "one thread per item" : "one thread per iteration"};
}

std::vector<NestedLaunch> findNestedLaunches(const ProgramModel &Model, const RuleSet &Rules) {
  std::vector<ThreadStartFact> Sites = threadSites(Model);
  const bool Nesting = nestedRegionsEnabled(Model, Rules);

  // The inner launches, in source order.
  std::vector<NestedLaunch> Inner;
  std::set<SourcePoint> Pools;
  for (const ThreadCountFact &C : Model.threadCounts()) {
    if (threadApiKind(Rules, C.Api) != "pool" || !Pools.insert(C.Where).second)
      continue;
    NestedLaunch L;
    L.Where = C.Where;
    L.Api = C.Api;
    L.CallerUsr = C.CallerUsr;
    L.IsPool = true;
    if (C.Count > 1)
      L.Inner = {C.Count, false, ""};
    else if (C.CoreFactor > 0)
      L.Inner = {C.CoreFactor, true, ""};
    else
      continue; // one thread, or a size known only at run time
    for (const ThreadStartFact &T : Sites)
      if (T.CallerUsr == C.CallerUsr && !T.EntryUsr.empty() &&
          threadApiKind(Rules, T.Api) == "task")
        L.InnerWork.push_back(T.EntryUsr);
    Inner.push_back(std::move(L));
  }
  for (const ThreadStartFact &S : Sites) {
    std::string Kind = threadApiKind(Rules, S.Api);
    if (!startsOwnThread(Rules, S, Kind) || S.EntryUsr.empty())
      continue;
    const SiteLoopFact *Loop = siteLoopAt(Model, S.Where);
    if (Loop && Loop->Shape == "openmp")
      continue; // lexically nested: the enclosing construct is the outer launch
    if (Kind == "team" && (!Nesting || regionHasOneThread(Model, S.EntryUsr)))
      continue;
    if (Kind != "team" && !Loop)
      continue; // one more thread per outer thread: not a fan-out
    NestedLaunch L;
    L.Where = S.Where;
    L.Api = S.Api;
    L.CallerUsr = S.CallerUsr;
    L.Inner = startCount(Model, Rules, S, Kind);
    if (L.Inner.known() && !L.Inner.PerCore && L.Inner.Factor < 2)
      continue;
    L.InnerWork.push_back(S.EntryUsr);
    Inner.push_back(std::move(L));
  }
  llvm::sort(Inner, [](const NestedLaunch &A, const NestedLaunch &B) { return A.Where < B.Where; });

  // The outer launches: sites whose entry runs on many threads at once.
  std::vector<NestedLaunch> Out;
  // Each reach as the model's bit set, asked with contains(): the sorted
  // USR list of every outer site's reach made this quadratic in strings
  // (perf: 11% of the merge of 3,000 synthetic units, 2% of 1,000).
  std::vector<std::pair<const ThreadStartFact *, ProgramModel::FunctionSet>> Outers;
  for (const ThreadStartFact &S : Sites)
    if (S.Many && !S.EntryUsr.empty())
      Outers.push_back({&S, Model.reachableFrom({S.EntryUsr})});
  for (NestedLaunch &L : Inner) {
    for (const auto &[O, Reach] : Outers) {
      if (O->Where == L.Where || !Reach.contains(L.CallerUsr))
        continue;
      std::string Kind = threadApiKind(Rules, O->Api);
      L.Outer = *O;
      L.OuterCount = startCount(Model, Rules, *O, Kind);
      if (const SiteLoopFact *Loop = siteLoopAt(Model, O->Where))
        L.OuterLoop = Loop->Loop;
      if (L.IsPool && L.InnerWork.empty())
        L.InnerWork.push_back(O->EntryUsr);
      Out.push_back(std::move(L));
      break;
    }
  }
  return Out;
}

} // namespace conc
