//===- tool/FactsDir.h - --facts-dir: keep each unit's facts -----------===//
//
// Where --facts-dir keeps a unit's facts (model/FactsIO.h) and cache entry
// (tool/UnitCache.h): named after the source and a hash of its compile
// command, so two commands for one file keep two files; and reading back
// all of a directory's units for `conc-advisor merge`.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_FACTSDIR_H
#define CONC_TOOL_FACTSDIR_H

#include "tool/Analyzer.h"
#include "tool/CompileDatabase.h"

#include "llvm/Support/Error.h"

#include <vector>

namespace conc {

/// The file name (no directory) of `Entry`'s facts.
std::string factsFileName(const CompileEntry &Entry);

/// Every unit whose facts and cache entry a run with --facts-dir left in
/// `Dir` (for `conc-advisor merge`), in file-name order, read `Jobs` at a
/// time: the facts and the unit's own findings, without looking at its
/// sources; and every unit that failed in the run that wrote `Dir`
/// (SOURCE-HASH.failed.yaml, tool/UnitCache.h), as a failed unit. A facts
/// file without its entry, or a file that does not read, is an error
/// naming the file.
llvm::Expected<std::vector<UnitResult>> loadFactsDir(llvm::StringRef Dir, unsigned Jobs);

} // namespace conc

#endif
