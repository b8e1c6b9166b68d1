//===- checks/AdviceSupport.h - What the conc-advice-* checks share --------===//
//
// The advice checks conclude over the program model and the workload
// classifier: which sites start threads (not tasks or pools), what loop
// repeats a site, how many cores the advice is sized for, and how to show
// the evidence behind a piece of advice.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_ADVICESUPPORT_H
#define CONC_CHECKS_ADVICESUPPORT_H

#include "core/Finding.h"
#include "core/Rules.h"
#include "model/WorkloadClassifier.h"

#include <string>
#include <vector>

namespace conc {

/// The kind of the thread API `Api` (thread | task | pool), from the rules
/// (any form), or "team" for an OpenMP directive; "" when unknown.
std::string threadApiKind(const RuleSet &Rules, llvm::StringRef Api);

/// Whether each call of `Api` may start a thread of its own: a thread API,
/// or a task API with a launch policy (std::async(std::launch::async, ...)
/// starts one per call). The other task APIs queue the task to a pool's
/// threads (tf::Executor::async, asio::post), which run it in turn.
bool startsThreadPerCall(const RuleSet &Rules, llvm::StringRef Api);

/// The loop fact of the site at `Where`, or null when it is not in a loop.
const SiteLoopFact *siteLoopAt(const ProgramModel &Model, const SourcePoint &Where);

/// Each site once: the first fact of each location (facts repeat per
/// template instantiation and per unit that includes a header).
std::vector<ThreadStartFact> threadSites(const ProgramModel &Model);

/// Whether some evidence is of one of `Kinds` (socket, poll, ...).
bool hasEvidenceOfKind(const Workload &W, llvm::ArrayRef<const char *> Kinds);

/// The function's name for messages, quoted: 'f', or "the parallel region
/// at a.c:3:1".
std::string quotedFunction(const ProgramModel &Model, llvm::StringRef Usr);

/// The functions that are not thread-safe (rules/mt-unsafe.yaml) a forked
/// child calls, in its own code or in what that code calls: a reason to
/// keep it a process. Sorted, unique.
std::vector<std::string> childUnsafeCalls(const ProgramModel &Model,
                                          const ProcessStartFact &Start);

} // namespace conc

#endif
