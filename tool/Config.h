//===- tool/Config.h - .conc-advisor.yaml, as .clang-tidy works -----------===//
//
// A project keeps its settings in `.conc-advisor.yaml`, found from the
// current directory up to the filesystem root (or named by --config-file=):
//
//   Checks: '-*,conc-shared-state,conc-mt-unsafe-call'
//   WarningsAsErrors: 'conc-shared-state'
//   FailOn: warning
//   Rules: [rules/our-thread-pool.yaml]   # relative to this file
//   CheckOptions:
//     conc-some-check.SomeOption: value
//
// Command-line options override it: --checks and --warnings-as-errors are
// appended to the file's globs (the last matching glob decides, as in
// clang-tidy), --fail-on replaces FailOn, --rules adds to Rules. One file
// applies to the whole run, because whole-program checks conclude over every
// unit with one set of checks and rules.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_CONFIG_H
#define CONC_TOOL_CONFIG_H

#include "core/Finding.h"
#include "tool/CommandLine.h"

#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace conc {

inline constexpr const char *ConfigFileName = ".conc-advisor.yaml";

struct ConfigFile {
  std::string Path; ///< where it was read from
  std::optional<std::string> Checks;
  std::optional<std::string> WarningsAsErrors;
  std::optional<Severity> FailOn;
  std::vector<std::string> Rules; ///< absolute
  std::map<std::string, std::string> CheckOptions;
};

/// Parses a configuration file's text. Errors are "PATH:LINE: message": a
/// YAML syntax error, an unknown or repeated key, a value of the wrong type,
/// a bad glob, an unknown FailOn level, a missing rules file, a CheckOptions
/// key that names no check or an option the check does not have, a value
/// the option does not accept.
llvm::Expected<ConfigFile> parseConfigFile(llvm::StringRef Text, llvm::StringRef Path);

/// The nearest ConfigFileName in `Dir` or one of its parents; "" if none.
std::string findConfigFile(llvm::StringRef Dir);

/// Reads the configuration (--config-file=, else the nearest
/// .conc-advisor.yaml above the current directory, else none) into `O`, under
/// the options the command line gave. Returns the file used ("" for none).
llvm::Expected<std::string> applyConfiguration(Options &O);

/// The effective configuration as a .conc-advisor.yaml (--dump-config).
std::string dumpConfiguration(const Options &O, llvm::StringRef From);

} // namespace conc

#endif
