//===- probe/ConfirmCommand.cpp - conc-probe confirm -----------------------===//
//
// Reads a SARIF report of conc-advisor and, for each advice finding
// (ruleId conc-advice-*), prints the measurement on this machine that backs
// or contradicts it: the hardware file's costs and scaling curve, and with
// --profile the measured class of the threads started at the finding's line.
// Each line reads
//   FILE:LINE: RULE: backed|contradicted|no figure: the figures
// The verdict is computed from the figures, never assumed: a figure that
// does not bear on the advice gives "no figure".
//
//===----------------------------------------------------------------------===//
#include "probe/ProbeCommands.h"

#include "core/ProbeData.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <optional>

namespace conc {

namespace {

/// One advice result of the report.
struct Advice {
  std::string Rule;
  std::string File;
  unsigned Line = 0;
};

std::string fmt(double V) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << llvm::format(V >= 100 ? "%.0f" : V >= 10 ? "%.1f" : "%.2f", V);
  return S;
}

std::string describe(const CostFigure &C) {
  return fmt(C.Median) + " " + C.Unit + " (p10 " + fmt(C.P10) + ", p90 " + fmt(C.P90) + ")";
}

struct Verdict {
  const char *Word; ///< backed | contradicted | no figure
  std::string Figures;
};

Verdict noFigure(const std::string &Why) { return {"no figure", Why}; }

/// The judgement per advice id, from the hardware file `Hw`.
Verdict judge(const Advice &A, const HardwareProfile *Hw) {
  if (!Hw)
    return noFigure("no --hardware file given");
  const CostFigure *Create = Hw->cost("thread-create-join");
  const CostFigure *Dispatch = Hw->cost("pool-task-dispatch");
  const CostFigure *Fork = Hw->cost("fork-wait");
  const CostFigure *Spawn = Hw->cost("posix-spawn-wait");
  const CostFigure *Uncontended = Hw->cost("mutex-uncontended");
  const CostFigure *Contended = Hw->cost("mutex-contended");
  unsigned Cores = Hw->Machine.LogicalCores;
  const ScalingPoint *AtCores = Hw->scalingAt(Cores);
  const ScalingPoint *AtTwice = Hw->scalingAt(2 * Cores);

  if (A.Rule == "conc-advice-thread-per-task") {
    if (!Create || !Dispatch)
      return noFigure("thread-create-join or pool-task-dispatch was not measured");
    double Ratio = Create->Median / Dispatch->Median;
    return {Ratio > 1.0 ? "backed" : "contradicted",
            "creating and joining a thread costs " + describe(*Create) +
                ", handing a task to a running pool thread " + describe(*Dispatch) +
                ": a thread per task pays " + fmt(Ratio) + "x per task"};
  }
  if (A.Rule == "conc-advice-oversubscription") {
    if (!AtCores || !AtTwice)
      return noFigure("the scaling curve does not reach " + std::to_string(2 * Cores) +
                      " workers");
    // More CPU-bound threads than cores should buy nothing (10% tolerance).
    bool Backed = AtTwice->ThreadsSpeedup <= AtCores->ThreadsSpeedup * 1.1;
    return {Backed ? "backed" : "contradicted",
            "CPU-bound work on " + std::to_string(Cores) + " threads (the logical cores) ran " +
                fmt(AtCores->ThreadsSpeedup) + "x faster than on one, on " +
                std::to_string(2 * Cores) + " threads " + fmt(AtTwice->ThreadsSpeedup) + "x"};
  }
  if (A.Rule == "conc-advice-process-for-io" || A.Rule == "conc-advice-process-for-cpu") {
    const CostFigure *Proc = Fork ? Fork : Spawn;
    if (!Proc || !Create)
      return noFigure("process or thread creation was not measured");
    double Ratio = Proc->Median / Create->Median;
    std::string Figures = std::string(Fork ? "fork+wait" : "posix_spawn+wait") + " costs " +
                          describe(*Proc) + ", a thread create+join " + describe(*Create) +
                          ": a process costs " + fmt(Ratio) + "x a thread";
    if (A.Rule == "conc-advice-process-for-cpu" && AtCores)
      Figures += "; at " + std::to_string(Cores) + " workers threads scaled " +
                 fmt(AtCores->ThreadsSpeedup) + "x, processes " +
                 fmt(AtCores->ProcessesSpeedup) + "x";
    return {Ratio > 1.0 ? "backed" : "contradicted", Figures};
  }
  if (A.Rule == "conc-advice-lock-serializes") {
    if (!Uncontended || !Contended)
      return noFigure("the mutex costs were not measured");
    double Ratio = Contended->Median / Uncontended->Median;
    return {Ratio > 1.0 ? "backed" : "contradicted",
            "a contended lock costs " + describe(*Contended) + ", an uncontended one " +
                describe(*Uncontended) + ": " + fmt(Ratio) + "x"};
  }
  if (A.Rule == "conc-advice-blocking-io-threads") {
    const CostFigure *Switch = Hw->cost("context-switch");
    if (!Switch || !Create)
      return noFigure("context-switch or thread-create-join was not measured");
    return {"no figure", "each blocked thread costs a context switch, " + describe(*Switch) +
                             ", and its creation, " + describe(*Create) +
                             "; whether that matters depends on how many block at once"};
  }
  return noFigure("no hardware figure bears on this advice");
}

llvm::Expected<std::vector<Advice>> readAdvice(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), Path + ": cannot read the report: " +
                                                          Buffer.getError().message());
  auto Json = llvm::json::parse((*Buffer)->getBuffer());
  if (!Json)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Path + ": not a SARIF file: " +
                                       llvm::toString(Json.takeError()));
  std::vector<Advice> Out;
  const llvm::json::Object *Root = Json->getAsObject();
  const llvm::json::Array *Runs = Root ? Root->getArray("runs") : nullptr;
  if (!Runs)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Path + ": not a SARIF file: no 'runs'");
  for (const llvm::json::Value &Run : *Runs) {
    const llvm::json::Object *R = Run.getAsObject();
    const llvm::json::Array *Results = R ? R->getArray("results") : nullptr;
    if (!Results)
      continue;
    for (const llvm::json::Value &V : *Results) {
      const llvm::json::Object *Res = V.getAsObject();
      if (!Res)
        continue;
      auto Rule = Res->getString("ruleId");
      if (!Rule || !Rule->starts_with("conc-advice-"))
        continue;
      Advice A;
      A.Rule = Rule->str();
      if (const llvm::json::Array *Locs = Res->getArray("locations"))
        if (!Locs->empty())
          if (const llvm::json::Object *Loc = (*Locs)[0].getAsObject())
            if (const llvm::json::Object *Phys = Loc->getObject("physicalLocation")) {
              if (const llvm::json::Object *Art = Phys->getObject("artifactLocation"))
                if (auto Uri = Art->getString("uri"))
                  A.File = Uri->str();
              if (const llvm::json::Object *Reg = Phys->getObject("region"))
                if (auto L = Reg->getInteger("startLine"))
                  A.Line = unsigned(*L);
            }
      Out.push_back(std::move(A));
    }
  }
  return Out;
}

/// "file:///a/b.cpp" -> "/a/b.cpp".
std::string pathOf(llvm::StringRef Uri) {
  Uri.consume_front("file://");
  return Uri.str();
}

} // namespace

int probeConfirm(const ProbeContext &Ctx, llvm::ArrayRef<std::string> Args) {
  std::string AdvicePath, HardwarePath, ProfilePath;
  for (llvm::StringRef A : Args) {
    if (A.consume_front("--advice="))
      AdvicePath = A.str();
    else if (A.consume_front("--hardware="))
      HardwarePath = A.str();
    else if (A.consume_front("--profile="))
      ProfilePath = A.str();
    else
      return probeError(Ctx, "confirm: unknown argument '" + A + "'");
  }
  if (AdvicePath.empty())
    return probeError(Ctx, "confirm: --advice=REPORT.sarif is required");
  if (HardwarePath.empty() && ProfilePath.empty())
    return probeError(Ctx, "confirm: give --hardware=FILE, --profile=FILE or both");
  auto Advices = readAdvice(AdvicePath);
  if (!Advices)
    return probeError(Ctx, llvm::toString(Advices.takeError()));
  std::optional<HardwareProfile> Hw;
  if (!HardwarePath.empty()) {
    auto H = readHardware(HardwarePath);
    if (!H)
      return probeError(Ctx, llvm::toString(H.takeError()));
    Hw = std::move(*H);
  }
  std::optional<Profile> Prof;
  if (!ProfilePath.empty()) {
    auto P = readProfile(ProfilePath);
    if (!P)
      return probeError(Ctx, llvm::toString(P.takeError()));
    Prof = std::move(*P);
  }

  for (const Advice &A : *Advices) {
    std::string File = pathOf(A.File);
    Verdict V = judge(A, Hw ? &*Hw : nullptr);
    Ctx.Out << File << ":" << A.Line << ": " << A.Rule << ": " << V.Word << ": "
            << V.Figures << "\n";
    if (!Prof)
      continue;
    bool Found = false;
    for (const ProfileSite &S : Prof->Sites)
      if (S.Line == A.Line && (S.File == File || llvm::StringRef(S.File).ends_with("/" + File))) {
        Found = true;
        Ctx.Out << "  measured: " << S.Count << " " << S.Kind << (S.Count == 1 ? "" : "s")
                << " (" << S.Api << "), on-CPU ratio " << fmt(S.OnCpuRatio) << ", class "
                << S.Class << "\n";
      }
    if (!Found)
      Ctx.Out << "  measured: nothing was created at this line in the profiled run\n";
  }
  if (Advices->empty())
    Ctx.Out << "no conc-advice-* finding in " << AdvicePath << "\n";
  return 0;
}

} // namespace conc
