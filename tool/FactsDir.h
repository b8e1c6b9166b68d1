//===- tool/FactsDir.h - --facts-dir: keep each unit's facts -----------===//
//
// The map step's output, one YAML file per translation unit
// (model/FactsIO.h), so that facts can be inspected, diffed and merged
// elsewhere. Files are named after the source and a hash of its compile
// command, so two commands for one file keep two files.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_FACTSDIR_H
#define CONC_TOOL_FACTSDIR_H

#include "tool/Analyzer.h"
#include "tool/CompileDatabase.h"

#include "llvm/Support/Error.h"

namespace conc {

/// The file name (no directory) of `Entry`'s facts.
std::string factsFileName(const CompileEntry &Entry);

/// Writes the facts of every unit that parsed (Units[I] from Entries[I])
/// into `Dir`, creating it; each file is written atomically.
llvm::Error writeFactsDir(llvm::StringRef Dir, llvm::ArrayRef<CompileEntry> Entries,
                          llvm::ArrayRef<UnitResult> Units);

} // namespace conc

#endif
