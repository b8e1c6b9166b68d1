//===- probe/RunCommand.cpp - conc-probe run -------------------------------===//
//
// Runs the program under the preload library, then turns the records into
// profile.yaml. The program's output, exit status and death by signal pass
// through: conc-probe prints nothing on success and ends as the program did.
//
//===----------------------------------------------------------------------===//
#include "probe/ProbeCommands.h"
#include "probe/ProfileBuilder.h"
#include "probe/Runner.h"
#include "tool/AtomicFile.h"

#include "core/Rules.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"

#ifndef CONC_RULES_DIR
#define CONC_RULES_DIR ""
#endif

namespace conc {

int probeError(const ProbeContext &Ctx, const llvm::Twine &Msg) {
  Ctx.Err << "conc-probe: error: " << Msg << "\n";
  return ProbeUsageError;
}

std::string besideBinary(const char *Argv0, llvm::StringRef Sub, llvm::StringRef Name) {
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, (void *)&besideBinary);
  llvm::SmallString<256> P(llvm::sys::path::parent_path(llvm::sys::path::parent_path(Exe)));
  llvm::sys::path::append(P, Sub, Name);
  return std::string(P);
}

llvm::Expected<RuleSet> loadProbeRules(const char *Argv0,
                                              const std::vector<std::string> &Extra) {
  std::string Dir = besideBinary(Argv0, "share", "conc-advisor/rules");
  if (!llvm::sys::fs::is_directory(Dir))
    Dir = CONC_RULES_DIR;
  auto Files = builtinRuleFiles(Dir);
  if (!Files)
    return Files.takeError();
  Files->insert(Files->end(), Extra.begin(), Extra.end());
  return loadRuleFiles(*Files);
}

int probeRun(const ProbeContext &Ctx, llvm::ArrayRef<std::string> Args) {
  std::string Output = "profile.yaml";
  std::vector<std::string> RuleFiles;
  size_t I = 0;
  for (; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A == "--")
      break;
    if (A == "-o" && I + 1 < Args.size())
      Output = Args[++I];
    else if (A.consume_front("--output=") || A.consume_front("-o"))
      Output = A.str();
    else if (A.consume_front("--rules="))
      RuleFiles.push_back(A.str());
    else
      return probeError(Ctx, "run: unknown option '" + A +
                                 "' (the program goes after '--')");
  }
  if (I + 1 >= Args.size())
    return probeError(Ctx, "run: no program given (usage: conc-probe run [-o FILE] -- "
                           "PROGRAM [ARGS...])");
  std::vector<std::string> Command(Args.begin() + I + 1, Args.end());
  if (Output.empty())
    return probeError(Ctx, "run: -o needs a file name");
  if (llvm::Error E = checkWritable(Output))
    return probeError(Ctx, llvm::toString(std::move(E)));
  auto Rules = loadProbeRules(Ctx.Argv0, RuleFiles);
  if (!Rules)
    return probeError(Ctx, llvm::toString(Rules.takeError()));

  std::string Preload = besideBinary(Ctx.Argv0, "lib", "libconc-probe-preload.so");
  if (!llvm::sys::fs::exists(Preload))
    return probeError(Ctx, Preload + ": the preload library is missing");
  auto Program = llvm::sys::findProgramByName(Command[0]);
  if (!Program)
    return probeError(Ctx, "run: cannot find program '" + Command[0] + "'");
  llvm::SmallString<256> AbsProgram(*Program);
  llvm::sys::fs::make_absolute(AbsProgram);
  llvm::sys::path::remove_dots(AbsProgram, true);

  llvm::SmallString<128> Dir;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("conc-probe", Dir))
    return probeError(Ctx, "cannot create a temporary directory: " + EC.message());
  llvm::SmallString<128> Records(Dir);
  llvm::sys::path::append(Records, "records");
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::openFileForWrite(Records, FD)) {
    llvm::sys::fs::remove_directories(Dir);
    return probeError(Ctx, Records + ": " + EC.message());
  }
  llvm::sys::Process::SafelyCloseFileDescriptor(FD);

  auto Outcome = runWithPreload(Command, Preload, Records);
  if (!Outcome) {
    llvm::sys::fs::remove_directories(Dir);
    return probeError(Ctx, llvm::toString(Outcome.takeError()));
  }
  RunFacts Facts;
  Facts.Program = std::string(AbsProgram);
  Facts.Command = Command;
  Facts.Exit = Outcome->Exit;
  Facts.RootPid = Outcome->Pid;
  std::vector<std::string> Warnings;
  auto P = buildProfile(Records, Facts, Rules->Workload, Warnings);
  llvm::sys::fs::remove_directories(Dir);
  for (const std::string &W : Warnings)
    Ctx.Err << "conc-probe: warning: " << W << "\n";
  if (!P)
    return probeError(Ctx, llvm::toString(P.takeError()));
  if (llvm::Error E = writeFileAtomically(Output, profileToYaml(*P)))
    return probeError(Ctx, llvm::toString(std::move(E)));
  Ctx.Err.flush();
  Ctx.Out.flush();
  exitLike(Outcome->Exit);
}

} // namespace conc
