//===- tool/Analyzer.cpp ---------------------------------------------------===//
#include "tool/Analyzer.h"
#include "tool/CrashGuard.h"
#include "tool/FaultInjection.h"
#include "tool/UnitCache.h"
#include "tool/UnitWorker.h"

#include "checks/FactExtractor.h"
#include "checks/MtUnsafeCallCheck.h"
#include "checks/ProcessSiteCheck.h"
#include "checks/ThreadSiteCheck.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <atomic>
#include <thread>

#ifndef CONC_CLANG_RESOURCE_DIR
#define CONC_CLANG_RESOURCE_DIR ""
#endif

namespace conc {

namespace {

/// Keeps the first few errors of a unit; warnings are off anyway (-w).
class ErrorCollector : public clang::DiagnosticConsumer {
public:
  explicit ErrorCollector(std::string Directory) : Directory(std::move(Directory)) {}
  std::string Directory; ///< relative file names are made absolute against it
  std::vector<std::string> Errors;
  unsigned Count = 0;

  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < clang::DiagnosticsEngine::Error)
      return;
    ++Count;
    if (Errors.size() >= 3)
      return;
    llvm::SmallString<256> Text;
    Info.FormatDiagnostic(Text);
    std::string Where;
    if (Info.getLocation().isValid() && Info.hasSourceManager()) {
      clang::PresumedLoc P =
          Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (P.isValid())
        Where = absolutePath(P.getFilename(), Directory) + ":" + std::to_string(P.getLine()) +
                ":" + std::to_string(P.getColumn()) + ": ";
    }
    Errors.push_back(Where + std::string(Text));
  }
};

/// Runs the checks' matchers, then (for whole-program checks) the fact
/// extractor, which needs the thread starts the matchers found.
class AnalysisConsumer : public clang::ASTConsumer {
public:
  AnalysisConsumer(clang::ast_matchers::MatchFinder &Finder,
                   std::function<void(clang::ASTContext &)> After,
                   const clang::SourceManager &SM)
      : Finder(Finder), After(std::move(After)), SM(SM) {}
  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    const clang::SourceManager &SM = Ctx.getSourceManager();
    if (auto Main = SM.getFileEntryRefForID(SM.getMainFileID()))
      injectTestFault(Main->getName());
    Finder.matchAST(Ctx);
    if (After)
      After(Ctx);
  }
  /// Library code is not the program under analysis: no check reports in
  /// system headers and the fact extractor does not enter them, so the
  /// bodies of their functions are not parsed (nor, for templates,
  /// instantiated). Declarations stay, so calls into the library still
  /// resolve. Sema keeps the bodies it cannot skip (constexpr functions,
  /// deduced return types); a lambda in user code is user code.
  bool shouldSkipFunctionBody(clang::Decl *D) override {
    return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
  }

private:
  clang::ast_matchers::MatchFinder &Finder;
  std::function<void(clang::ASTContext &)> After;
  const clang::SourceManager &SM;
};

class AnalysisAction : public clang::ASTFrontendAction {
public:
  AnalysisAction(clang::ast_matchers::MatchFinder &Finder,
                 std::function<void(clang::ASTContext &)> After)
      : Finder(Finder), After(std::move(After)) {}
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &CI,
                                                        llvm::StringRef) override {
    return std::make_unique<AnalysisConsumer>(Finder, After, CI.getSourceManager());
  }
  /// Lets the parser ask the consumer which bodies to skip (above).
  bool BeginInvocation(clang::CompilerInstance &CI) override {
    CI.getFrontendOpts().SkipFunctionBodies = true;
    return true;
  }

private:
  clang::ast_matchers::MatchFinder &Finder;
  std::function<void(clang::ASTContext &)> After;
};

} // namespace

std::vector<std::string> parseArguments(const CompileEntry &Entry,
                                        const AnalysisSettings &Settings) {
  using namespace clang::tooling;
  ArgumentsAdjuster Adjust = combineAdjusters(
      getClangStripOutputAdjuster(),
      combineAdjusters(getClangStripDependencyFileAdjuster(),
                       getClangSyntaxOnlyAdjuster()));
  std::vector<std::string> Args = Adjust(Entry.Arguments, Entry.File);
  std::vector<std::string> Out;
  Out.push_back(Args.front());
  bool HasResourceDir = false;
  for (const std::string &A : Args)
    HasResourceDir |= llvm::StringRef(A).starts_with("-resource-dir");
  if (!HasResourceDir && !Settings.ResourceDir.empty())
    Out.push_back("-resource-dir=" + Settings.ResourceDir);
  Out.insert(Out.end(), Settings.ExtraArgsBefore.begin(), Settings.ExtraArgsBefore.end());
  Out.insert(Out.end(), Args.begin() + 1, Args.end());
  // Warnings cannot change what we find, and -Werror in a build must not make
  // a unit "fail" for us.
  Out.push_back("-w");
  // Without carets clang does not print "N errors generated." on stderr.
  Out.push_back("-fno-caret-diagnostics");
  Out.insert(Out.end(), Settings.ExtraArgs.begin(), Settings.ExtraArgs.end());
  return Out;
}

/// Every file the unit read, absolute and sorted: what its results depend
/// on besides the command.
static std::vector<std::string> inputsOf(const clang::SourceManager &SM,
                                         const std::string &Directory) {
  std::vector<std::string> Out;
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    llvm::SmallString<256> Path(It->first.getName());
    llvm::sys::fs::make_absolute(Directory, Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    Out.push_back(std::string(Path));
  }
  llvm::sort(Out);
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

UnitResult analyzeUnit(const CompileEntry &Entry, const AnalysisSettings &Settings) {
  UnitResult Result;
  Result.File = Entry.File;

  // A file system of our own with the command's directory as its working
  // directory: the process-wide cwd is shared by all worker threads.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS =
      llvm::vfs::createPhysicalFileSystem();
  if (!Settings.Overlay.empty()) {
    llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> Buffers(
        new llvm::vfs::InMemoryFileSystem);
    for (const auto &[Path, Text] : Settings.Overlay)
      Buffers->addFile(Path, 0, llvm::MemoryBuffer::getMemBufferCopy(Text, Path));
    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> Both(
        new llvm::vfs::OverlayFileSystem(FS));
    Both->pushOverlay(Buffers);
    FS = Both;
  }
  if (std::error_code EC = FS->setCurrentWorkingDirectory(Entry.Directory)) {
    Result.Failed = true;
    Result.Errors.push_back(Entry.Directory + ": cannot enter the compile "
                                              "command's directory: " +
                            EC.message());
    return Result;
  }
  if (!llvm::sys::fs::exists(Entry.File)) {
    Result.Failed = true;
    Result.Errors.push_back(Entry.File + ": no such file");
    return Result;
  }
  llvm::IntrusiveRefCntPtr<clang::FileManager> Files(
      new clang::FileManager(clang::FileSystemOptions(), FS));

  CheckContext Context{*Settings.Rules, Entry.Directory, Result.Findings};
  Context.Options = Settings.CheckOptions;
  if (Settings.NeedFacts)
    Context.Facts = &Result.Facts;
  clang::ast_matchers::MatchFinder Finder;
  std::vector<std::unique_ptr<ConcCheck>> Checks;
  bool HasThreadSites = false, HasProcessSites = false, HasUnsafeCalls = false;
  for (const CheckInfo &Info : allChecks()) {
    if (!Settings.Checks->isEnabled(Info.Id))
      continue;
    Checks.push_back(Info.Create(Context));
    Checks.back()->registerMatchers(Finder);
    HasThreadSites |= llvm::StringRef(Info.Id) == ThreadSiteCheck::Id;
    HasProcessSites |= llvm::StringRef(Info.Id) == ProcessSiteCheck::Id;
    HasUnsafeCalls |= llvm::StringRef(Info.Id) == MtUnsafeCallCheck::Id;
  }
  // The model's thread starts come from conc-thread-site's site finding;
  // when that check is off, it runs anyway with its findings discarded.
  std::vector<Finding> Discarded;
  CheckContext SitesOnly{*Settings.Rules, Entry.Directory, Discarded, &Result.Facts,
                         Settings.CheckOptions};
  if (Settings.NeedFacts && !HasThreadSites) {
    Checks.push_back(std::make_unique<ThreadSiteCheck>(SitesOnly));
    Checks.back()->registerMatchers(Finder);
  }
  // Likewise the process starts, from conc-process-site.
  if (Settings.NeedFacts && !HasProcessSites) {
    Checks.push_back(std::make_unique<ProcessSiteCheck>(SitesOnly));
    Checks.back()->registerMatchers(Finder);
  }
  // And the calls of non-thread-safe functions, a reason the process advice
  // gives to keep a process.
  if (Settings.NeedFacts && !HasUnsafeCalls) {
    Checks.push_back(std::make_unique<MtUnsafeCallCheck>(SitesOnly));
    Checks.back()->registerMatchers(Finder);
  }
  std::function<void(clang::ASTContext &)> After;
  if (Settings.NeedFacts)
    After = [&](clang::ASTContext &Ctx) {
      Result.Facts.File = Entry.File;
      PointResolver Resolve = [&](clang::SourceLocation Loc) {
        return resolvePoint(Loc, Ctx.getSourceManager(), Entry.Directory,
                            /*AllowSystem=*/false);
      };
      extractFacts(Ctx, *Settings.Rules, Resolve, Result.Facts);
      if (!Settings.CacheDir.empty())
        Result.Inputs = inputsOf(Ctx.getSourceManager(), Entry.Directory);
    };

  ErrorCollector Diagnostics(Entry.Directory);
  clang::tooling::ToolInvocation Invocation(
      parseArguments(Entry, Settings),
      std::make_unique<AnalysisAction>(Finder, After), Files.get(),
      std::make_shared<clang::PCHContainerOperations>());
  Invocation.setDiagnosticConsumer(&Diagnostics);
  bool Ok = Invocation.run();
  if (!Ok || Diagnostics.Count > 0) {
    Result.Failed = true;
    Result.Errors = Diagnostics.Errors;
    if (Result.Errors.empty())
      Result.Errors.push_back("the compiler could not run this command");
    // Findings from a broken AST would be guesses: the unit is skipped.
    Result.Findings.clear();
    Result.Facts = TranslationUnitFacts();
  }
  return Result;
}

UnitResult analyzeUnitSafely(const CompileEntry &Entry, const AnalysisSettings &Settings) {
  if (Settings.TimeoutSeconds > 0)
    return analyzeUnitInWorker(Entry, Settings);
  UnitResult Result;
  std::optional<std::string> Crash =
      runContained([&] { Result = analyzeUnit(Entry, Settings); });
  if (!Crash)
    return Result;
  // Whatever the crashed analysis left in Result is unfinished.
  UnitResult Failed;
  Failed.File = Entry.File;
  Failed.Failed = true;
  Failed.Failure = UnitFailure::Crash;
  Failed.Errors.push_back(*Crash);
  return Failed;
}

std::vector<UnitResult> analyzeAll(const std::vector<CompileEntry> &Entries,
                                   const AnalysisSettings &Settings) {
  std::vector<UnitResult> Results(Entries.size());
  std::atomic<size_t> Next{0};
  ContentHasher Hasher;
  auto Worker = [&] {
    for (size_t I = Next++; I < Entries.size(); I = Next++) {
      if (Settings.CacheDir.empty()) {
        Results[I] = analyzeUnitSafely(Entries[I], Settings);
        continue;
      }
      std::string Key = unitCacheKey(Entries[I], parseArguments(Entries[I], Settings),
                                     Settings.CacheSalt);
      if (auto Cached = loadCachedUnit(Settings.CacheDir, Entries[I], Key, Hasher)) {
        Results[I] = std::move(*Cached);
        continue;
      }
      Results[I] = analyzeUnitSafely(Entries[I], Settings);
      // A cache that cannot be written costs the next run time, not this
      // run its results. A failure is recorded too: `merge` over the
      // directory (a --shard run's) must report it as this run does.
      if (!Results[I].Failed)
        llvm::consumeError(
            storeCachedUnit(Settings.CacheDir, Entries[I], Key, Results[I], Hasher));
      else
        llvm::consumeError(storeFailedUnit(Settings.CacheDir, Entries[I], Results[I]));
    }
  };
  unsigned Jobs = std::max(1u, std::min<unsigned>(Settings.Jobs, Entries.size()));
  std::vector<std::thread> Threads;
  for (unsigned J = 1; J < Jobs; ++J)
    Threads.emplace_back(Worker);
  Worker();
  for (std::thread &T : Threads)
    T.join();
  return Results;
}

static bool hasStddef(llvm::StringRef Dir) {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, "include", "stddef.h");
  return !Dir.empty() && llvm::sys::fs::exists(P);
}

std::string findResourceDir(const char *Argv0) {
  if (hasStddef(CONC_CLANG_RESOURCE_DIR))
    return CONC_CLANG_RESOURCE_DIR;
  // An installed tree: bin/conc-advisor next to lib/clang/<major>.
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, (void *)&findResourceDir);
  llvm::SmallString<256> P(llvm::sys::path::parent_path(llvm::sys::path::parent_path(Exe)));
  llvm::sys::path::append(P, "lib", "clang", std::to_string(LLVM_VERSION_MAJOR));
  if (hasStddef(P))
    return std::string(P);
  return "";
}

} // namespace conc
