//===- tool/FactsDir.h - --facts-dir: keep each unit's facts -----------===//
//
// Where --facts-dir keeps a unit's facts (model/FactsIO.h) and cache entry
// (tool/UnitCache.h): named after the source and a hash of its compile
// command, so two commands for one file keep two files.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_FACTSDIR_H
#define CONC_TOOL_FACTSDIR_H

#include "tool/CompileDatabase.h"


namespace conc {

/// The file name (no directory) of `Entry`'s facts.
std::string factsFileName(const CompileEntry &Entry);

} // namespace conc

#endif
