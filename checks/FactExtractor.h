//===- checks/FactExtractor.h - The AST side of the program model ----------===//
//
// Reduces one translation unit to model/Facts.h: functions, calls,
// overrides, variables with static storage and their accesses with the locks
// held. Thread starts come from conc-thread-site's own site finding, so the
// model and the reported sites cannot disagree (ThreadSiteCheck records them).
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_FACTEXTRACTOR_H
#define CONC_CHECKS_FACTEXTRACTOR_H

#include "core/Rules.h"
#include "model/Facts.h"

#include "clang/AST/ASTContext.h"

#include <functional>
#include <optional>

namespace conc {

/// The USR of a declaration ("" when it has none).
std::string usrOf(const clang::Decl &D);

/// The model's name for the code of an OpenMP parallel region: its
/// function's USR and the pragma's position, so that the site (in
/// conc-thread-site) and the region's accesses (here) agree.
std::string openmpRegionUsr(const std::string &FunctionUsr, const SourcePoint &Pragma);

/// The model's USR of a function: usrOf, made unique per file for `main`.
std::string functionUsr(const clang::FunctionDecl &F, const clang::SourceManager &SM);

/// Resolves a location to a user SourcePoint (nullopt in system headers).
using PointResolver =
    std::function<std::optional<SourcePoint>(clang::SourceLocation)>;

/// The model's USR of the code that runs `S`, as the extractor names it:
/// its function's (functionUsr; a lambda's call operator for a lambda body)
/// or, inside an OpenMP team directive the rules name, the region's
/// (openmpRegionUsr, nested regions inside out). "" outside any function.
std::string codeUsr(const clang::Stmt &S, clang::ASTContext &Ctx, const RuleSet &Rules,
                    const PointResolver &Resolve);

/// Adds the facts of the AST in `Ctx` to `Out` (thread starts excepted).
void extractFacts(clang::ASTContext &Ctx, const RuleSet &Rules,
                  const PointResolver &Resolve, TranslationUnitFacts &Out);

} // namespace conc

#endif
