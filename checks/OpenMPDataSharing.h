//===- checks/OpenMPDataSharing.h - What an OpenMP directive shares -------===//
//
// The OpenMP data-sharing rules the program model needs (OpenMP 5.2, 5.1
// "Data-sharing attribute rules"): which variables a directive makes private
// to each thread or task, which loops it divides among threads, and where
// its team waits at a barrier. Kept apart from the fact extractor so the
// rules can be read and tested on their own.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_OPENMPDATASHARING_H
#define CONC_CHECKS_OPENMPDATASHARING_H

#include "clang/AST/StmtOpenMP.h"

#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace conc {

/// Variables named in the directive's private, firstprivate, lastprivate,
/// linear, reduction (and task/in_reduction) clauses: each thread or task
/// works on its own copy.
std::set<const clang::VarDecl *>
privatizedVariables(const clang::OMPExecutableDirective &D);

/// Variables named in the directive's `shared` clauses.
std::set<const clang::VarDecl *>
sharedClauseVariables(const clang::OMPExecutableDirective &D);

/// Variables named in the directive's `depend` clauses: tasks that name
/// one are ordered by it (the model treats them as holding a lock).
std::set<const clang::VarDecl *>
dependVariables(const clang::OMPExecutableDirective &D);

/// `default(private)` or `default(firstprivate)`: every variable not named
/// in a clause is private.
bool defaultIsPrivate(const clang::OMPExecutableDirective &D);

/// The iteration variables of the loops a loop directive divides among
/// threads (as many as `collapse` says); they are private (5.1.1) and
/// each value belongs to one thread. Empty for other directives and for
/// `simd` alone, which runs on one thread.
std::vector<const clang::VarDecl *>
distributedLoopCounters(const clang::OMPExecutableDirective &D);

/// A worksharing construct whose team waits at its end: `for`, `sections`,
/// `single` (and their combined forms inside a region), without `nowait`.
bool endsWithBarrier(const clang::OMPExecutableDirective &D);

/// Code one thread of the team runs: `single`, `master`, `masked`, a
/// `section`.
bool runsOnOneThread(const clang::OMPExecutableDirective &D);

/// The number of the team thread that runs the construct's code, when the
/// construct names one: `master` and `masked` run on thread 0, or on the
/// thread a constant `filter(N)` names. None for other directives and for a
/// filter that is not constant.
std::optional<long long> teamThreadNumber(const clang::OMPExecutableDirective &D,
                                          const clang::ASTContext &Ctx);

/// `sections` or `parallel sections`: statements before its first
/// `section` form its implicit first section.
bool isSectionsConstruct(const clang::OMPExecutableDirective &D);

/// A task whose `if` clause is constant false: undeferred, the encountering
/// thread runs it at once (OpenMP 5.2, 12.5), before the code after it.
bool isUndeferredTask(const clang::OMPExecutableDirective &D, const clang::ASTContext &Ctx);

/// A `teams` construct that may create more than one team (no
/// `num_teams(1)`): `critical` and OpenMP locks exclude only the threads of
/// one team, so they do not order the accesses of different teams.
bool mayFormSeveralTeams(const clang::OMPExecutableDirective &D, const clang::ASTContext &Ctx);

/// Variables named in the directive's `linear` clauses with their constant
/// step (1 when none is written; steps that are not constant are left
/// out): in iteration k such a variable holds its start value plus k
/// times the step, so with a nonzero step each iteration has its own value.
std::vector<std::pair<const clang::VarDecl *, long long>>
linearVariables(const clang::OMPExecutableDirective &D, const clang::ASTContext &Ctx);

/// An array subscript in terms of a loop counter: `Scale * Counter + Offset`.
struct AffineIndex {
  const clang::VarDecl *Counter = nullptr;
  long long Scale = 1; ///< never 0
  long long Offset = 0;
};

/// `Index` as `Scale * Counter + Offset` for one of `Counters`: `i`,
/// `i + 2`, `1 + i`, `i - 1`, `2 * i`, `i * 2 + 1` (constants folded).
std::optional<AffineIndex>
affineIndex(const clang::Expr &Index, const std::vector<const clang::VarDecl *> &Counters,
            const clang::ASTContext &Ctx);

} // namespace conc

#endif
