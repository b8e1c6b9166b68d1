//===- tool/UnitWorker.cpp -------------------------------------------------===//
#include "tool/UnitWorker.h"

#include "model/FactsIO.h"
#include "tool/AtomicFile.h"
#include "tool/CrashGuard.h"
#include "tool/FindingsYaml.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <csignal>
#include <sys/wait.h>
#include <thread>

namespace conc {

namespace {

void emitStrings(YAML::Emitter &E, const char *Key, const std::vector<std::string> &List) {
  E << YAML::Key << Key << YAML::Value << YAML::BeginSeq;
  for (const std::string &S : List)
    E << YAML::DoubleQuoted << S;
  E << YAML::EndSeq;
}

std::vector<std::string> readStrings(const YAML::Node &N) {
  std::vector<std::string> Out;
  for (const YAML::Node &S : N)
    Out.push_back(S.as<std::string>());
  return Out;
}

std::string writeRequest(const CompileEntry &Entry, const AnalysisSettings &Settings) {
  std::vector<std::string> Checks;
  for (const CheckInfo &Info : allChecks())
    if (Settings.Checks->isEnabled(Info.Id))
      Checks.push_back(Info.Id);
  YAML::Emitter E;
  E << YAML::BeginMap;
  E << YAML::Key << "directory" << YAML::Value << YAML::DoubleQuoted << Entry.Directory;
  E << YAML::Key << "file" << YAML::Value << YAML::DoubleQuoted << Entry.File;
  emitStrings(E, "arguments", Entry.Arguments);
  emitStrings(E, "rules", Settings.Rules->Files);
  emitStrings(E, "checks", Checks);
  E << YAML::Key << "resource-dir" << YAML::Value << YAML::DoubleQuoted
    << Settings.ResourceDir;
  emitStrings(E, "extra-args-before", Settings.ExtraArgsBefore);
  emitStrings(E, "extra-args", Settings.ExtraArgs);
  E << YAML::Key << "need-facts" << YAML::Value << Settings.NeedFacts;
  E << YAML::Key << "cache-dir" << YAML::Value << YAML::DoubleQuoted << Settings.CacheDir;
  E << YAML::Key << "check-options" << YAML::Value << YAML::BeginMap;
  if (Settings.CheckOptions)
    for (const auto &[Key, Value] : *Settings.CheckOptions)
      E << YAML::Key << Key << YAML::Value << YAML::DoubleQuoted << Value;
  E << YAML::EndMap;
  E << YAML::EndMap;
  return std::string(E.c_str()) + "\n";
}

std::string writeResult(const UnitResult &U) {
  YAML::Emitter E;
  E << YAML::BeginMap;
  E << YAML::Key << "failed" << YAML::Value << U.Failed;
  E << YAML::Key << "failure" << YAML::Value << failureId(U.Failure);
  emitStrings(E, "errors", U.Errors);
  emitStrings(E, "inputs", U.Inputs);
  E << YAML::Key << "findings" << YAML::Value;
  emitFindings(E, U.Findings);
  E << YAML::EndMap;
  return std::string(E.c_str()) + "\n";
}

/// The worker's result, or why there is none.
llvm::Expected<UnitResult> readResult(const std::string &Path, const std::string &File) {
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return llvm::createStringError(Text.getError(), "the worker process wrote no result");
  UnitResult U;
  U.File = File;
  try {
    YAML::Node Root = YAML::Load((*Text)->getBuffer().str());
    U.Failed = Root["failed"].as<bool>();
    std::string Failure = Root["failure"].as<std::string>();
    for (UnitFailure F : {UnitFailure::ParseError, UnitFailure::Crash, UnitFailure::Timeout})
      if (Failure == failureId(F))
        U.Failure = F;
    U.Errors = readStrings(Root["errors"]);
    U.Inputs = readStrings(Root["inputs"]);
    auto Findings = readFindings(Root["findings"]);
    if (!Findings)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "the worker process wrote a malformed result");
    U.Findings = std::move(*Findings);
  } catch (const std::exception &) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the worker process wrote a malformed result");
  }
  if (U.Failed)
    return U;
  auto FactsText = llvm::MemoryBuffer::getFile(Path + ".facts.yaml");
  if (!FactsText)
    return llvm::createStringError(FactsText.getError(),
                                   "the worker process wrote no facts");
  auto Facts = readFacts((*FactsText)->getBuffer(), Path + ".facts.yaml");
  if (!Facts)
    return Facts.takeError();
  U.Facts = std::move(*Facts);
  return U;
}

UnitResult failedUnit(const std::string &File, UnitFailure Why, std::string Error) {
  UnitResult U;
  U.File = File;
  U.Failed = true;
  U.Failure = Why;
  U.Errors.push_back(std::move(Error));
  return U;
}

} // namespace

UnitResult analyzeUnitInWorker(const CompileEntry &Entry, const AnalysisSettings &Settings) {
  llvm::SmallString<128> Request;
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("conc-advisor-unit", "yaml", Request))
    return failedUnit(Entry.File, UnitFailure::Crash,
                      "cannot create a temporary file for the worker process: " +
                          EC.message());
  std::string Result = std::string(Request) + ".result";
  llvm::FileRemover RemoveRequest(Request), RemoveResult(Result),
      RemoveFacts(Result + ".facts.yaml");
  if (auto E = writeFileAtomically(Request, writeRequest(Entry, Settings)))
    return failedUnit(Entry.File, UnitFailure::Crash, llvm::toString(std::move(E)));

  const std::string &Exe = Settings.WorkerExecutable;
  llvm::StringRef Argv[] = {Exe, UnitWorkerFlag, Request, Result};
  // No stdin or stdout; stderr stays ours, for what a sanitizer or a crash
  // outside the guard prints.
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(""),
                                                std::nullopt};
  std::string Why;
  llvm::sys::ProcessInfo Worker =
      llvm::sys::ExecuteNoWait(Exe, Argv, std::nullopt, Redirects, 0, &Why);
  if (Worker.Pid <= 0)
    return failedUnit(Entry.File, UnitFailure::Crash,
                      "cannot start the worker process " + Exe + ": " + Why);

  // Polled rather than llvm::sys::Wait's timeout, which uses the process-wide
  // alarm() and so cannot time several workers at once.
  using Clock = std::chrono::steady_clock;
  const Clock::time_point Deadline =
      Clock::now() + std::chrono::seconds(Settings.TimeoutSeconds);
  std::chrono::milliseconds Pause(5);
  int Status = 0;
  for (;;) {
    pid_t Done = waitpid(Worker.Pid, &Status, WNOHANG);
    if (Done == Worker.Pid)
      break;
    if (Done < 0 && errno != EINTR)
      return failedUnit(Entry.File, UnitFailure::Crash,
                        "lost the worker process: " + std::string(strerror(errno)));
    if (Clock::now() >= Deadline) {
      kill(Worker.Pid, SIGKILL);
      while (waitpid(Worker.Pid, &Status, 0) < 0 && errno == EINTR) {
      }
      return failedUnit(Entry.File, UnitFailure::Timeout,
                        "timed out after " + std::to_string(Settings.TimeoutSeconds) +
                            " s (--timeout), stopped");
    }
    std::this_thread::sleep_for(Pause);
    Pause = std::min(Pause * 2, std::chrono::milliseconds(100));
  }
  if (WIFSIGNALED(Status))
    return failedUnit(Entry.File, UnitFailure::Crash,
                      "crashed: the worker process was killed by " +
                          describeSignal(WTERMSIG(Status)));
  if (!WIFEXITED(Status) || WEXITSTATUS(Status) != 0)
    return failedUnit(Entry.File, UnitFailure::Crash,
                      "crashed: the worker process exited with status " +
                          std::to_string(WEXITSTATUS(Status)));
  auto U = readResult(Result, Entry.File);
  if (!U)
    return failedUnit(Entry.File, UnitFailure::Crash, llvm::toString(U.takeError()));
  return std::move(*U);
}

int runUnitWorker(llvm::ArrayRef<std::string> Args, llvm::raw_ostream &Err) {
  auto Fail = [&](const llvm::Twine &Msg) {
    Err << "conc-advisor: error: " << Msg << "\n";
    return 2;
  };
  if (Args.size() != 3)
    return Fail(llvm::Twine(UnitWorkerFlag) + " needs a request and a result file");
  const std::string &RequestPath = Args[1], &ResultPath = Args[2];
  auto Text = llvm::MemoryBuffer::getFile(RequestPath);
  if (!Text)
    return Fail(RequestPath + ": " + Text.getError().message());
  CompileEntry Entry;
  AnalysisSettings Settings;
  std::vector<std::string> RuleFiles, Checks;
  CheckOptionValues Options;
  try {
    YAML::Node Root = YAML::Load((*Text)->getBuffer().str());
    Entry.Directory = Root["directory"].as<std::string>();
    Entry.File = Root["file"].as<std::string>();
    Entry.Arguments = readStrings(Root["arguments"]);
    RuleFiles = readStrings(Root["rules"]);
    Checks = readStrings(Root["checks"]);
    Settings.ResourceDir = Root["resource-dir"].as<std::string>();
    Settings.ExtraArgsBefore = readStrings(Root["extra-args-before"]);
    Settings.ExtraArgs = readStrings(Root["extra-args"]);
    Settings.NeedFacts = Root["need-facts"].as<bool>();
    Settings.CacheDir = Root["cache-dir"].as<std::string>();
    for (const auto &KV : Root["check-options"])
      Options[KV.first.as<std::string>()] = KV.second.as<std::string>();
  } catch (const std::exception &E) {
    return Fail(RequestPath + ": malformed worker request: " + E.what());
  }
  if (Entry.Arguments.empty())
    return Fail(RequestPath + ": the worker request has no compile command");
  llvm::Expected<RuleSet> Rules = loadRuleFiles(RuleFiles);
  if (!Rules)
    return Fail(llvm::toString(Rules.takeError()));
  llvm::Expected<CheckFilter> Filter = CheckFilter::parse("-*," + llvm::join(Checks, ","));
  if (!Filter)
    return Fail(llvm::toString(Filter.takeError()));
  Settings.Rules = &*Rules;
  Settings.Checks = &*Filter;
  Settings.CheckOptions = &Options;

  UnitResult U = analyzeUnitSafely(Entry, Settings);
  // Facts first: the parent reads them only after a result that says so.
  if (!U.Failed)
    if (auto E = writeFileAtomically(ResultPath + ".facts.yaml", writeFacts(U.Facts)))
      return Fail(llvm::toString(std::move(E)));
  if (auto E = writeFileAtomically(ResultPath, writeResult(U)))
    return Fail(llvm::toString(std::move(E)));
  return 0;
}

} // namespace conc
