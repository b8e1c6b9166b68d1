//===- probe/main.cpp - conc-probe entry point -----------------------------===//
#include "probe/ProbeCommands.h"

#include "llvm/Support/raw_ostream.h"

static const char Usage[] =
    "usage: conc-probe hardware [-o FILE] [--quick]\n"
    "       conc-probe run [-o FILE] [--rules=FILE]... -- PROGRAM [ARGS...]\n"
    "       conc-probe confirm --advice=REPORT.sarif [--hardware=FILE] [--profile=FILE]\n"
    "See docs/probe.md.\n";

int main(int argc, char **argv) {
  std::vector<std::string> Args(argv + 1, argv + argc);
  conc::ProbeContext Ctx{argv[0], llvm::outs(), llvm::errs()};
  if (Args.empty() || Args[0] == "--help" || Args[0] == "-h") {
    (Args.empty() ? llvm::errs() : llvm::outs()) << Usage;
    return Args.empty() ? conc::ProbeUsageError : 0;
  }
  std::string Command = Args[0];
  llvm::ArrayRef<std::string> Rest = llvm::ArrayRef(Args).drop_front();
  if (Command == "run")
    return conc::probeRun(Ctx, Rest);
  if (Command == "hardware")
    return conc::probeHardware(Ctx, Rest);
  if (Command == "confirm")
    return conc::probeConfirm(Ctx, Rest);
  llvm::errs() << "conc-probe: error: unknown command '" << Command << "'\n" << Usage;
  return conc::ProbeUsageError;
}
