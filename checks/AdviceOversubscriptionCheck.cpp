//===- checks/AdviceOversubscriptionCheck.cpp - conc-advice-oversubscription
//
// More CPU-bound threads than cores only adds context switches. Without
// --hardware the core count is unknown at analysis time, so only what is
// evident from the code is reported:
//
// - a parallel region (or a thread start) inside an OpenMP construct:
//   every thread of the outer team starts threads of its own;
// - a constant count of CPU-bound threads above the rules' threshold
//   (rules/workload.yaml, oversubscription-threads-above): a loop starting
//   64 workers, num_threads(64), omp_set_num_threads(64);
// - a count that is the core count times K > 1 (hardware_concurrency() *
//   2): K CPU-bound threads per core, whatever the machine;
// - a pool per task: a pool constructed, a loop of threads started, or a
//   parallel region forked in work that itself runs on many threads
//   (checks/NestedLaunches.h), across functions and units: outer x inner
//   threads.
// Nested OpenMP regions count only where the program allows them threads
// (omp_set_max_active_levels(K > 1), omp_set_nested(1)): by default
// libgomp and libomp run a region inside a region on one thread.
//
//===----------------------------------------------------------------------===//
#include "checks/AdviceOversubscriptionCheck.h"

#include "checks/AdviceSupport.h"
#include "checks/NestedLaunches.h"
#include "checks/WorkloadNotes.h"
#include "model/ProgramModel.h"

#include <algorithm>
#include <set>

namespace conc {

/// What the messages say about the core count the tool does not know.
static const char UnknownCores[] =
    "the core count of the machine that runs it is not known here "
    "(std::thread::hardware_concurrency() reports it at run time)";

/// Whether `C` fixes the threads of OpenMP teams (num_threads(K),
/// omp_set_num_threads(K)), not a pool's size or the nesting levels.
static bool setsTeamSize(const RuleSet &Rules, const ThreadCountFact &C) {
  if (!C.RegionUsr.empty())
    return C.Api == "num_threads";
  for (const ThreadCountFunctionRule &R : Rules.ThreadCountFunctions)
    if (R.Api == C.Api)
      return R.What == ThreadCountFunctionRule::Sets::NumThreads;
  return false;
}

void AdviceOversubscriptionCheck::reportNestedTeams(const ProgramModel &Model,
                                                    WorkloadClassifier &Classifier) {
  for (const ThreadStartFact &S : threadSites(Model)) {
    std::string Kind = threadApiKind(rules(), S.Api);
    if ((Kind != "team" && Kind != "thread") || S.EntryUsr.empty())
      continue;
    const SiteLoopFact *Loop = siteLoopAt(Model, S.Where);
    if (!Loop || Loop->Shape != "openmp")
      continue;
    if (Kind == "team" && (!nestedRegionsEnabled(Model, rules()) ||
                           regionHasOneThread(Model, S.EntryUsr)))
      continue; // the inner region runs on one thread
    Workload W = Classifier.classifyThreadStart(S);
    if (W.Class != WorkloadClass::Cpu)
      continue;
    Finding &F = report(S.Where, "'" + S.Api + "' starts threads inside an OpenMP parallel "
                                 "construct, whose every thread starts its own: the CPU-bound "
                                 "work then runs on (outer threads) x (inner threads) for the "
                                 "same cores; parallelize one level (the outer loop, or "
                                 "collapse the loops)");
    F.Notes.push_back({Loop->Loop, "the enclosing OpenMP construct is here"});
    addWorkloadNotes(F, W, "the inner work");
  }
}

void AdviceOversubscriptionCheck::reportThreadCounts(const ProgramModel &Model,
                                                     WorkloadClassifier &Classifier) {
  const long long Limit = rules().OversubscriptionThreads;
  // Loops that start a fixed number of threads.
  for (const ThreadStartFact &S : threadSites(Model)) {
    // Tasks queued to a pool run on its threads, however many are queued.
    if (!startsThreadPerCall(rules(), S.Api))
      continue;
    std::string Kind = threadApiKind(rules(), S.Api);
    const SiteLoopFact *Loop = siteLoopAt(Model, S.Where);
    if (!Loop || Loop->Shape != "counted")
      continue;
    bool Constant = Limit > 0 && Loop->Bound > Limit;
    bool PerCore = Loop->CoreFactor > 1;
    if (!Constant && !PerCore)
      continue;
    // Low confidence is one weak sign (a loop of one operation somewhere in
    // a library the threads call): too little to tell users to resize.
    Workload W = Classifier.classifyThreadStart(S);
    if (W.Class != WorkloadClass::Cpu || W.Confidence == WorkloadConfidence::Low)
      continue;
    std::string What = Kind == "task" ? "tasks" : "threads";
    std::string Message;
    if (PerCore)
      Message = "this loop starts " + std::to_string(Loop->CoreFactor) + " CPU-bound " + What +
                " per core (the core count times " + std::to_string(Loop->CoreFactor) +
                "): a core runs one at a time, so the others only wait and add context "
                "switches; start one per core (the core count itself)";
    else
      Message = "this loop starts " + std::to_string(Loop->Bound) + " CPU-bound " + What +
                ", a count fixed in the code and above " + std::to_string(Limit) + ", the " +
                "cores of most machines; " + UnknownCores +
                ", and more CPU-bound threads than cores only add context switches; size the "
                "count by std::thread::hardware_concurrency()";
    Finding &F = report(S.Where, Message);
    F.Notes.push_back({Loop->Loop, "the loop is here"});
    addWorkloadNotes(F, W, "the work of each thread");
    F.Properties[PerCore ? "thread-count-per-core" : "thread-count"] = PerCore ? "cores*" + std::to_string(Loop->CoreFactor)
                                      : std::to_string(Loop->Bound);
  }
  if (Limit <= 0)
    return;
  // num_threads(64), omp_set_num_threads(64).
  for (const ThreadCountFact &C : Model.threadCounts()) {
    if (C.Count <= Limit || !setsTeamSize(rules(), C))
      continue;
    std::vector<std::string> Regions;
    if (!C.RegionUsr.empty()) {
      Regions.push_back(C.RegionUsr);
    } else {
      // The teams started after the call: those of the caller and of what
      // it calls that fix no count of their own.
      std::vector<std::string> Reached = reachableFrom(Model, {C.CallerUsr});
      std::set<std::string> Own;
      for (const ThreadCountFact &O : Model.threadCounts())
        if (!O.RegionUsr.empty())
          Own.insert(O.RegionUsr);
      for (const ThreadStartFact &S : threadSites(Model))
        if (threadApiKind(rules(), S.Api) == "team" && !Own.count(S.EntryUsr) &&
            std::binary_search(Reached.begin(), Reached.end(), S.CallerUsr))
          Regions.push_back(S.EntryUsr);
    }
    for (const std::string &Region : Regions) {
      const Workload &W = Classifier.classifyEntry(Region);
      if (W.Class != WorkloadClass::Cpu)
        continue;
      Finding &F = report(
          C.Where, "'" + C.Api + "(" + std::to_string(C.Count) + ")' runs " +
                       quotedFunction(Model, Region) + ", which is CPU-bound, on " +
                       std::to_string(C.Count) +
                       " threads, a count fixed in the code and above " +
                       std::to_string(Limit) + ", the cores of most machines; " +
                       UnknownCores +
                       ", and more CPU-bound threads than cores only add context switches; "
                       "leave the count to the OpenMP runtime (one thread per core by "
                       "default) or compute it from omp_get_num_procs()");
      if (const FunctionFact *R = Model.function(Region))
        F.Notes.push_back({R->Where, "the parallel region is here"});
      addWorkloadNotes(F, W, "the region's work");
      F.Properties["thread-count"] = std::to_string(C.Count);
      break; // one finding per count
    }
  }
}

/// "32 x 8 = 256 threads", "1 per core x 8 = 8 threads per core",
/// "(one thread per item) x 8 threads": the product of the outer and inner
/// counts, for the message. `Count` gets the total when it is a number,
/// `PerCore` when it is that many per core.
static std::string product(const Multitude &Outer, const Multitude &Inner, long long &Count,
                           long long &PerCore) {
  std::string Text = Outer.factor() + " x " + Inner.factor();
  if (!Outer.known() || !Inner.known())
    return Text + " threads";
  long long Total = Outer.Factor * Inner.Factor;
  if (Outer.PerCore && Inner.PerCore)
    return Text + " = " + (Total > 1 ? std::to_string(Total) + " x " : std::string()) +
           "the core count x the core count threads";
  if (Outer.PerCore || Inner.PerCore) {
    PerCore = Total;
    return Text + " = " + std::to_string(Total) + " threads per core";
  }
  Count = Total;
  return Text + " = " + std::to_string(Total) + " threads";
}

void AdviceOversubscriptionCheck::reportNestedLaunches(const ProgramModel &Model,
                                                       WorkloadClassifier &Classifier) {
  for (const NestedLaunch &L : findNestedLaunches(Model, rules())) {
    // The inner threads' work must be CPU-bound: waiting threads need no core.
    const Workload *Cpu = nullptr;
    for (const std::string &Work : L.InnerWork)
      if (const Workload &W = Classifier.classifyEntry(Work); W.Class == WorkloadClass::Cpu) {
        Cpu = &W;
        break;
      }
    if (!Cpu)
      continue;
    long long Count = 0, PerCore = 0;
    std::string Total = product(L.OuterCount, L.Inner, Count, PerCore);
    std::string Where = quotedFunction(Model, L.CallerUsr);
    std::string What = (L.IsPool ? "creates a pool of " : "starts ") + L.Inner.phrase() + " in " +
                       Where;
    std::string Fix = L.IsPool ? "create one pool outside and pass it in (or give this pool "
                                 "1 thread)"
                               : "parallelize one level, or hand the inner work to one "
                                 "shared pool";
    Finding &F = report(L.Where, "'" + L.Api + "' " + What + ", which runs on " +
                                     L.OuterCount.phrase() + " at once ('" + L.Outer.Api +
                                     "'): " + Total + " for the CPU-bound work, more than " +
                                     "the cores, which only adds context switches; " + Fix);
    F.Notes.push_back({L.Outer.Where, "the outer threads are started here"});
    if (L.OuterLoop)
      F.Notes.push_back({*L.OuterLoop, "the loop around them is here"});
    addWorkloadNotes(F, *Cpu, "the inner work");
    if (Count)
      F.Properties["thread-count"] = std::to_string(Count);
    if (PerCore)
      F.Properties["thread-count-per-core"] = std::to_string(PerCore);
  }
}

void AdviceOversubscriptionCheck::concludeProgram(const ProgramModel &Model) {
  WorkloadClassifier Classifier(Model);
  reportNestedTeams(Model, Classifier);
  reportThreadCounts(Model, Classifier);
  reportNestedLaunches(Model, Classifier);
}

} // namespace conc
