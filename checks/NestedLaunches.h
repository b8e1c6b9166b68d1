//===- checks/NestedLaunches.h - Threads started by work that runs many times
//
// A pool made per task, a fan-out of threads inside each task of a fan-out,
// a parallel region inside a parallel region: code that starts threads
// (the inner launch) runs on many threads at once (the outer launch), so
// the threads multiply. This finds those pairs over the whole program's
// call graph, with how many run at once on each side; the pool sizes come
// from the facts (ThreadCountFact of a kind: pool rule), never from C++
// names. conc-advice-oversubscription words the advice.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_NESTEDLAUNCHES_H
#define CONC_CHECKS_NESTEDLAUNCHES_H

#include "core/Rules.h"
#include "model/ProgramModel.h"

#include <optional>
#include <string>
#include <vector>

namespace conc {

/// How many threads run at once: Factor, times the core count when
/// PerCore; unknown (a loop over items, a pool of unknown size) when
/// Factor is 0, with Unknown saying what it depends on ("one thread per
/// item").
struct Multitude {
  long long Factor = 0;
  bool PerCore = false;
  std::string Unknown;

  bool known() const { return Factor > 0; }
  /// "8 threads", "one thread per core", "2 threads per core", or Unknown.
  std::string phrase() const;
  /// As a factor of a product: "8", "1 per core", "(one thread per item)".
  std::string factor() const;
};

/// One thread launch inside work another launch runs on many threads.
struct NestedLaunch {
  /// The inner launch: a pool construction, a thread or team start.
  SourcePoint Where;
  std::string Api;
  std::string CallerUsr;
  Multitude Inner;
  /// The work the inner threads run, for its class: a thread or team's
  /// entry; for a pool, the entries of the tasks submitted next to it, or
  /// else the outer entry.
  std::vector<std::string> InnerWork;
  bool IsPool = false;
  /// The outer launch whose entry reaches CallerUsr.
  ThreadStartFact Outer;
  Multitude OuterCount;
  /// The loop around the outer launch, if any.
  std::optional<SourcePoint> OuterLoop;
};

/// Every inner launch that some outer launch (a site whose entry runs on
/// many threads at once) reaches through calls, each once, with the first
/// outer launch in source order. Lexically nested OpenMP launches are left
/// to the caller (their outer launch is the enclosing construct). Inner
/// OpenMP teams count only when the program allows nested regions
/// (rules/threads.yaml's thread-count-functions that set max-active-levels
/// or nested) and no num_threads(1)/if(0) keeps them to one thread.
std::vector<NestedLaunch> findNestedLaunches(const ProgramModel &Model, const RuleSet &Rules);

/// Whether code in the program allows nested OpenMP regions to start
/// threads: omp_set_max_active_levels(K > 1) or omp_set_nested(non-zero),
/// and no call that forbids them.
bool nestedRegionsEnabled(const ProgramModel &Model, const RuleSet &Rules);

/// Whether the OpenMP region `RegionUsr` is fixed at one thread
/// (num_threads(1), if(0)).
bool regionHasOneThread(const ProgramModel &Model, llvm::StringRef RegionUsr);

} // namespace conc

#endif
