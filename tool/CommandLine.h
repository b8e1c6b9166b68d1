//===- tool/CommandLine.h - conc-advisor's command line --------------------===//
//
// clang-tidy's shape: `conc-advisor [options] [files...] [-- compiler args]`.
// Parsing is a pure function from argv to Options (no global flags), so the
// CLI is unit-tested and the LSP server can reuse it.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_COMMANDLINE_H
#define CONC_TOOL_COMMANDLINE_H

#include "core/Finding.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace conc {

enum class OutputFormat { Text, Sarif, Json, GitLab };

struct Options {
  std::string BuildPath;                  ///< -p: directory of compile_commands.json
  std::vector<std::string> Files;         ///< positional: analyse only these
  bool HasCompilerArgs = false;           ///< a `--` was given
  std::vector<std::string> CompilerArgs;  ///< after `--`
  std::vector<std::string> ExtraArgs;     ///< --extra-arg (appended)
  std::vector<std::string> ExtraArgsBefore; ///< --extra-arg-before (prepended)
  std::string Checks = "conc-*";
  OutputFormat Format = OutputFormat::Text;
  std::string OutputFile;                 ///< -o; empty = stdout
  unsigned Jobs = 0;                      ///< -j; 0 = one per core
  Severity FailOn = Severity::Warning;
  std::vector<std::string> RuleFiles;     ///< --rules (in addition to built-ins)
  bool NoBuiltinRules = false;
  bool ListChecks = false;
  bool ShowVersion = false;
  bool ShowHelp = false;
  bool Quiet = false;                     ///< no summary line on stderr
  std::string FactsDir;                   ///< --facts-dir: keep each unit's facts
  unsigned ShardIndex = 0, ShardCount = 0; ///< --shard=K/N: 1 <= K <= N; N 0 = all
  bool Merge = false;                     ///< `conc-advisor merge`: conclude over --facts-dir
  bool Lsp = false;                       ///< --lsp: a language server on stdio
  std::string Wrap;                       ///< --wrap: the server --lsp runs behind it
  unsigned TimeoutSeconds = 0;            ///< --timeout: per unit; 0 = none
  std::string WarningsAsErrors;           ///< --warnings-as-errors globs
  std::string ExportFixes;                ///< --export-fixes: YAML for clang-apply-replacements
  bool Fix = false;                       ///< --fix: apply the fix-its in place
  std::string Baseline;                   ///< --baseline: an earlier SARIF report
  std::string ProfileFile;                ///< --profile: conc-probe run's profile.yaml
  std::string HardwareFile;               ///< --hardware: conc-probe hardware's hw.yaml
  std::string ConfigFile;                 ///< --config-file: instead of .conc-advisor.yaml
  bool DumpConfig = false;                ///< --dump-config
  /// CheckOptions of the configuration file, "<check-id>.<Option>" -> value.
  std::map<std::string, std::string> CheckOptions;
  /// The options written on the command line (names without dashes), so a
  /// configuration file fills in only the others.
  std::set<std::string> Given;
};

/// Parses argv[1..]. Errors are one line, ready to print after "error: ".
llvm::Expected<Options> parseCommandLine(llvm::ArrayRef<std::string> Args);

/// The --help text.
std::string helpText();

} // namespace conc

#endif
