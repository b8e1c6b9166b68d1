//===- tidy/ConcTidyModule.cpp - conc-advisor's checks as a clang-tidy module ===//
//
// build/lib/libConcAdvisorTidyModule.so, loaded with
//
//   clang-tidy-19 --load=build/lib/libConcAdvisorTidyModule.so --checks='-*,conc-*' file.cpp
//
// offers every check that decides within one translation unit (CheckInfo
// with WholeProgram false) under its own id. The whole-program checks need
// every unit's facts merged before they conclude, which clang-tidy, one unit
// at a time, cannot give them: those stay with the conc-advisor CLI.
//
// The module links no clang-tidy library: the ClangTidyCheck and registry
// symbols are clang-tidy's own, exported by its executable for plugins.
//
//===----------------------------------------------------------------------===//
#include "tidy/TidyCheckAdapter.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace conc {

class ConcAdvisorTidyModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    for (const CheckInfo &Info : allChecks()) {
      if (Info.WholeProgram)
        continue;
      Factories.registerCheckFactory(
          Info.Id, [&Info](llvm::StringRef Name, clang::tidy::ClangTidyContext *Context) {
            return std::make_unique<TidyCheckAdapter>(Name, Context, Info);
          });
    }
  }
};

} // namespace conc

static clang::tidy::ClangTidyModuleRegistry::Add<conc::ConcAdvisorTidyModule>
    Registration("conc-advisor-module",
                 "conc-advisor's per-translation-unit concurrency checks (conc-*).");
