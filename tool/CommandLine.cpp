//===- tool/CommandLine.cpp ------------------------------------------------===//
//
// A small table-driven parser instead of llvm::cl: llvm::cl keeps options in
// process-global state, which makes parsing untestable in-process and would
// leak between LSP requests. Long options accept one or two dashes, as
// clang-tidy users type both (-checks=, --checks=).
//
//===----------------------------------------------------------------------===//
#include "tool/CommandLine.h"

#include "checks/CheckRegistry.h"

#include "llvm/ADT/StringRef.h"

#include <functional>

namespace conc {

namespace {

struct OptionSpec {
  const char *Name;      ///< without dashes
  const char *ValueName; ///< null for flags
  const char *Help;
  std::function<llvm::Error(Options &, llvm::StringRef)> Apply;
};

llvm::Error usageError(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

llvm::Error ok() { return llvm::Error::success(); }

const std::vector<OptionSpec> &optionTable() {
  static const std::vector<OptionSpec> Table = {
      {"p", "DIR", "directory containing compile_commands.json",
       [](Options &O, llvm::StringRef V) {
         O.BuildPath = V.str();
         return ok();
       }},
      {"checks", "GLOBS",
       "checks to run, as clang-tidy globs (default 'conc-*'; e.g. "
       "'-*,conc-thread-site')",
       [](Options &O, llvm::StringRef V) {
         O.Checks = V.str();
         return ok();
       }},
      {"list-checks", nullptr, "list the checks --checks enables and exit",
       [](Options &O, llvm::StringRef) {
         O.ListChecks = true;
         return ok();
       }},
      {"format", "FORMAT", "output format: text (default), sarif, json, gitlab",
       [](Options &O, llvm::StringRef V) {
         if (V == "text")
           O.Format = OutputFormat::Text;
         else if (V == "sarif")
           O.Format = OutputFormat::Sarif;
         else if (V == "json")
           O.Format = OutputFormat::Json;
         else if (V == "gitlab")
           O.Format = OutputFormat::GitLab;
         else
           return usageError("unknown --format '" + V +
                             "' (expected text, sarif, json or gitlab)");
         return ok();
       }},
      {"o", "FILE",
       "write the report to FILE (atomically: complete or not at all)",
       [](Options &O, llvm::StringRef V) {
         if (V.empty())
           return usageError("-o needs a file name");
         O.OutputFile = V.str();
         return ok();
       }},
      {"j", "N", "analyse N translation units in parallel (default: one per core)",
       [](Options &O, llvm::StringRef V) {
         unsigned N = 0;
         if (V.getAsInteger(10, N) || N == 0 || N > 1024)
           return usageError("-j needs a number between 1 and 1024, got '" + V + "'");
         O.Jobs = N;
         return ok();
       }},
      {"fail-on", "LEVEL",
       "exit 1 when a finding at or above LEVEL is reported: note, warning "
       "(default), error",
       [](Options &O, llvm::StringRef V) {
         std::optional<Severity> S = parseSeverity(V.str());
         if (!S)
           return usageError("unknown --fail-on level '" + V +
                             "' (expected note, warning or error)");
         O.FailOn = *S;
         return ok();
       }},
      {"warnings-as-errors", "GLOBS",
       "report the warnings of the checks these globs match as errors (exit 1 "
       "at any --fail-on)",
       [](Options &O, llvm::StringRef V) {
         if (auto E = CheckFilter::parse(V, "--warnings-as-errors=").takeError())
           return E;
         O.WarningsAsErrors = V.str();
         return ok();
       }},
      {"export-fixes", "FILE",
       "write the fix-its to FILE as YAML for clang-apply-replacements",
       [](Options &O, llvm::StringRef V) {
         if (V.empty())
           return usageError("--export-fixes needs a file name");
         O.ExportFixes = V.str();
         return ok();
       }},
      {"fix", nullptr,
       "apply the fix-its to the sources in place; when two overlap, change no file "
       "(exit 2)",
       [](Options &O, llvm::StringRef) {
         O.Fix = true;
         return ok();
       }},
      {"baseline", "FILE",
       "an earlier --format=sarif report: only findings it lacks are new and "
       "count for the exit status",
       [](Options &O, llvm::StringRef V) {
         if (V.empty())
           return usageError("--baseline needs a file name");
         O.Baseline = V.str();
         return ok();
       }},
      {"profile", "FILE",
       "a profile written by `conc-probe run`: each thread and process site gets a "
       "confirmation of its workload class by what was measured there",
       [](Options &O, llvm::StringRef V) {
         if (V.empty())
           return usageError("--profile needs a file name");
         O.ProfileFile = V.str();
         return ok();
       }},
      {"hardware", "FILE",
       "a hardware file written by `conc-probe hardware`: the advice quotes this "
       "machine's cores and measured costs",
       [](Options &O, llvm::StringRef V) {
         if (V.empty())
           return usageError("--hardware needs a file name");
         O.HardwareFile = V.str();
         return ok();
       }},
      {"config-file", "FILE",
       "read the configuration from FILE instead of the nearest .conc-advisor.yaml "
       "above the current directory",
       [](Options &O, llvm::StringRef V) {
         if (V.empty())
           return usageError("--config-file needs a file name");
         O.ConfigFile = V.str();
         return ok();
       }},
      {"dump-config", nullptr,
       "print the effective configuration (file and command line) as YAML and exit",
       [](Options &O, llvm::StringRef) {
         O.DumpConfig = true;
         return ok();
       }},
      {"rules", "FILE",
       "load an additional rules file (repeatable), e.g. your in-house thread pool",
       [](Options &O, llvm::StringRef V) {
         O.RuleFiles.push_back(V.str());
         return ok();
       }},
      {"no-builtin-rules", nullptr, "do not load the rules shipped with the tool",
       [](Options &O, llvm::StringRef) {
         O.NoBuiltinRules = true;
         return ok();
       }},
      {"extra-arg", "ARG", "append ARG to every compile command (repeatable)",
       [](Options &O, llvm::StringRef V) {
         O.ExtraArgs.push_back(V.str());
         return ok();
       }},
      {"extra-arg-before", "ARG",
       "prepend ARG to every compile command (repeatable)",
       [](Options &O, llvm::StringRef V) {
         O.ExtraArgsBefore.push_back(V.str());
         return ok();
       }},
      {"facts-dir", "DIR",
       "keep each translation unit's facts and results in DIR and reuse those of "
       "unchanged units",
       [](Options &O, llvm::StringRef V) {
         if (V.empty())
           return usageError("--facts-dir needs a directory");
         O.FactsDir = V.str();
         return ok();
       }},
      {"shard", "K/N",
       "analyse only the K-th of N deterministic shares of the units, writing their "
       "facts to --facts-dir for `conc-advisor merge` (docs/scale.md)",
       [](Options &O, llvm::StringRef V) {
         auto [K, N] = V.split('/');
         unsigned Index = 0, Count = 0;
         if (K.getAsInteger(10, Index) || N.getAsInteger(10, Count) || Count == 0 ||
             Index == 0 || Index > Count)
           return usageError("--shard needs K/N with 1 <= K <= N, got '" + V + "'");
         O.ShardIndex = Index;
         O.ShardCount = Count;
         return ok();
       }},
      {"lsp", nullptr,
       "run as a Language Server on stdin/stdout for editors (docs/editors.md)",
       [](Options &O, llvm::StringRef) {
         O.Lsp = true;
         return ok();
       }},
      {"wrap", "COMMAND",
       "with --lsp: run COMMAND (e.g. clangd) behind conc-advisor, forward every "
       "message and merge both servers' diagnostics",
       [](Options &O, llvm::StringRef V) {
         if (V.trim().empty())
           return usageError("--wrap needs a command, e.g. --wrap=clangd");
         O.Wrap = V.str();
         return ok();
       }},
      {"compile-commands-dir", "DIR",
       "the same as -p (clangd's spelling, for editor configurations)",
       [](Options &O, llvm::StringRef V) {
         O.BuildPath = V.str();
         return ok();
       }},
      {"timeout", "SECONDS",
       "stop a translation unit that takes longer than SECONDS, report it and go "
       "on (each unit then runs in a process of its own)",
       [](Options &O, llvm::StringRef V) {
         unsigned N = 0;
         if (V.getAsInteger(10, N) || N == 0 || N > 86400)
           return usageError("--timeout needs a number of seconds between 1 and 86400, "
                             "got '" + V + "'");
         O.TimeoutSeconds = N;
         return ok();
       }},
      {"quiet", nullptr, "do not print the summary line on stderr",
       [](Options &O, llvm::StringRef) {
         O.Quiet = true;
         return ok();
       }},
      {"version", nullptr, "print the version and exit",
       [](Options &O, llvm::StringRef) {
         O.ShowVersion = true;
         return ok();
       }},
      {"help", nullptr, "print this help and exit",
       [](Options &O, llvm::StringRef) {
         O.ShowHelp = true;
         return ok();
       }},
  };
  return Table;
}

const OptionSpec *findOption(llvm::StringRef Name) {
  for (const OptionSpec &S : optionTable())
    if (Name == S.Name)
      return &S;
  if (Name == "h")
    return findOption("help");
  return nullptr;
}

} // namespace

llvm::Expected<Options> parseCommandLine(llvm::ArrayRef<std::string> Args) {
  Options O;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    // `conc-advisor merge [options]`: the reduce step alone (docs/scale.md).
    if (I == 0 && Arg == "merge") {
      O.Merge = true;
      continue;
    }
    if (Arg == "--") {
      O.HasCompilerArgs = true;
      O.CompilerArgs.assign(Args.begin() + I + 1, Args.end());
      break;
    }
    if (!Arg.starts_with("-") || Arg == "-") {
      O.Files.push_back(Arg.str());
      continue;
    }
    llvm::StringRef Body = Arg.drop_front(Arg.starts_with("--") ? 2 : 1);
    llvm::StringRef Name = Body, Value;
    bool HasValue = false;
    if (size_t Eq = Body.find('='); Eq != llvm::StringRef::npos) {
      Name = Body.take_front(Eq);
      Value = Body.drop_front(Eq + 1);
      HasValue = true;
    }
    const OptionSpec *Spec = findOption(Name);
    // Short options glued to their value: -pbuild, -j4, -oreport.sarif.
    if (!Spec && !Arg.starts_with("--") && Body.size() > 1 && !HasValue) {
      const OptionSpec *Short = findOption(Body.take_front(1));
      if (Short && Short->ValueName) {
        Spec = Short;
        Value = Body.drop_front(1);
        HasValue = true;
      }
    }
    if (!Spec)
      return usageError("unknown option '" + Arg + "' (see --help)");
    O.Given.insert(Spec->Name);
    if (!Spec->ValueName) {
      if (HasValue)
        return usageError("option '" + Name + "' takes no value");
      if (auto E = Spec->Apply(O, ""))
        return std::move(E);
      continue;
    }
    if (!HasValue) {
      if (I + 1 >= Args.size())
        return usageError("option '" + Arg + "' needs a value (" +
                          Spec->ValueName + ")");
      Value = Args[++I];
    }
    if (auto E = Spec->Apply(O, Value))
      return std::move(E);
  }
  return O;
}

std::string helpText() {
  std::string Text =
      "USAGE: conc-advisor [options] [files...] [-- compiler args]\n"
      "       conc-advisor merge --facts-dir=DIR [options]\n"
      "\n"
      "Finds where C++ code creates threads, tasks and processes, and advises\n"
      "on its concurrency. Analyses every entry of DIR/compile_commands.json\n"
      "(-p DIR), or only the files named. Without -p, the arguments after `--`\n"
      "are the compile command for each named file. With -p, they are appended\n"
      "to every command. `merge` reads no sources: it concludes over the facts\n"
      "that runs with --facts-dir (e.g. one per --shard) left in DIR.\n"
      "\n"
      "OPTIONS:\n";
  for (const OptionSpec &S : optionTable()) {
    std::string Left = std::string("  --") + S.Name;
    if (llvm::StringRef(S.Name).size() == 1)
      Left = std::string("  -") + S.Name;
    if (S.ValueName)
      Left += std::string(llvm::StringRef(S.Name).size() == 1 ? " " : "=") + S.ValueName;
    if (Left.size() < 26)
      Left.resize(26, ' ');
    else
      Left += "\n" + std::string(26, ' ');
    Text += Left + S.Help + "\n";
  }
  Text += "\n"
          "EXIT STATUS:\n"
          "  0  no finding at or above --fail-on (with --baseline: no new one)\n"
          "  1  findings at or above --fail-on (with --baseline: new ones)\n"
          "  2  usage or input error (bad option, compile database, rules file,\n"
          "     configuration, baseline, profile or hardware file; fix-its --fix\n"
          "     refused to apply), or a\n"
          "     translation unit that failed to parse, crashed the analysis or\n"
          "     timed out: it is skipped and the others are still reported\n"
          "\n"
          "Settings are read from the nearest .conc-advisor.yaml above the current\n"
          "directory; // NOLINT(conc-...) comments silence findings (docs/user-guide.md).\n";
  return Text;
}

} // namespace conc
