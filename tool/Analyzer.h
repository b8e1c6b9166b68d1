//===- tool/Analyzer.h - Running the checks over translation units ---------===//
//
// Parses each translation unit with its own compile command and runs the
// enabled checks on it; -j N units at a time, each on its own thread with
// its own file system view (no process-wide chdir), so results do not
// depend on scheduling.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_ANALYZER_H
#define CONC_TOOL_ANALYZER_H

#include "checks/CheckRegistry.h"
#include "core/Finding.h"
#include "core/Rules.h"
#include "model/Facts.h"
#include "tool/CompileDatabase.h"
#include "tool/Report.h"

#include <map>
#include <string>
#include <vector>

namespace conc {

struct AnalysisSettings {
  const RuleSet *Rules = nullptr;
  const CheckFilter *Checks = nullptr;
  /// The configuration's CheckOptions; null for every option's default.
  const CheckOptionValues *CheckOptions = nullptr;
  std::string ResourceDir;
  std::vector<std::string> ExtraArgsBefore;
  std::vector<std::string> ExtraArgs;
  unsigned Jobs = 1;
  /// Gather the program model's facts (a whole-program check is enabled).
  bool NeedFacts = false;
  /// --facts-dir: reuse and keep each unit's results there (tool/UnitCache.h).
  std::string CacheDir;
  /// What every unit's cache key shares: versions, rules, enabled checks.
  std::string CacheSalt;
  /// Unsaved editor buffers (absolute path -> text) that parsing reads
  /// instead of the disk (the LSP server).
  std::map<std::string, std::string> Overlay;
  /// --timeout: seconds a unit may take; 0 = no limit. A limit runs each
  /// unit in a worker process (tool/UnitWorker.h), the only way to stop it.
  unsigned TimeoutSeconds = 0;
  /// This program, which runs the worker processes.
  std::string WorkerExecutable;
};

struct UnitResult {
  std::string File;
  bool Failed = false;
  UnitFailure Failure = UnitFailure::ParseError; ///< when Failed
  /// Compiler errors, "file:line:col: message", at most a few.
  std::vector<std::string> Errors;
  std::vector<Finding> Findings;
  TranslationUnitFacts Facts;
  /// Every file the unit read (absolute), for the cache.
  std::vector<std::string> Inputs;
  /// Taken from the --facts-dir cache: not parsed in this run.
  bool FromCache = false;
};

/// The argv a unit is parsed with: the compile command, with outputs and
/// dependency files stripped, -fsyntax-only, warnings off, the resource dir.
std::vector<std::string> parseArguments(const CompileEntry &Entry,
                                        const AnalysisSettings &Settings);

UnitResult analyzeUnit(const CompileEntry &Entry, const AnalysisSettings &Settings);

/// analyzeUnit with its crashes contained: a signal, an abort or an LLVM
/// fatal error inside the unit makes it a failed unit (UnitFailure::Crash)
/// instead of ending the run. With Settings.TimeoutSeconds, the unit runs in
/// a worker process that is killed when it takes longer.
UnitResult analyzeUnitSafely(const CompileEntry &Entry, const AnalysisSettings &Settings);

/// Results in the order of `Entries`, whatever the order units finished in.
std::vector<UnitResult> analyzeAll(const std::vector<CompileEntry> &Entries,
                                   const AnalysisSettings &Settings);

/// The Clang resource directory to parse with: the one of the Clang we were
/// built against, or next to the executable in an installed tree. Empty when
/// neither exists.
std::string findResourceDir(const char *Argv0);

} // namespace conc

#endif
