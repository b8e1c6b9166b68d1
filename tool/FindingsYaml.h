//===- tool/FindingsYaml.h - Findings as YAML, and back --------------------===//
//
// The --facts-dir cache and the --timeout worker processes both carry a
// unit's findings in a file: one form, written and read here, so that what
// a worker or an earlier run found is exactly what this run reports.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_FINDINGSYAML_H
#define CONC_TOOL_FINDINGSYAML_H

#include "core/Finding.h"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <vector>

namespace conc {

/// Emits `Findings` as a YAML sequence at the emitter's current position.
void emitFindings(YAML::Emitter &E, const std::vector<Finding> &Findings);

/// Reads a sequence written by emitFindings; nullopt when it is not one
/// (a missing or mistyped field, an unknown level). Never throws.
std::optional<std::vector<Finding>> readFindings(const YAML::Node &Sequence);

} // namespace conc

#endif
