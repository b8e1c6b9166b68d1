//===- probe/HardwareCommand.cpp - conc-probe hardware ---------------------===//
//
// Describes this machine for --hardware=: topology from hwloc, then the
// micro-benchmarks, which run in conc-probe-microbench (a small process:
// see probe/microbench/MicroBenchmarks.cpp for why) and come back as raw
// samples summarized here. Prints the file to stdout unless -o is given.
//
//===----------------------------------------------------------------------===//
#include "probe/ProbeCommands.h"
#include "probe/Topology.h"
#include "tool/AtomicFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

#include <algorithm>
#include <cmath>

namespace conc {

/// Median, 10th and 90th percentiles of `Samples` (nearest rank).
static CostFigure summarize(std::vector<double> Samples, llvm::StringRef Unit) {
  std::sort(Samples.begin(), Samples.end());
  auto Rank = [&](double Q) {
    size_t I = size_t(std::ceil(Q * double(Samples.size())));
    return Samples[std::min(Samples.size() - 1, I == 0 ? 0 : I - 1)];
  };
  CostFigure F;
  F.Runs = unsigned(Samples.size());
  F.P10 = Rank(0.10);
  F.Median = Rank(0.50);
  F.P90 = Rank(0.90);
  F.Unit = Unit.str();
  return F;
}

/// Reads the helper's lines into `Hw`; a line it cannot read is an error
/// (the helper and this reader are built together).
static llvm::Error readMicrobenchOutput(llvm::StringRef Text, HardwareProfile &Hw) {
  std::vector<std::pair<std::string, CostFigure>> Costs;
  for (llvm::StringRef Line : llvm::split(Text, '\n')) {
    if (Line.empty())
      continue;
    auto [Tag, Rest] = Line.split(' ');
    auto [Name, Values] = Rest.split(' ');
    auto Bad = [&] {
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "conc-probe-microbench: unreadable line '%s'",
                                     Line.str().c_str());
    };
    if (Tag == "not-measured") {
      Hw.NotMeasuredFigures.push_back({Name.str(), Values.str()});
    } else if (Tag == "cost") {
      const CostFigureName *Known = nullptr;
      for (const CostFigureName &N : costFigureNames())
        if (Name == N.Name)
          Known = &N;
      std::vector<double> Samples;
      for (llvm::StringRef V : llvm::split(Values, ' ')) {
        double D;
        if (V.getAsDouble(D))
          return Bad();
        Samples.push_back(D);
      }
      if (!Known || Samples.empty())
        return Bad();
      Costs.emplace_back(Name.str(), summarize(std::move(Samples), Known->Unit));
    } else if (Tag == "scaling") {
      auto [T, P] = Values.split(' ');
      ScalingPoint Pt;
      if (Name.getAsInteger(10, Pt.Workers) || T.getAsDouble(Pt.ThreadsSpeedup) ||
          P.getAsDouble(Pt.ProcessesSpeedup))
        return Bad();
      Hw.Scaling.push_back(Pt);
    } else {
      return Bad();
    }
  }
  // In the documented order, whatever order the helper measured in.
  for (const CostFigureName &N : costFigureNames())
    for (auto &C : Costs)
      if (C.first == N.Name)
        Hw.Costs.push_back(std::move(C));
  return llvm::Error::success();
}

int probeHardware(const ProbeContext &Ctx, llvm::ArrayRef<std::string> Args) {
  std::string Output;
  bool Quick = false;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A == "--quick")
      Quick = true;
    else if (A == "-o" && I + 1 < Args.size())
      Output = Args[++I];
    else if (A.consume_front("--output="))
      Output = A.str();
    else
      return probeError(Ctx, "hardware: unknown argument '" + A + "'");
  }
  if (!Output.empty())
    if (llvm::Error E = checkWritable(Output))
      return probeError(Ctx, llvm::toString(std::move(E)));
  std::string Helper = besideBinary(Ctx.Argv0, "lib", "conc-probe-microbench");
  if (!llvm::sys::fs::can_execute(Helper))
    return probeError(Ctx, Helper + ": the micro-benchmark helper is missing");

  HardwareProfile Hw;
  Hw.Machine = readTopology(Hw.NotMeasuredFigures);

  llvm::SmallString<128> Samples;
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("conc-probe-microbench", "txt", Samples))
    return probeError(Ctx, "cannot create a temporary file: " + EC.message());
  std::string Cores = std::to_string(Hw.Machine.LogicalCores);
  std::vector<llvm::StringRef> HelperArgs = {Helper};
  if (Quick)
    HelperArgs.push_back("--quick");
  HelperArgs.push_back(Cores);
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                llvm::StringRef(Samples), std::nullopt};
  std::string RunError;
  int RC = llvm::sys::ExecuteAndWait(Helper, HelperArgs, std::nullopt, Redirects, 0, 0,
                                     &RunError);
  auto Text = llvm::MemoryBuffer::getFile(Samples, /*IsText=*/true);
  llvm::sys::fs::remove(Samples);
  if (RC != 0 || !Text)
    return probeError(Ctx, Helper + " failed" +
                               (RunError.empty() ? "" : ": " + RunError));
  if (llvm::Error E = readMicrobenchOutput((*Text)->getBuffer(), Hw))
    return probeError(Ctx, llvm::toString(std::move(E)));

  std::string Yaml = hardwareToYaml(Hw);
  if (Output.empty()) {
    Ctx.Out << Yaml;
    return 0;
  }
  if (llvm::Error E = writeFileAtomically(Output, Yaml))
    return probeError(Ctx, llvm::toString(std::move(E)));
  return 0;
}

} // namespace conc
