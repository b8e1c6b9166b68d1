//===- tidy/TidyCheckAdapter.cpp -------------------------------------------===//
#include "tidy/TidyCheckAdapter.h"

#include "tidy/TidyRules.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"

namespace conc {

using namespace clang;
using namespace clang::ast_matchers;

TidyCheckAdapter::TidyCheckAdapter(StringRef Name, tidy::ClangTidyContext *Context,
                                   const CheckInfo &Info)
    : ClangTidyCheck(Name, Context), Info(Info), TidyContext(Context), Id(Name.str()) {
  // The check's own options, as "<check-id>.<Option>" in CheckOptions of
  // .clang-tidy or --config: the same keys .conc-advisor.yaml uses.
  for (const CheckOptionInfo &O : Info.Options) {
    std::optional<StringRef> Value = Options.get(O.Name);
    if (!Value)
      continue;
    if (llvm::Error E = validateOptionValue(O, *Value)) {
      // A warning, as clang-tidy's own checks report a bad option value.
      configurationDiag("invalid configuration value '%0' for option '%1.%2': %3")
          << *Value << Name << O.Name << llvm::toString(std::move(E));
      continue; // the default stays, as clang-tidy does for a bad value
    }
    OptionValues[(Name + "." + O.Name).str()] = Value->str();
  }
  std::string Directory =
      Options.getLocalOrGlobal("ConcAdvisorRulesDirectory", defaultTidyRulesDir()).str();
  std::vector<std::string> Extra =
      splitOptionList(Options.getLocalOrGlobal("ConcAdvisorRules", ""));
  llvm::Expected<std::shared_ptr<const RuleSet>> Loaded = tidyRules(Directory, Extra);
  if (!Loaded) {
    configurationDiag("%0: cannot load conc-advisor's rules: %1 (set the option "
                      "ConcAdvisorRulesDirectory to conc-advisor's rules/ directory)",
                      DiagnosticIDs::Error)
        << Name << llvm::toString(Loaded.takeError());
    return;
  }
  Rules = std::move(*Loaded);
}

TidyCheckAdapter::~TidyCheckAdapter() = default;

void TidyCheckAdapter::registerPPCallbacks(const SourceManager &SourceMgr, Preprocessor *,
                                           Preprocessor *) {
  SM = &SourceMgr;
}

void TidyCheckAdapter::registerMatchers(MatchFinder *Finder) {
  if (!Rules)
    return;
  // One match for the whole unit: the check runs on it below with a finder
  // of its own, so that its end-of-unit step has run (and its findings are
  // complete) before they become diagnostics, which clang-tidy's finder,
  // calling every callback's end of unit in no fixed order, cannot promise.
  Finder->addMatcher(translationUnitDecl().bind("unit"), this);
}

void TidyCheckAdapter::check(const MatchFinder::MatchResult &Result) {
  if (!SM)
    SM = Result.SourceManager;
  std::vector<Finding> Findings;
  CheckContext Context{*Rules, TidyContext->getCurrentBuildDirectory(), Findings};
  Context.Options = &OptionValues;
  std::unique_ptr<ConcCheck> Check = Info.Create(Context);
  MatchFinder Finder;
  Check->registerMatchers(Finder);
  Finder.matchAST(*Result.Context);
  // The CLI's order (by location, then id and message), and one finding
  // for what several template instantiations found.
  std::sort(Findings.begin(), Findings.end());
  Findings.erase(std::unique(Findings.begin(), Findings.end()), Findings.end());
  for (const Finding &F : Findings)
    diagnose(F);
}

/// clang's diagnostic engine reads '%' as the start of an argument.
static std::string escapePercent(StringRef Text) {
  std::string Out;
  for (char C : Text) {
    if (C == '%')
      Out += '%';
    Out += C;
  }
  return Out;
}

SourceLocation TidyCheckAdapter::locationOf(const SourcePoint &P) const {
  llvm::Expected<FileEntryRef> File = SM->getFileManager().getFileRef(P.File);
  if (!File) {
    llvm::consumeError(File.takeError());
    return SourceLocation();
  }
  return SM->translateFileLineCol(&File->getFileEntry(), P.Line, P.Column);
}

void TidyCheckAdapter::diagnose(const Finding &F) {
  SourceLocation Where = locationOf(F.Where);
  if (Where.isInvalid())
    return;
  // clang-tidy has no stand-alone notes: a finding is a warning unless it
  // is an error (the per-unit checks report warnings).
  DiagnosticIDs::Level Level =
      F.Level == Severity::Error ? DiagnosticIDs::Error : DiagnosticIDs::Warning;
  {
    DiagnosticBuilder D = diag(Where, escapePercent(F.Message), Level);
    for (const FixIt &Fix : F.Fixes) {
      SourceLocation Begin = locationOf(Fix.Begin);
      if (Begin.isInvalid())
        continue;
      FileID File = SM->getFileID(Begin);
      Begin = SM->getLocForStartOfFile(File).getLocWithOffset(Fix.Offset);
      if (Fix.Length == 0)
        D << FixItHint::CreateInsertion(Begin, Fix.Replacement);
      else
        D << FixItHint::CreateReplacement(
            CharSourceRange::getCharRange(Begin, Begin.getLocWithOffset(Fix.Length)),
            Fix.Replacement);
    }
  }
  for (const RelatedNote &N : F.Notes) {
    SourceLocation At = locationOf(N.Where);
    if (At.isValid())
      diag(At, escapePercent(N.Message), DiagnosticIDs::Note);
  }
}

void TidyCheckAdapter::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  // --dump-config shows every option with its effective value.
  for (const CheckOptionInfo &O : Info.Options) {
    auto It = OptionValues.find(Id + "." + O.Name);
    Options.store(Opts, O.Name,
                  It != OptionValues.end() ? StringRef(It->second) : StringRef(O.Default));
  }
}

} // namespace conc
