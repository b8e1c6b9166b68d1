//===- tidy/TidyCheckAdapter.h - A conc-advisor check as a clang-tidy check ===//
//
// Runs one of conc-advisor's per-translation-unit checks (CheckInfo with
// WholeProgram false) inside clang-tidy, unchanged: the check registers its
// matchers and collects Findings exactly as under the CLI, and the adapter
// turns each Finding into clang-tidy diagnostics (the warning, its notes,
// its fix-its) at the end of the unit. No check logic is repeated here.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TIDY_TIDYCHECKADAPTER_H
#define CONC_TIDY_TIDYCHECKADAPTER_H

#include "checks/CheckRegistry.h"

#include "clang-tidy/ClangTidyCheck.h"

#include <memory>
#include <vector>

namespace conc {

class TidyCheckAdapter : public clang::tidy::ClangTidyCheck {
public:
  TidyCheckAdapter(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
                   const CheckInfo &Info);
  ~TidyCheckAdapter() override;

  void registerPPCallbacks(const clang::SourceManager &SM, clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

private:
  /// Turns one finding into a diagnostic with its notes and fix-its.
  void diagnose(const Finding &F);
  clang::SourceLocation locationOf(const SourcePoint &P) const;

  const CheckInfo &Info;
  clang::tidy::ClangTidyContext *TidyContext;
  std::string Id;
  /// The rules the check reads; null when they failed to load (already
  /// reported as a configuration error; the check then does nothing).
  std::shared_ptr<const RuleSet> Rules;
  CheckOptionValues OptionValues;
  const clang::SourceManager *SM = nullptr;
};

} // namespace conc

#endif
