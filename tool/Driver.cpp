//===- tool/Driver.cpp -----------------------------------------------------===//
#include "tool/Driver.h"

#include "model/ProgramModel.h"
#include "tool/Analyzer.h"
#include "tool/AtomicFile.h"
#include "tool/CommandLine.h"
#include "tool/CompileDatabase.h"
#include "tool/Report.h"
#include "tool/UnitWorker.h"

#include "llvm/Support/MemoryBuffer.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <thread>

#ifndef CONC_VERSION
#define CONC_VERSION "0.0.0"
#endif
#ifndef CONC_RULES_DIR
#define CONC_RULES_DIR ""
#endif

namespace conc {

std::string toolVersion() { return CONC_VERSION; }

const char *describeFailure(UnitFailure F) {
  switch (F) {
  case UnitFailure::ParseError:
    return "failed to parse";
  case UnitFailure::Crash:
    return "crashed the analysis";
  case UnitFailure::Timeout:
    return "timed out";
  }
  return "failed";
}

const char *failureId(UnitFailure F) {
  switch (F) {
  case UnitFailure::ParseError:
    return "parse-error";
  case UnitFailure::Crash:
    return "crash";
  case UnitFailure::Timeout:
    return "timeout";
  }
  return "parse-error";
}

/// What every unit's cached result depends on besides its own command and
/// inputs: the tool, the facts format, the rules' text, the enabled checks.
static std::string cacheSalt(const RuleSet &Rules,
                             const std::vector<const CheckInfo *> &Checks) {
  const std::string Sep(1, '\0');
  std::string Salt = toolVersion() + Sep + std::to_string(FactsVersion) + Sep +
                     LLVM_VERSION_STRING;
  for (const std::string &File : Rules.Files) {
    auto Text = llvm::MemoryBuffer::getFile(File);
    Salt += Sep + File + Sep + (Text ? (*Text)->getBuffer().str() : "?");
  }
  for (const CheckInfo *C : Checks)
    Salt += Sep + std::string(C->Id);
  return Salt;
}

/// rules/ beside an installed binary (share/conc-advisor/rules), else the
/// source tree's rules/ the build was configured with.
static std::string builtinRulesDir(const char *Argv0) {
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, (void *)&builtinRulesDir);
  llvm::SmallString<256> P(llvm::sys::path::parent_path(llvm::sys::path::parent_path(Exe)));
  llvm::sys::path::append(P, "share", "conc-advisor", "rules");
  if (llvm::sys::fs::is_directory(P))
    return std::string(P);
  return CONC_RULES_DIR;
}

static int inputError(llvm::raw_ostream &Err, const llvm::Twine &Msg) {
  Err << "conc-advisor: error: " << Msg << "\n";
  return ExitInputError;
}

int runConcAdvisor(const char *Argv0, const std::vector<std::string> &Args,
                   llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  if (!Args.empty() && Args.front() == UnitWorkerFlag)
    return runUnitWorker(Args, Err);
  llvm::Expected<Options> Parsed = parseCommandLine(Args);
  if (!Parsed)
    return inputError(Err, llvm::toString(Parsed.takeError()));
  Options &O = *Parsed;
  if (O.ShowHelp) {
    Out << helpText();
    return ExitClean;
  }
  if (O.ShowVersion) {
    Out << "conc-advisor version " << toolVersion() << " (LLVM " << LLVM_VERSION_STRING
        << ")\n";
    return ExitClean;
  }

  llvm::Expected<CheckFilter> Filter = CheckFilter::parse(O.Checks);
  if (!Filter)
    return inputError(Err, llvm::toString(Filter.takeError()));
  Report R;
  for (const CheckInfo &C : allChecks())
    if (Filter->isEnabled(C.Id))
      R.Checks.push_back(&C);
  if (O.ListChecks) {
    Out << "Enabled checks:\n";
    for (const CheckInfo *C : R.Checks)
      Out << "    " << C->Id << "\n";
    return ExitClean;
  }
  if (R.Checks.empty())
    return inputError(Err, "no checks enabled by --checks=" + O.Checks +
                               " (see --list-checks)");

  // Rules first: a broken rules file is a mistake to fix before any parsing.
  std::vector<std::string> RuleFiles;
  if (!O.NoBuiltinRules) {
    auto Builtin = builtinRuleFiles(builtinRulesDir(Argv0));
    if (!Builtin)
      return inputError(Err, llvm::toString(Builtin.takeError()));
    RuleFiles = *Builtin;
  }
  RuleFiles.insert(RuleFiles.end(), O.RuleFiles.begin(), O.RuleFiles.end());
  if (RuleFiles.empty())
    return inputError(Err, "--no-builtin-rules leaves no rules: add --rules=FILE");
  llvm::Expected<RuleSet> Rules = loadRuleFiles(RuleFiles);
  if (!Rules)
    return inputError(Err, llvm::toString(Rules.takeError()));

  std::vector<CompileEntry> Entries;
  AnalysisSettings Settings;
  Settings.ExtraArgsBefore = O.ExtraArgsBefore;
  Settings.ExtraArgs = O.ExtraArgs;
  if (!O.BuildPath.empty()) {
    auto All = loadCompileDatabase(O.BuildPath);
    if (!All)
      return inputError(Err, llvm::toString(All.takeError()));
    auto Selected = selectEntries(std::move(*All), O.Files,
                                  absolutePath(O.BuildPath));
    if (!Selected)
      return inputError(Err, llvm::toString(Selected.takeError()));
    Entries = std::move(*Selected);
    // With a database, `-- args` add to each command (like --extra-arg).
    Settings.ExtraArgs.insert(Settings.ExtraArgs.end(), O.CompilerArgs.begin(),
                              O.CompilerArgs.end());
  } else if (O.HasCompilerArgs) {
    if (O.Files.empty())
      return inputError(Err, "no source files named (give files before `--`, or -p DIR)");
    for (const std::string &F : O.Files)
      if (!llvm::sys::fs::exists(F))
        return inputError(Err, absolutePath(F) + ": no such file");
    Entries = fixedCompileDatabase(O.Files, O.CompilerArgs);
  } else {
    return inputError(Err, "no compile database: pass -p DIR (the directory of "
                           "compile_commands.json), or the compile flags after `--`");
  }
  if (Entries.empty())
    return inputError(Err, "the compile database has no entries");
  if (!O.OutputFile.empty())
    if (auto E = checkWritable(O.OutputFile))
      return inputError(Err, llvm::toString(std::move(E)));

  Settings.Rules = &*Rules;
  Settings.Checks = &*Filter;
  Settings.ResourceDir = findResourceDir(Argv0);
  if (Settings.ResourceDir.empty())
    Err << "conc-advisor: warning: the Clang resource directory was not found; "
           "<stddef.h> and other compiler headers may not resolve\n";
  Settings.TimeoutSeconds = O.TimeoutSeconds;
  Settings.WorkerExecutable =
      llvm::sys::fs::getMainExecutable(Argv0, (void *)&builtinRulesDir);
  Settings.Jobs = O.Jobs ? O.Jobs : std::max(1u, std::thread::hardware_concurrency());
  for (const CheckInfo *C : R.Checks)
    Settings.NeedFacts |= C->WholeProgram;
  Settings.NeedFacts |= !O.FactsDir.empty();
  if (!O.FactsDir.empty()) {
    if (std::error_code EC = llvm::sys::fs::create_directories(O.FactsDir))
      return inputError(Err, O.FactsDir + ": cannot create the facts directory: " +
                                 EC.message());
    Settings.CacheDir = O.FactsDir;
    Settings.CacheSalt = cacheSalt(*Rules, R.Checks);
  }

  std::vector<UnitResult> Units = analyzeAll(Entries, Settings);
  unsigned FromCache = 0;
  for (UnitResult &U : Units) {
    ++R.UnitsAnalyzed;
    FromCache += U.FromCache;
    if (U.Failed) {
      R.Failed.push_back({U.File, U.Failure, U.Errors});
      continue;
    }
    for (Finding &F : U.Findings)
      R.Findings.push_back(std::move(F));
  }
  // The reduce step: whole-program checks conclude over every unit's facts.
  if (Settings.NeedFacts) {
    ProgramModel Model;
    for (UnitResult &U : Units)
      if (!U.Failed)
        Model.add(std::move(U.Facts));
    Model.finalize();
    CheckContext Context{*Rules, "", R.Findings};
    for (const CheckInfo *C : R.Checks)
      if (C->WholeProgram)
        C->Create(Context)->concludeProgram(Model);
  }

  // One order and no repeats whatever -j did: a header's finding is seen
  // from every unit that includes it.
  std::sort(R.Findings.begin(), R.Findings.end());
  R.Findings.erase(std::unique(R.Findings.begin(), R.Findings.end()), R.Findings.end());
  std::sort(R.Failed.begin(), R.Failed.end(),
            [](const FailedUnit &A, const FailedUnit &B) { return A.File < B.File; });

  for (const FailedUnit &U : R.Failed) {
    Err << "conc-advisor: error: " << U.File << ": " << describeFailure(U.Failure)
        << ", skipped\n";
    for (const std::string &E : U.Errors)
      Err << "  " << E << "\n";
  }

  std::string Text;
  switch (O.Format) {
  case OutputFormat::Text:
    Text = emitText(R);
    break;
  case OutputFormat::Sarif:
    Text = emitSarif(R);
    break;
  case OutputFormat::Json:
    Text = emitJson(R);
    break;
  }
  if (O.OutputFile.empty()) {
    Out << Text;
    Out.flush();
  } else if (auto E = writeFileAtomically(O.OutputFile, Text)) {
    return inputError(Err, llvm::toString(std::move(E)));
  }

  unsigned Failures[3] = {0, 0, 0};
  for (const FailedUnit &U : R.Failed)
    ++Failures[static_cast<int>(U.Failure)];
  unsigned Counts[3] = {0, 0, 0};
  bool Fails = false;
  for (const Finding &F : R.Findings) {
    ++Counts[static_cast<int>(F.Level)];
    Fails |= F.Level >= O.FailOn;
  }
  auto Count = [](size_t N, const char *Noun) {
    return std::to_string(N) + " " + Noun + (N == 1 ? "" : "s");
  };
  if (!O.Quiet)
    Err << "conc-advisor: " << Count(R.Findings.size(), "finding") << " ("
        << Count(Counts[2], "error") << ", " << Count(Counts[1], "warning") << ", "
        << Count(Counts[0], "note") << ") in "
        << Count(R.UnitsAnalyzed, "translation unit")
        << (O.FactsDir.empty() ? ""
                               : " (" + std::to_string(FromCache) + " from --facts-dir)")
        << ", " << Failures[0] << " failed to parse"
        << (Failures[1] ? ", " + std::to_string(Failures[1]) + " crashed" : "")
        << (Failures[2] ? ", " + std::to_string(Failures[2]) + " timed out" : "") << "\n";
  if (!R.Failed.empty())
    return ExitInputError;
  return Fails ? ExitFindings : ExitClean;
}

} // namespace conc
