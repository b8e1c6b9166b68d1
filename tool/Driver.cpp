//===- tool/Driver.cpp -----------------------------------------------------===//
#include "tool/Driver.h"

#include "checks/WorkloadNotes.h"
#include "model/ProgramModel.h"
#include "tool/Analyzer.h"
#include "tool/AtomicFile.h"
#include "tool/Baseline.h"
#include "tool/CommandLine.h"
#include "tool/CompileDatabase.h"
#include "tool/Config.h"
#include "tool/FactsDir.h"
#include "tool/FixApplier.h"
#include "tool/FixExport.h"
#include "tool/LspServer.h"
#include "tool/Measurements.h"
#include "tool/Report.h"
#include "tool/SourceTexts.h"
#include "tool/Suppressions.h"
#include "tool/WarningsAsErrors.h"
#include "tool/UnitWorker.h"

#include "llvm/Support/MemoryBuffer.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

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
std::string cacheSalt(const RuleSet &Rules, const std::vector<const CheckInfo *> &Checks,
                      const CheckOptionValues &Options) {
  const std::string Sep(1, '\0');
  std::string Salt = toolVersion() + Sep + std::to_string(FactsVersion) + Sep +
                     LLVM_VERSION_STRING;
  for (const std::string &File : Rules.Files) {
    auto Text = llvm::MemoryBuffer::getFile(File);
    Salt += Sep + File + Sep + (Text ? (*Text)->getBuffer().str() : "?");
  }
  for (const CheckInfo *C : Checks)
    Salt += Sep + std::string(C->Id);
  // Options change what a unit's checks report.
  for (const auto &[Key, Value] : Options)
    Salt += Sep + Key + Sep + Value;
  return Salt;
}

/// rules/ beside an installed binary (share/conc-advisor/rules), else the
/// source tree's rules/ the build was configured with.
std::string builtinRulesDir(const char *Argv0) {
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

/// The reduce step and the report: whole-program checks conclude over the
/// units' facts (when `NeedFacts`), findings are sorted and printed.
static int concludeAndReport(const Options &O, const RuleSet &Rules, bool NeedFacts,
                             const std::optional<std::set<std::string>> &Baseline,
                             const std::string &MainFile, Report &R,
                             std::vector<UnitResult> &Units, llvm::raw_ostream &Out,
                             llvm::raw_ostream &Err) {
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
  if (NeedFacts) {
    ProgramModel Model;
    std::vector<const TranslationUnitFacts *> Parsed;
    for (const UnitResult &U : Units)
      if (!U.Failed)
        Parsed.push_back(&U.Facts);
    Model.reserve(Parsed);
    for (UnitResult &U : Units)
      if (!U.Failed) {
        Model.add(std::move(U.Facts));
        // What the move left (the vectors' element storage) is freed now,
        // not after the conclusions: for 10,000 units that is ~1 GB.
        U.Facts = TranslationUnitFacts();
      }
    Model.finalize();
    CheckContext Context{Rules, "", R.Findings};
    Context.Options = &O.CheckOptions;
    for (const CheckInfo *C : R.Checks)
      if (C->WholeProgram)
        C->Create(Context)->concludeProgram(Model);
    WorkloadClassifier Classifier(Model);
    annotateSiteFindings(Model, Classifier, R.Findings);
  }

  // NOLINT comments silence unit and whole-program findings alike.
  SourceTexts Sources;
  applyNolintComments(R.Findings, [&](llvm::StringRef File) -> std::optional<std::string> {
    if (auto Text = Sources.text(File))
      return Text->str();
    return std::nullopt;
  });
  if (!O.WarningsAsErrors.empty()) {
    // Validated by the command-line parser.
    promoteWarningsAsErrors(R.Findings,
                            llvm::cantFail(CheckFilter::parse(O.WarningsAsErrors)));
  }

  // One order and no repeats whatever -j did: a header's finding is seen
  // from every unit that includes it.
  std::sort(R.Findings.begin(), R.Findings.end());
  R.Findings.erase(std::unique(R.Findings.begin(), R.Findings.end()), R.Findings.end());
  std::sort(R.Failed.begin(), R.Failed.end(),
            [](const FailedUnit &A, const FailedUnit &B) { return A.File < B.File; });

  // Fingerprints are relative to the current directory: CI runs from the
  // repository root, and GitLab and SARIF viewers want paths from there.
  llvm::SmallString<256> Root;
  llvm::sys::fs::current_path(Root);
  R.Fingerprints = fingerprintFindings(R.Findings, Sources, Root);
  if (Baseline)
    for (const std::string &Print : R.Fingerprints)
      R.New.push_back(!Baseline->count(Print));
  // After the fingerprints: measured figures in a message do not make a
  // finding new against a baseline written without them.
  addMeasurements(R.Findings, R.MeasuredProfile ? &*R.MeasuredProfile : nullptr,
                  R.Hardware ? &*R.Hardware : nullptr, Rules.Workload, Sources);

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
  case OutputFormat::GitLab:
    Text = emitGitLab(R, Root);
    break;
  }
  if (O.OutputFile.empty()) {
    Out << Text;
    Out.flush();
  } else if (auto E = writeFileAtomically(O.OutputFile, Text)) {
    return inputError(Err, llvm::toString(std::move(E)));
  }

  if (!O.ExportFixes.empty()) {
    if (auto E = writeFileAtomically(O.ExportFixes,
                                     emitFixesYaml(R.Findings, MainFile, Sources)))
      return inputError(Err, llvm::toString(std::move(E)));
  }
  if (O.Fix) {
    llvm::Expected<FixOutcome> Fixed = applyFixes(R.Findings, Sources);
    if (!Fixed)
      return inputError(Err, llvm::toString(Fixed.takeError()));
    if (!O.Quiet)
      Err << "conc-advisor: applied " << Fixed->Edits << " fix-it"
          << (Fixed->Edits == 1 ? "" : "s") << " to " << Fixed->Files << " file"
          << (Fixed->Files == 1 ? "" : "s") << "\n";
  }

  unsigned Failures[3] = {0, 0, 0};
  for (const FailedUnit &U : R.Failed)
    ++Failures[static_cast<int>(U.Failure)];
  unsigned Counts[3] = {0, 0, 0};
  bool Fails = false;
  unsigned New = 0;
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    const Finding &F = R.Findings[I];
    ++Counts[static_cast<int>(F.Level)];
    // With a baseline, only what it lacks decides the exit status.
    bool Decides = !Baseline || R.New[I];
    New += Baseline && R.New[I];
    Fails |= Decides && F.Level >= O.FailOn;
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
        << (Failures[2] ? ", " + std::to_string(Failures[2]) + " timed out" : "")
        << (Baseline ? "; " + std::to_string(New) + " new against the baseline" : "")
        << "\n";
  if (!R.Failed.empty())
    return ExitInputError;
  return Fails ? ExitFindings : ExitClean;
}


/// The shard (1..Count) a unit belongs to: a hash of its file's path,
/// the same on every machine and in every run, so N shards cover each unit
/// exactly once.
static unsigned shardOf(const CompileEntry &Entry, unsigned Count) {
  return unsigned(llvm::xxh3_64bits(Entry.File) % Count) + 1;
}

/// A shard writes facts, not a report: its units are only part of the
/// program, and whole-program checks need all of it (`conc-advisor merge`).
static int finishShard(const Options &O, const std::vector<UnitResult> &Units,
                       llvm::raw_ostream &Err) {
  unsigned Failed = 0, FromCache = 0;
  for (const UnitResult &U : Units) {
    FromCache += U.FromCache;
    if (!U.Failed)
      continue;
    ++Failed;
    Err << "conc-advisor: error: " << U.File << ": " << describeFailure(U.Failure)
        << ", skipped\n";
    for (const std::string &E : U.Errors)
      Err << "  " << E << "\n";
  }
  if (!O.Quiet)
    Err << "conc-advisor: shard " << O.ShardIndex << "/" << O.ShardCount << ": facts of "
        << Units.size() << " translation unit" << (Units.size() == 1 ? "" : "s") << " in "
        << O.FactsDir << " (" << FromCache << " already there), " << Failed
        << " failed\n";
  return Failed ? ExitInputError : ExitClean;
}

/// `conc-advisor merge`: the units a run (or N shards) left in --facts-dir,
/// concluded over as one program.
static int mergeFactsDir(const Options &O, const RuleSet &Rules,
                         const std::optional<std::set<std::string>> &Baseline, Report &R,
                         llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  if (O.FactsDir.empty())
    return inputError(Err, "merge needs --facts-dir=DIR (the facts of the units to merge)");
  if (!O.BuildPath.empty() || !O.Files.empty() || O.HasCompilerArgs || O.ShardCount)
    return inputError(Err, "merge reads only --facts-dir: it takes no -p, files, `--` "
                           "or --shard");
  if (!O.OutputFile.empty())
    if (auto E = checkWritable(O.OutputFile))
      return inputError(Err, llvm::toString(std::move(E)));
  unsigned Jobs = O.Jobs ? O.Jobs : std::max(1u, std::thread::hardware_concurrency());
  auto Units = loadFactsDir(O.FactsDir, Jobs);
  if (!Units)
    return inputError(Err, llvm::toString(Units.takeError()));
  return concludeAndReport(O, Rules, /*NeedFacts=*/true, Baseline, "", R, *Units, Out, Err);
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

  llvm::Expected<std::string> ConfigUsed = applyConfiguration(O);
  if (!ConfigUsed)
    return inputError(Err, llvm::toString(ConfigUsed.takeError()));
  if (O.DumpConfig) {
    Out << dumpConfiguration(O, *ConfigUsed);
    return ExitClean;
  }
  if (!O.Wrap.empty() && !O.Lsp)
    return inputError(Err, "--wrap runs a language server behind --lsp: add --lsp");
  if (O.Lsp)
    return runLspServer(Argv0, O, Err);

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

  // A bad baseline is found before the analysis, not after it.
  std::optional<std::set<std::string>> Baseline;
  if (!O.Baseline.empty()) {
    auto Loaded = loadBaseline(O.Baseline);
    if (!Loaded)
      return inputError(Err, llvm::toString(Loaded.takeError()));
    Baseline = std::move(*Loaded);
  }

  // So are a bad profile and hardware file (errors name file:line).
  if (!O.ProfileFile.empty()) {
    auto Loaded = readProfile(O.ProfileFile);
    if (!Loaded)
      return inputError(Err, llvm::toString(Loaded.takeError()));
    R.MeasuredProfile = std::move(*Loaded);
  }
  if (!O.HardwareFile.empty()) {
    auto Loaded = readHardware(O.HardwareFile);
    if (!Loaded)
      return inputError(Err, llvm::toString(Loaded.takeError()));
    R.Hardware = std::move(*Loaded);
  }

  if (O.Merge)
    return mergeFactsDir(O, *Rules, Baseline, R, Out, Err);

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
  if (O.ShardCount) {
    if (O.FactsDir.empty())
      return inputError(Err, "--shard writes facts for `conc-advisor merge`: give "
                             "--facts-dir=DIR");
    llvm::erase_if(Entries, [&](const CompileEntry &E) {
      return shardOf(E, O.ShardCount) != O.ShardIndex;
    });
  }
  for (const std::string &Path : {O.OutputFile, O.ExportFixes})
    if (!Path.empty())
      if (auto E = checkWritable(Path))
        return inputError(Err, llvm::toString(std::move(E)));

  Settings.Rules = &*Rules;
  Settings.Checks = &*Filter;
  Settings.CheckOptions = &O.CheckOptions;
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
    Settings.CacheSalt = cacheSalt(*Rules, R.Checks, O.CheckOptions);
  }

  std::vector<UnitResult> Units = analyzeAll(Entries, Settings);
  if (O.ShardCount)
    return finishShard(O, Units, Err);
  std::string MainFile = Entries.size() == 1 ? Entries.front().File : "";
  return concludeAndReport(O, *Rules, Settings.NeedFacts, Baseline, MainFile, R, Units, Out,
                           Err);
}

} // namespace conc
