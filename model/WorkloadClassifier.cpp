//===- model/WorkloadClassifier.cpp ----------------------------------------===//
//
// Weights: 3 is strong evidence (a blocking or CPU-heavy call repeated by a
// loop, a strong call such as recv or deflate, a nest of two or more loops
// of arithmetic), 2 medium, 1 weak. The class follows the strongest evidence
// of each side; both strong is mixed. Repetition crosses calls: a function
// called inside a loop repeats everything it does.
//
//===----------------------------------------------------------------------===//
#include "model/WorkloadClassifier.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <set>

namespace conc {

const char *workloadClassName(WorkloadClass C) {
  switch (C) {
  case WorkloadClass::Cpu:
    return "cpu";
  case WorkloadClass::Io:
    return "io";
  case WorkloadClass::Mixed:
    return "mixed";
  case WorkloadClass::Unknown:
    break;
  }
  return "unknown";
}

const char *workloadClassPhrase(WorkloadClass C) {
  switch (C) {
  case WorkloadClass::Cpu:
    return "CPU-bound";
  case WorkloadClass::Io:
    return "I/O-bound";
  case WorkloadClass::Mixed:
    return "mixed CPU and I/O";
  case WorkloadClass::Unknown:
    break;
  }
  return "of unknown kind";
}

const char *workloadConfidenceName(WorkloadConfidence C) {
  switch (C) {
  case WorkloadConfidence::High:
    return "high";
  case WorkloadConfidence::Medium:
    return "medium";
  case WorkloadConfidence::Low:
    break;
  }
  return "low";
}

std::string Workload::summary() const {
  if (Class == WorkloadClass::Unknown)
    return std::string("of unknown kind (") + Reason + ")";
  return std::string(workloadClassPhrase(Class)) + " (" + workloadConfidenceName(Confidence) +
         " confidence)";
}

/// The facts of `Usr` in a list sorted by its first field, the code's USR.
template <typename T, typename Key>
static llvm::ArrayRef<T> factsOf(const std::vector<T> &All, llvm::StringRef Usr, Key KeyOf) {
  auto Lo = std::lower_bound(All.begin(), All.end(), Usr,
                             [&](const T &F, llvm::StringRef U) { return KeyOf(F) < U; });
  auto Hi = std::upper_bound(Lo, All.end(), Usr,
                             [&](llvm::StringRef U, const T &F) { return U < KeyOf(F); });
  return llvm::ArrayRef<T>(All.data() + (Lo - All.begin()), Hi - Lo);
}

static bool inRange(const SourcePoint &P, const std::pair<SourcePoint, SourcePoint> *Range) {
  return !Range || (P.File == Range->first.File && !(P < Range->first) &&
                    !(Range->second < P));
}

void WorkloadClassifier::evidenceOf(llvm::StringRef Usr, bool Repeated,
                                    const std::pair<SourcePoint, SourcePoint> *Range,
                                    Workload &Out) const {
  const std::string Name = ProgramModel::readableName(Model.functionName(Usr));
  const std::string In = ProgramModel::isOpenMPRegion(Usr) ? " in the " + Name
                                                           : " in '" + Name + "'";
  auto Calls = factsOf(Model.workCalls(), Usr,
                       [](const WorkCallFact &F) -> llvm::StringRef { return F.CallerUsr; });
  for (const WorkCallFact &C : Calls) {
    if (!inRange(C.Where, Range))
      continue;
    bool Loop = C.LoopDepth > 0 || Repeated;
    unsigned Weight = (C.Strong ? 2 : 1) + (Loop ? 1 : 0);
    std::string Where = C.LoopDepth > 0 ? " in a loop" + In
                        : Repeated      ? In + ", called in a loop"
                                        : In;
    WorkloadEvidence E;
    E.Where = C.Where;
    E.Cpu = !C.Blocking;
    E.Weight = Weight;
    E.FunctionUsr = Usr.str();
    E.Kind = C.Kind;
    E.Locks = C.Locks;
    E.Message = std::string(C.Blocking ? "blocking call '" : "CPU-heavy call '") + C.Api +
                "' (" + C.Kind + ")" + Where;
    Out.Evidence.push_back(std::move(E));
  }
  auto Loops = factsOf(Model.computeLoops(), Usr,
                       [](const ComputeLoopFact &F) -> llvm::StringRef { return F.FunctionUsr; });
  for (const ComputeLoopFact &L : Loops) {
    if (!inRange(L.Where, Range))
      continue;
    // A single loop beside a blocking call of its function, at the loop's
    // level or deeper, runs once per wait: it processes what the call reads
    // or writes (a frame masked before its send, a block summed after its
    // recv), and the wait paces it. Enclosing loops and callers repeat the
    // wait as often as the loop, so they add no weight to the loop.
    const bool PacedByWait =
        L.Depth == 1 && llvm::any_of(Calls, [&](const WorkCallFact &C) {
          return C.Blocking && C.LoopDepth >= L.EnclosingLoops && inRange(C.Where, Range);
        });
    unsigned Effective = PacedByWait ? 1 : L.Depth + L.EnclosingLoops + (Repeated ? 1 : 0);
    WorkloadEvidence E;
    E.Where = L.Where;
    E.Cpu = true;
    E.Weight = Effective >= 2 ? 3 : L.Operations >= 2 ? 2 : 1;
    E.FunctionUsr = Usr.str();
    E.Kind = "loop";
    E.Locks = L.Locks;
    E.Message = (L.Depth >= 2 ? "loop nest of arithmetic (" + std::to_string(L.Depth) +
                                    " loops deep, "
                              : std::string("loop of arithmetic (")) +
                std::to_string(L.Operations) + " operation" +
                (L.Operations == 1 ? "" : "s") + ", no call)" +
                (L.EnclosingLoops > 0 ? " inside another loop" + In
                 : Repeated           ? In + ", called in a loop"
                                      : In);
    Out.Evidence.push_back(std::move(E));
  }
}

std::vector<std::string> reachableFrom(const ProgramModel &Model,
                                       const std::vector<std::string> &Roots) {
  return Model.reachableFrom(Roots).usrs();
}

WorkloadClassifier::WorkloadClassifier(const ProgramModel &Model) : Model(Model) {
  for (const WorkCallFact &C : Model.workCalls())
    EvidenceFunctions.push_back(C.CallerUsr);
  for (const ComputeLoopFact &L : Model.computeLoops())
    EvidenceFunctions.push_back(L.FunctionUsr);
  llvm::sort(EvidenceFunctions);
  EvidenceFunctions.erase(std::unique(EvidenceFunctions.begin(), EvidenceFunctions.end()),
                          EvidenceFunctions.end());
}

void WorkloadClassifier::collect(const std::vector<std::string> &Roots, bool RootsRepeated,
                                 Workload &Out) const {
  // Everything reached; then what is reached through a call in a loop. The
  // fact lists are walked against the reached set, not the other way
  // round: a thread may reach most of a big program, and few functions
  // make a looped call or hold evidence.
  const ProgramModel::FunctionSet Reached = Model.reachableFrom(Roots);
  std::set<std::string> LoopEntries;
  if (RootsRepeated)
    LoopEntries.insert(Roots.begin(), Roots.end());
  for (const LoopedCallFact &L : Model.loopedCalls())
    if (Reached.contains(L.CallerUsr))
      LoopEntries.insert(L.CalleeUsr);
  const ProgramModel::FunctionSet Repeated =
      Model.reachableFrom(std::vector<std::string>(LoopEntries.begin(), LoopEntries.end()));
  // In USR order, as the evidence is listed.
  for (const std::string &U : EvidenceFunctions)
    if (Reached.contains(U))
      evidenceOf(U, Repeated.contains(U), nullptr, Out);
  Out.Functions = Reached.size();
}

void WorkloadClassifier::decide(Workload &W) {
  llvm::sort(W.Evidence, [](const WorkloadEvidence &A, const WorkloadEvidence &B) {
    if (A.Weight != B.Weight)
      return A.Weight > B.Weight;
    if (!(A.Where == B.Where))
      return A.Where < B.Where;
    return A.Message < B.Message;
  });
  W.CpuWeight = W.IoWeight = 0;
  for (const WorkloadEvidence &E : W.Evidence)
    (E.Cpu ? W.CpuWeight : W.IoWeight) = std::max(E.Cpu ? W.CpuWeight : W.IoWeight, E.Weight);
  auto ConfidenceOf = [](unsigned Weight) {
    return Weight >= 3   ? WorkloadConfidence::High
           : Weight == 2 ? WorkloadConfidence::Medium
                         : WorkloadConfidence::Low;
  };
  unsigned Cpu = W.CpuWeight, Io = W.IoWeight;
  if (Cpu == 0 && Io == 0) {
    W.Class = WorkloadClass::Unknown;
    W.Confidence = WorkloadConfidence::Low;
    if (W.Reason.empty())
      W.Reason = "no blocking call, CPU-heavy call or loop of arithmetic in the " +
                 std::to_string(W.Functions) + " function" + (W.Functions == 1 ? "" : "s") +
                 " it reaches";
  } else if (Cpu == 0 || Io == 0) {
    W.Class = Cpu ? WorkloadClass::Cpu : WorkloadClass::Io;
    W.Confidence = ConfidenceOf(std::max(Cpu, Io));
  } else if (Cpu == Io) {
    // Strong evidence of both: threads that compute and wait.
    W.Class = WorkloadClass::Mixed;
    W.Confidence = Cpu >= 3 ? WorkloadConfidence::Medium : WorkloadConfidence::Low;
  } else {
    W.Class = Cpu > Io ? WorkloadClass::Cpu : WorkloadClass::Io;
    W.Confidence = (Cpu > Io ? Cpu - Io : Io - Cpu) >= 2 ? WorkloadConfidence::Medium
                                                        : WorkloadConfidence::Low;
  }
}

const Workload &WorkloadClassifier::classifyEntry(llvm::StringRef EntryUsr) {
  auto It = Memo.find(EntryUsr);
  if (It != Memo.end())
    return It->second;
  Workload W;
  collect({EntryUsr.str()}, false, W);
  decide(W);
  return Memo.try_emplace(EntryUsr, std::move(W)).first->second;
}

Workload WorkloadClassifier::classifyThreadStart(const ThreadStartFact &Start) {
  if (Start.EntryUsr.empty()) {
    Workload W;
    W.Reason = "the function it runs is not known";
    decide(W);
    return W;
  }
  return classifyEntry(Start.EntryUsr);
}

Workload WorkloadClassifier::classifyProcessStart(const ProcessStartFact &Start) {
  Workload W;
  if (Start.Kind == "exec")
    W.Reason = "this process becomes another program";
  else if (Start.Kind != "fork")
    W.Reason = "the child runs another program";
  else if (Start.ChildExecs)
    W.Reason = "the child execs another program";
  else if (!Start.ChildKnown)
    W.Reason = "the child's code was not found";
  if (!W.Reason.empty()) {
    decide(W);
    return W;
  }
  collect(Start.ChildCallees, false, W);
  std::pair<SourcePoint, SourcePoint> Range{Start.ChildBegin, Start.ChildEnd};
  evidenceOf(Start.CallerUsr, false, &Range, W);
  ++W.Functions;
  decide(W);
  return W;
}

const ThreadStartFact *WorkloadClassifier::threadStartAt(const SourcePoint &Where) const {
  for (const ThreadStartFact &S : Model.threadStarts())
    if (S.Where == Where)
      return &S;
  return nullptr;
}

const ProcessStartFact *WorkloadClassifier::processStartAt(const SourcePoint &Where) const {
  for (const ProcessStartFact &S : Model.processStarts())
    if (S.Where == Where)
      return &S;
  return nullptr;
}

} // namespace conc
