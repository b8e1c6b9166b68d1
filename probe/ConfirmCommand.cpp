//===- probe/ConfirmCommand.cpp - conc-probe confirm -----------------------===//
//
// Reads a SARIF report of conc-advisor and, for each advice finding
// (ruleId conc-advice-*), prints the measurement on this machine that backs
// or contradicts it: the hardware file's costs and scaling curve, and with
// --profile the measured class of the threads started at the finding's line.
// Each line reads
//   FILE:LINE: RULE: backed|contradicted|no figure: the figures
// The figures and verdicts are core/AdviceFigures.h's (conc-advisor
// --hardware= quotes the same); a profile record joins a finding as
// core/ProfileMatch.h says.
//
//===----------------------------------------------------------------------===//
#include "probe/ProbeCommands.h"

#include "core/AdviceFigures.h"
#include "core/ProbeData.h"
#include "core/Rules.h"

#include "llvm/ADT/StringExtras.h"
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
  /// The `thread-count` property, when the finding names its threads.
  unsigned Threads = 0;
};

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
      if (const llvm::json::Object *Props = Res->getObject("properties"))
        if (auto Count = Props->getString("thread-count"))
          Count->getAsInteger(10, A.Threads);
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

  // The class of summed records uses the analyzer's thresholds.
  WorkloadThresholds Thresholds;
  if (Prof) {
    auto Rules = loadProbeRules(Ctx.Argv0, {});
    if (!Rules)
      return probeError(Ctx, llvm::toString(Rules.takeError()));
    Thresholds = Rules->Workload;
  }

  for (const Advice &A : *Advices) {
    std::string File = pathOf(A.File);
    std::optional<ProfileMatch> Match;
    if (Prof)
      Match = matchProfileSite(*Prof, File, A.Line, adviceSiteKind(A.Rule), Thresholds);
    AdviceSubject Subject;
    Subject.Threads = A.Threads;
    Subject.Measured = Match && Match->Site ? &*Match->Site : nullptr;
    AdviceFigures V = adviceFigures(A.Rule, Hw ? &*Hw : nullptr, Subject);
    Ctx.Out << File << ":" << A.Line << ": " << A.Rule << ": " << V.Verdict << ": "
            << V.Figures << "\n";
    if (!Match)
      continue;
    if (const MeasuredSite *M = Subject.Measured) {
      llvm::StringRef Kind = adviceSiteKind(A.Rule);
      Ctx.Out << "  measured: " << countOf(M->Count, Kind) << " (" << llvm::join(M->Apis, ", ") << "), on-CPU ratio "
              << formatFigure(M->OnCpuRatio) << ", class " << M->Class << "\n";
    } else {
      Ctx.Out << "  measured: " << Match->Why << "\n";
    }
  }
  if (Advices->empty())
    Ctx.Out << "no conc-advice-* finding in " << AdvicePath << "\n";
  return 0;
}

} // namespace conc
