//===- tool/Config.cpp -----------------------------------------------------===//
#include "tool/Config.h"

#include "checks/CheckRegistry.h"
#include "core/YamlCheck.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <yaml-cpp/yaml.h>

namespace conc {

namespace {

/// " (it has: A, B)", or " (it has none)": what the user may have meant.
std::string optionsOf(const CheckInfo &Info) {
  if (Info.Options.empty())
    return " (it has none)";
  std::string Names;
  for (const CheckOptionInfo &O : Info.Options)
    Names += (Names.empty() ? "" : ", ") + std::string(O.Name);
  return " (it has: " + Names + ")";
}

class ConfigParser : YamlChecker {
public:
  explicit ConfigParser(llvm::StringRef Path) : YamlChecker(Path) {
    Result.Path = Path.str();
  }

  llvm::Expected<ConfigFile> parse(llvm::StringRef Text) {
    YAML::Node Root;
    try {
      Root = YAML::Load(Text.str());
    } catch (const YAML::Exception &E) {
      return errorAtLine(yamlLine(E.mark.line), "invalid YAML: " + E.msg);
    }
    if (!Root || Root.IsNull())
      return std::move(Result); // An empty file changes nothing.
    if (!Root.IsMap())
      return errorAt(Root, "expected a mapping of Checks, CheckOptions, FailOn, Rules, "
                           "WarningsAsErrors");
    if (llvm::Error E = checkMapping(
            Root, {"Checks", "CheckOptions", "FailOn", "Rules", "WarningsAsErrors"},
            "the configuration"))
      return std::move(E);
    for (const auto &KV : Root)
      if (llvm::Error E = parseEntry(KV.first.Scalar(), KV.second))
        return std::move(E);
    return std::move(Result);
  }

private:
  ConfigFile Result;

  /// `Key` is one of those checkMapping allows.
  llvm::Error parseEntry(const std::string &Key, const YAML::Node &Value) {
    if (Key == "Checks")
      return globs(Value, Key, Result.Checks);
    if (Key == "WarningsAsErrors")
      return globs(Value, Key, Result.WarningsAsErrors);
    if (Key == "FailOn")
      return failOn(Value);
    if (Key == "Rules")
      return rules(Value);
    return checkOptions(Value);
  }

  llvm::Expected<std::string> scalar(const YAML::Node &N, llvm::StringRef Key) const {
    if (!N.IsScalar())
      return errorAt(N, "'" + Key + "' must be a string");
    return N.Scalar();
  }

  llvm::Error globs(const YAML::Node &N, llvm::StringRef Key,
                    std::optional<std::string> &Into) {
    auto Text = scalar(N, Key);
    if (!Text)
      return Text.takeError();
    // Multi-line block scalars are common in .clang-tidy files.
    std::string Globs;
    for (char C : *Text)
      Globs += (C == '\n' ? ',' : C);
    if (auto E = CheckFilter::parse(Globs, Key.str() + ": ").takeError())
      return errorAt(N, llvm::toString(std::move(E)));
    Into = Globs;
    return llvm::Error::success();
  }

  llvm::Error failOn(const YAML::Node &N) {
    auto Text = scalar(N, "FailOn");
    if (!Text)
      return Text.takeError();
    Result.FailOn = parseSeverity(*Text);
    if (!Result.FailOn)
      return errorAt(N, "unknown FailOn level '" + *Text +
                            "' (expected note, warning or error)");
    return llvm::Error::success();
  }

  llvm::Error rules(const YAML::Node &N) {
    if (!N.IsSequence())
      return errorAt(N, "'Rules' must be a list of rules files");
    llvm::StringRef Dir = llvm::sys::path::parent_path(Result.Path);
    for (const YAML::Node &Item : N) {
      auto Name = scalar(Item, "Rules");
      if (!Name)
        return Name.takeError();
      llvm::SmallString<256> Path(*Name);
      if (llvm::sys::path::is_relative(Path)) {
        Path = Dir;
        llvm::sys::path::append(Path, *Name);
      }
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      if (!llvm::sys::fs::is_regular_file(Path))
        return errorAt(Item, "rules file '" + *Name + "' not found (looked for " +
                                 Path + ")");
      Result.Rules.push_back(std::string(Path));
    }
    return llvm::Error::success();
  }

  llvm::Error checkOptions(const YAML::Node &N) {
    if (!N.IsMap())
      return errorAt(N, "'CheckOptions' must be a mapping of <check-id>.<Option>: value");
    for (const auto &KV : N) {
      auto Key = scalar(KV.first, "CheckOptions");
      if (!Key)
        return Key.takeError();
      auto [Check, Option] = llvm::StringRef(*Key).rsplit('.');
      if (Option.empty())
        return errorAt(KV.first, "CheckOptions key '" + *Key +
                                     "' is not <check-id>.<Option>");
      const CheckInfo *Info = findCheck(Check);
      if (!Info)
        return errorAt(KV.first, "CheckOptions key '" + *Key + "' names no check ('" +
                                     Check + "'; see --list-checks)");
      const CheckOptionInfo *Known = nullptr;
      for (const CheckOptionInfo &O : Info->Options)
        if (Option == O.Name)
          Known = &O;
      if (!Known)
        return errorAt(KV.first, "check '" + Check + "' has no option '" + Option + "'" +
                                     optionsOf(*Info));
      auto Value = scalar(KV.second, *Key);
      if (!Value)
        return Value.takeError();
      if (llvm::Error E = validateOptionValue(*Known, *Value))
        return errorAt(KV.second, "bad value for '" + *Key + "': " +
                                      llvm::toString(std::move(E)));
      Result.CheckOptions[*Key] = *Value;
    }
    return llvm::Error::success();
  }
};

std::string joinGlobs(llvm::StringRef First, llvm::StringRef Second) {
  if (First.empty())
    return Second.str();
  if (Second.empty())
    return First.str();
  return (First + "," + Second).str();
}

/// YAML single-quoted scalar.
std::string quoted(llvm::StringRef S) {
  std::string Out = "'";
  for (char C : S)
    Out += C == '\'' ? std::string("''") : std::string(1, C);
  return Out + "'";
}

} // namespace

llvm::Expected<ConfigFile> parseConfigFile(llvm::StringRef Text, llvm::StringRef Path) {
  return ConfigParser(Path).parse(Text);
}

std::string findConfigFile(llvm::StringRef Dir) {
  llvm::SmallString<256> D(Dir);
  llvm::sys::fs::make_absolute(D);
  for (std::string Cur = std::string(D); !Cur.empty();
       Cur = llvm::sys::path::parent_path(Cur).str()) {
    llvm::SmallString<256> Candidate(Cur);
    llvm::sys::path::append(Candidate, ConfigFileName);
    if (llvm::sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
    if (llvm::sys::path::parent_path(Cur) == Cur)
      break;
  }
  return "";
}

llvm::Expected<std::string> applyConfiguration(Options &O) {
  std::string Path = O.ConfigFile;
  if (Path.empty()) {
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    Path = findConfigFile(Cwd);
    if (Path.empty())
      return "";
  }
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), Path + ": cannot read the "
                                                             "configuration: " +
                                                          Buffer.getError().message());
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  auto Config = parseConfigFile((*Buffer)->getBuffer(), Path);
  if (!Config)
    return Config.takeError();
  // Rules resolve against the file's directory, however it was named.
  for (std::string &R : Config->Rules)
    if (llvm::sys::path::is_relative(R)) {
      llvm::SmallString<256> A(R);
      llvm::sys::fs::make_absolute(A);
      R = std::string(A);
    }
  // As clang-tidy merges them: the file's globs after the default, the
  // command line's after the file's; the last matching glob decides.
  if (Config->Checks)
    O.Checks = joinGlobs(joinGlobs(Options().Checks, *Config->Checks),
                         O.Given.count("checks") ? O.Checks : "");
  if (Config->WarningsAsErrors)
    O.WarningsAsErrors = joinGlobs(*Config->WarningsAsErrors, O.WarningsAsErrors);
  if (Config->FailOn && !O.Given.count("fail-on"))
    O.FailOn = *Config->FailOn;
  O.RuleFiles.insert(O.RuleFiles.begin(), Config->Rules.begin(), Config->Rules.end());
  O.CheckOptions = Config->CheckOptions;
  return std::string(Absolute);
}

std::string dumpConfiguration(const Options &O, llvm::StringRef From) {
  std::string Out = "---\n";
  Out += From.empty() ? "# no .conc-advisor.yaml found; the defaults and the command line\n"
                      : "# from " + From.str() + " and the command line\n";
  Out += "Checks: " + quoted(O.Checks) + "\n";
  Out += "WarningsAsErrors: " + quoted(O.WarningsAsErrors) + "\n";
  Out += std::string("FailOn: ") + severityName(O.FailOn) + "\n";
  Out += "Rules:";
  Out += O.RuleFiles.empty() ? " []\n" : "\n";
  for (const std::string &R : O.RuleFiles)
    Out += "  - " + quoted(R) + "\n";
  Out += "CheckOptions:";
  Out += O.CheckOptions.empty() ? " {}\n" : "\n";
  for (const auto &[K, V] : O.CheckOptions)
    Out += "  " + K + ": " + quoted(V) + "\n";
  Out += "...\n";
  return Out;
}

} // namespace conc
