//===- checks/WorkloadFacts.h - What kind of work each function does -------===//
//
// The AST side of the workload classifier (model/WorkloadClassifier.h):
// per function, the blocking calls (rules/io.yaml) and CPU-heavy calls
// (rules/cpu.yaml) it makes, with the loops around them and the locks held,
// and its loop nests of arithmetic that make no call (the shape of CPU-bound
// code). The fact extractor drives it, so the code each fact names is the
// same USR the call graph uses (a function, a lambda, an OpenMP region).
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_WORKLOADFACTS_H
#define CONC_CHECKS_WORKLOADFACTS_H

#include "checks/FactExtractor.h"
#include "core/Rules.h"
#include "model/Facts.h"

#include "clang/AST/ASTContext.h"

#include <set>
#include <string>

namespace conc {

/// What kind of loop `Loop` is around the site at `Site` (SiteLoopFact).
SiteLoopFact describeSiteLoop(const clang::Stmt &Loop, const SourcePoint &Site,
                              const SourcePoint &LoopWhere, clang::ASTContext &Ctx,
                              const RuleSet &Rules);

/// K when `E` is the core count times the constant K
/// (hardware_concurrency() * 2, 2 * get_nprocs(); 1 for the core count
/// itself), directly or as the initializer of the local it names; else 0.
long long coreFactor(const clang::Expr *E, clang::ASTContext &Ctx, const RuleSet &Rules);

class WorkloadFacts {
public:
  WorkloadFacts(clang::ASTContext &Ctx, const RuleSet &Rules, const PointResolver &Resolve,
                TranslationUnitFacts &Out)
      : Ctx(Ctx), Rules(Rules), Resolve(Resolve), Out(Out) {}

  /// A call of `Callee` (or a construction, for a constructor) in the code
  /// `CodeUsr`, with `LoopDepth` loops of that code around it and `Held`
  /// locks held and the GIL in state `Gil`: a WorkCallFact when a rule
  /// names the callee.
  /// `PerItemLoop`: some of those loops is over work items.
  void noteCall(const clang::Expr &Call, const clang::FunctionDecl &Callee,
                const std::string &CodeUsr, unsigned LoopDepth, bool PerItemLoop,
                const std::set<std::string> &Held, const std::string &Gil);

  /// An outermost loop of the code `CodeUsr`: its call-free arithmetic
  /// nests (itself, or loops inside it) become ComputeLoopFacts.
  void noteOutermostLoop(const clang::Stmt &Loop, const std::string &CodeUsr,
                         const std::set<std::string> &Held, const std::string &Gil);

private:
  clang::ASTContext &Ctx;
  const RuleSet &Rules;
  const PointResolver &Resolve;
  TranslationUnitFacts &Out;

  /// What a loop nest does: whether it calls anything but cheap library
  /// code, how deep it is, how much arithmetic it writes.
  struct Nest {
    bool Calls = false;
    unsigned Depth = 0;
    unsigned Operations = 0;
  };
  Nest scan(const clang::Stmt *S) const;
  /// Records the call-free nests at or under `Loop`, which has `Enclosing`
  /// calling loops around it.
  void recordNests(const clang::Stmt &Loop, const std::string &CodeUsr, unsigned Enclosing,
                   const std::set<std::string> &Held, const std::string &Gil);
  /// The rule naming `Callee`, blocking or CPU-heavy, or null. `Call` (may
  /// be null) gives a method call's object, whose class may be the name.
  const WorkloadCallRule *ruleFor(const clang::FunctionDecl &Callee, const clang::Expr *Call,
                                  bool &Blocking) const;
};

} // namespace conc

#endif
