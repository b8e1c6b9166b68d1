//===- checks/MtUnsafeCallCheck.cpp - conc-mt-unsafe-call ------------------===//
//
// Per unit: every call of a function rules/mt-unsafe.yaml names becomes an
// UnsafeCallFact of the code that makes it. Over the program: a call is
// reported when that code may run on two threads at once (two contexts, or
// one that is many); code only the main thread runs is left alone.
//
//===----------------------------------------------------------------------===//
#include "checks/MtUnsafeCallCheck.h"

#include "checks/ApiNames.h"
#include "checks/FactExtractor.h"
#include "checks/ThreadWording.h"
#include "model/ProgramModel.h"

#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/StringExtras.h"

namespace conc {

using namespace clang;
using namespace clang::ast_matchers;

const CheckOptionInfo MtUnsafeCallCheck::Options[1] = {
    {"IgnoredFunctions", CheckOptionInfo::Type::List, "",
     "functions of rules/mt-unsafe.yaml not to report, separated by ';' (e.g. "
     "'getenv;setenv' where the environment is set before any thread starts)"},
};

void MtUnsafeCallCheck::registerMatchers(MatchFinder &Finder) {
  std::vector<std::string> Names;
  for (const MtUnsafeFunctionRule &R : rules().MtUnsafeFunctions)
    Names.push_back(R.Api);
  addCallMatcher(Finder, Names, this);
}

void MtUnsafeCallCheck::run(const MatchFinder::MatchResult &Result) {
  const auto *E = Result.Nodes.getNodeAs<CallExpr>("call");
  const FunctionDecl *Callee = E ? E->getDirectCallee() : nullptr;
  if (!Callee || !facts())
    return;
  // A method of the same name (mylib::Random::rand) is not the C function.
  if (const auto *M = dyn_cast<CXXMethodDecl>(Callee); M && M->isInstance())
    return;
  const MtUnsafeFunctionRule *Rule = rules().findMtUnsafeFunction(ruleName(*Callee));
  if (!Rule)
    return;
  std::optional<CodePoint> At = codePointOf(*E, *Result.Context);
  if (!At)
    return;
  facts()->UnsafeCalls.push_back({At->CodeUsr, Rule->Api, At->Where});
}

void MtUnsafeCallCheck::concludeProgram(const ProgramModel &Model) {
  // Applied here, not when facts are gathered: the facts stay the same
  // (and cached) whatever the option says.
  std::vector<std::string> Ignored = optionList("IgnoredFunctions");
  for (const UnsafeCallFact &U : Model.unsafeCalls()) {
    if (llvm::is_contained(Ignored, U.Api))
      continue;
    std::vector<unsigned> Contexts = Model.contextsOf(U.CallerUsr);
    if (Contexts.empty())
      continue;
    const ThreadContext &First = Model.contexts()[Contexts.front()];
    if (Contexts.size() == 1 && !First.Many)
      continue; // one thread at a time: only ever the main thread, or one thread
    const MtUnsafeFunctionRule *Rule = rules().findMtUnsafeFunction(U.Api);
    std::string Replacement = Rule ? Rule->Replacement : "";
    std::string Caller = Model.functionName(U.CallerUsr);
    // An OpenMP region's name ("parallel region at a.c:4:3") reads as a phrase.
    std::string Message = "'" + U.Api + "' is not thread-safe and " +
                          (ProgramModel::isOpenMPRegion(U.CallerUsr)
                               ? "the " + Caller + " runs"
                               : "'" + Caller + "' may run") +
                          " on several threads at once; ";
    Message += Replacement.empty()
                   ? "call it from one thread only, or guard every call (and the use of "
                     "its result) with one mutex"
                   : "use " + Replacement;
    Finding &F = report(U.Where, Message);
    // The threads: at most two contexts, as conc-shared-state shows them.
    unsigned Shown = 0;
    for (unsigned C : Contexts) {
      if (Shown == 2)
        break;
      const ThreadContext &Ctx = Model.contexts()[C];
      std::vector<std::string> Path = Model.callPath(C, U.CallerUsr);
      if (!Ctx.Starts.empty()) {
        F.Notes.push_back({Ctx.Starts.front().Where,
                           describeContext(Ctx) + " is started here" +
                               (Ctx.Many ? " (several may run at once)" : "")});
        if (Path.size() > 1)
          F.Notes.push_back(
              {Ctx.Starts.front().Where, "call path: " + callPathText(Path)});
      } else if (Contexts.size() > 1) {
        F.Notes.push_back({U.Where, "'" + Caller + "' also runs on " +
                                        describeContext(Ctx) +
                                        (Path.size() > 1
                                             ? " (call path: " + callPathText(Path) + ")"
                                             : "")});
      }
      ++Shown;
    }
    F.Properties["api"] = U.Api;
    F.Properties["caller"] = Caller;
    if (!Replacement.empty())
      F.Properties["replacement"] = Replacement;
  }
}

} // namespace conc
