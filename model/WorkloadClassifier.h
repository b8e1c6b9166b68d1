//===- model/WorkloadClassifier.h - CPU-bound, I/O-bound or mixed ----------===//
//
// What kind of work a thread, task or process site launches, over the whole
// call graph its entry reaches: the blocking calls (rules/io.yaml), the
// CPU-heavy calls (rules/cpu.yaml) and the arithmetic loop nests found there
// (checks/WorkloadFacts.h), weighed into a class, a confidence and the
// evidence a reviewer can follow. A loop around a blocking call is I/O; a
// loop nest of arithmetic is CPU.
//
// Static heuristics only: profile data (--profile) confirms or refutes
// them, it never changes them, so a reader sees both.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_MODEL_WORKLOADCLASSIFIER_H
#define CONC_MODEL_WORKLOADCLASSIFIER_H

#include "model/ProgramModel.h"

#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace conc {

enum class WorkloadClass { Unknown, Cpu, Io, Mixed };
enum class WorkloadConfidence { Low, Medium, High };

/// "cpu", "io", "mixed", "unknown": the SARIF/JSON property values.
const char *workloadClassName(WorkloadClass C);
/// "CPU-bound", "I/O-bound", "mixed CPU and I/O", "of unknown kind".
const char *workloadClassPhrase(WorkloadClass C);
/// "high", "medium", "low".
const char *workloadConfidenceName(WorkloadConfidence C);

/// One piece of evidence: where, and what it says.
/// Every function `Roots` reach through calls (themselves included), sorted.
std::vector<std::string> reachableFrom(const ProgramModel &Model,
                                       const std::vector<std::string> &Roots);

struct WorkloadEvidence {
  SourcePoint Where;
  std::string Message; ///< "blocking call 'recv' (socket) in a loop, in 'serve'"
  bool Cpu = false;    ///< evidence of CPU work; else of waiting
  unsigned Weight = 1; ///< 1 weak, 2 medium, 3 strong
  std::string FunctionUsr; ///< the code it is in
  /// The rule's kind (socket, sleep, compression, ...); "loop" for a loop
  /// nest of arithmetic.
  std::string Kind;
  std::vector<std::string> Locks; ///< held there, sorted
};

struct Workload {
  WorkloadClass Class = WorkloadClass::Unknown;
  WorkloadConfidence Confidence = WorkloadConfidence::Low;
  /// Strongest first, then by location; every piece found (callers show
  /// the first few).
  std::vector<WorkloadEvidence> Evidence;
  /// The strongest evidence of each kind (0: none).
  unsigned CpuWeight = 0, IoWeight = 0;
  /// Functions the entry reaches, itself included.
  unsigned Functions = 0;
  /// For `unknown`: why ("the entry is not known", "no evidence in the 3
  /// functions it reaches", "runs another program").
  std::string Reason;
  /// A one-line summary for messages: "CPU-bound (high confidence: 2 loop
  /// nests of arithmetic, 1 CPU-heavy call)".
  std::string summary() const;
};

class WorkloadClassifier {
public:
  explicit WorkloadClassifier(const ProgramModel &Model);

  /// The work of `EntryUsr` and everything it calls (memoized).
  const Workload &classifyEntry(llvm::StringRef EntryUsr);
  /// The work a thread start launches: its entry's.
  Workload classifyThreadStart(const ThreadStartFact &Start);
  /// The work a process start launches: for a fork with a known child, the
  /// child's code; for spawn, exec and shell, another program (unknown).
  Workload classifyProcessStart(const ProcessStartFact &Start);

  /// The thread start or process start at `Where`, if any (the sites
  /// conc-thread-site and conc-process-site report).
  const ThreadStartFact *threadStartAt(const SourcePoint &Where) const;
  const ProcessStartFact *processStartAt(const SourcePoint &Where) const;

private:
  const ProgramModel &Model;
  llvm::StringMap<Workload> Memo;
  /// The functions with a work call or a compute loop, sorted: the only
  /// ones evidenceOf() finds anything in.
  std::vector<std::string> EvidenceFunctions;

  /// Evidence and the number of functions reached from `Roots`, with
  /// `RepeatedRoots` run in a loop.
  void collect(const std::vector<std::string> &Roots, bool RootsRepeated,
               Workload &Out) const;
  /// Evidence of the calls and loops of `Usr` itself (all of it when
  /// `Range` is null, else only what lies in [first, second]).
  void evidenceOf(llvm::StringRef Usr, bool Repeated,
                  const std::pair<SourcePoint, SourcePoint> *Range, Workload &Out) const;
  static void decide(Workload &W);
};

} // namespace conc

#endif
