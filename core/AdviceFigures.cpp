//===- core/AdviceFigures.cpp ----------------------------------------------===//
#include "core/AdviceFigures.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace conc {

std::string formatFigure(double V) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << llvm::format(V >= 100 ? "%.0f" : V >= 10 ? "%.1f" : "%.2f", V);
  return S;
}

std::string describeCost(const CostFigure &C) {
  return formatFigure(C.Median) + " " + C.Unit + " (p10 " + formatFigure(C.P10) + ", p90 " +
         formatFigure(C.P90) + ")";
}

std::string countOf(uint64_t N, llvm::StringRef Noun) {
  std::string S = std::to_string(N) + " " + Noun.str();
  if (N != 1)
    S += Noun.ends_with("s") ? "es" : "s";
  return S;
}

namespace {

AdviceFigures noFigure(const std::string &Why) { return {"no figure", Why, false}; }


/// "the profiled run measured an on-CPU ratio of 0.05 over 12 threads (io)".
std::string measuredPhrase(const MeasuredSite &M, const char *Noun) {
  return "the profiled run measured an on-CPU ratio of " + formatFigure(M.OnCpuRatio) +
         " over " + countOf(M.Measured, Noun) + " (" + M.Class + ")";
}

/// The verdict of advice that claims the work mostly waits, from the
/// measured class; null when the measurement cannot tell.
const char *waitsVerdict(const MeasuredSite *M) {
  if (!M || M->Class == "unknown" || M->Class == "mixed")
    return nullptr;
  return M->Class == "io" ? "backed" : "contradicted";
}

AdviceFigures threadPerTask(const HardwareProfile *Hw, const AdviceSubject &S) {
  const CostFigure *Create = Hw ? Hw->cost("thread-create-join") : nullptr;
  const CostFigure *Dispatch = Hw ? Hw->cost("pool-task-dispatch") : nullptr;
  if (!Hw)
    return noFigure("no --hardware file given");
  if (!Create || !Dispatch)
    return noFigure("thread-create-join or pool-task-dispatch was not measured");
  double Ratio = Create->Median / Dispatch->Median;
  std::string Figures = "creating and joining a thread costs " + describeCost(*Create) +
                        ", handing a task to a running pool thread " +
                        describeCost(*Dispatch) + ": a thread per task pays " +
                        formatFigure(Ratio) + "x per task";
  if (S.Measured && S.Measured->Count)
    Figures += "; this loop started " + countOf(S.Measured->Count, "thread") +
               " in the profiled run: about " +
               formatFigure(double(S.Measured->Count) * Create->Median) + " " + Create->Unit +
               " of creating and joining them against " +
               formatFigure(double(S.Measured->Count) * Dispatch->Median) + " " +
               Dispatch->Unit + " as pool tasks";
  return {Ratio > 1.0 ? "backed" : "contradicted", Figures};
}

AdviceFigures oversubscription(const HardwareProfile *Hw, const AdviceSubject &S) {
  if (!Hw)
    return noFigure("no --hardware file given");
  unsigned Cores = Hw->Machine.LogicalCores;
  if (S.Threads && S.Threads <= Cores)
    return {"contradicted", "this machine has " + std::to_string(Cores) +
                                " logical cores: " + std::to_string(S.Threads) +
                                " threads do not exceed them"};
  // The finding's thread count, else twice the cores (the curve's end).
  unsigned Wanted = S.Threads ? S.Threads : 2 * Cores;
  const ScalingPoint *AtCores = Hw->scalingAt(Cores);
  const ScalingPoint *AtMany = nullptr;
  for (const ScalingPoint &P : Hw->Scaling)
    if (P.Workers > Cores && P.Workers <= Wanted)
      AtMany = &P; // ascending: the last is the closest to Wanted
  if (!AtCores || !AtMany)
    return noFigure("the scaling curve does not reach beyond " + std::to_string(Cores) +
                    " workers");
  // More CPU-bound threads than cores should buy nothing (10% tolerance).
  bool Backed = AtMany->ThreadsSpeedup <= AtCores->ThreadsSpeedup * 1.1;
  std::string Figures = "CPU-bound work on " + std::to_string(Cores) +
                        " threads (the logical cores) ran " +
                        formatFigure(AtCores->ThreadsSpeedup) + "x faster than on one, on " +
                        std::to_string(AtMany->Workers) + " threads " +
                        formatFigure(AtMany->ThreadsSpeedup) + "x";
  if (S.Threads && AtMany->Workers != S.Threads)
    Figures += " (the curve ends before the " + std::to_string(S.Threads) +
               " threads of this finding)";
  return {Backed ? "backed" : "contradicted", Figures};
}

AdviceFigures processFor(bool ForCpu, const HardwareProfile *Hw, const AdviceSubject &S) {
  const CostFigure *Create = Hw ? Hw->cost("thread-create-join") : nullptr;
  const CostFigure *Fork = Hw ? Hw->cost("fork-wait") : nullptr;
  const CostFigure *Proc = Fork ? Fork : Hw ? Hw->cost("posix-spawn-wait") : nullptr;
  std::string Figures;
  const char *Verdict = nullptr;
  if (Proc && Create) {
    double Ratio = Proc->Median / Create->Median;
    Figures = std::string(Fork ? "fork+wait" : "posix_spawn+wait") + " costs " +
              describeCost(*Proc) + ", a thread create+join " + describeCost(*Create) +
              ": a process costs " + formatFigure(Ratio) + "x a thread";
    const ScalingPoint *AtCores = Hw->scalingAt(Hw->Machine.LogicalCores);
    if (ForCpu && AtCores)
      Figures += "; at " + std::to_string(Hw->Machine.LogicalCores) +
                 " workers threads scaled " + formatFigure(AtCores->ThreadsSpeedup) +
                 "x, processes " + formatFigure(AtCores->ProcessesSpeedup) + "x";
    Verdict = Ratio > 1.0 ? "backed" : "contradicted";
  }
  // The advice also claims a class of work: a measurement of the other
  // class contradicts it whatever the costs.
  if (const MeasuredSite *M = S.Measured; M && M->Class != "unknown") {
    Figures += std::string(Figures.empty() ? "" : "; ") + measuredPhrase(*M, "process");
    const char *Claimed = ForCpu ? "cpu" : "io";
    if (M->Class != Claimed && M->Class != "mixed")
      Verdict = "contradicted";
    else if (!Verdict && M->Class == Claimed)
      Verdict = "backed";
  }
  if (!Verdict)
    return noFigure(Hw ? "process or thread creation was not measured"
                       : "no --hardware file given");
  return {Verdict, Figures};
}

AdviceFigures blockingIoThreads(const HardwareProfile *Hw, const AdviceSubject &S) {
  const CostFigure *Switch = Hw ? Hw->cost("context-switch") : nullptr;
  const CostFigure *Create = Hw ? Hw->cost("thread-create-join") : nullptr;
  std::string Figures;
  if (Switch && Create)
    Figures = "each blocked thread costs a context switch, " + describeCost(*Switch) +
              ", and its creation, " + describeCost(*Create);
  if (const char *Verdict = waitsVerdict(S.Measured))
    return {Verdict, (Figures.empty() ? "" : Figures + "; ") + measuredPhrase(*S.Measured,
                                                                               "thread")};
  if (Figures.empty())
    return noFigure(Hw ? "context-switch or thread-create-join was not measured"
                       : "no --hardware file given");
  return {"no figure", Figures + "; whether that matters depends on how many block at once"};
}

AdviceFigures lockSerializes(const HardwareProfile *Hw) {
  const CostFigure *Uncontended = Hw ? Hw->cost("mutex-uncontended") : nullptr;
  const CostFigure *Contended = Hw ? Hw->cost("mutex-contended") : nullptr;
  if (!Hw)
    return noFigure("no --hardware file given");
  if (!Uncontended || !Contended)
    return noFigure("the mutex costs were not measured");
  double Ratio = Contended->Median / Uncontended->Median;
  return {Ratio > 1.0 ? "backed" : "contradicted",
          "a contended lock costs " + describeCost(*Contended) + ", an uncontended one " +
              describeCost(*Uncontended) + ": " + formatFigure(Ratio) + "x"};
}

} // namespace

const char *adviceSiteKind(llvm::StringRef Rule) {
  return Rule.starts_with("conc-advice-process-") ? "process" : "thread";
}

AdviceFigures adviceFigures(llvm::StringRef Rule, const HardwareProfile *Hw,
                            const AdviceSubject &Subject) {
  if (Rule == "conc-advice-thread-per-task")
    return threadPerTask(Hw, Subject);
  if (Rule == "conc-advice-oversubscription")
    return oversubscription(Hw, Subject);
  if (Rule == "conc-advice-process-for-io" || Rule == "conc-advice-process-for-cpu")
    return processFor(Rule == "conc-advice-process-for-cpu", Hw, Subject);
  if (Rule == "conc-advice-blocking-io-threads")
    return blockingIoThreads(Hw, Subject);
  if (Rule == "conc-advice-lock-serializes")
    return lockSerializes(Hw);
  return noFigure("no hardware figure bears on this advice");
}

} // namespace conc
