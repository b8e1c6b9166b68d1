//===- tool/FixExport.h - --export-fixes for clang-apply-replacements -----===//
#ifndef CONC_TOOL_FIXEXPORT_H
#define CONC_TOOL_FIXEXPORT_H

#include "core/Finding.h"
#include "tool/SourceTexts.h"

#include <string>
#include <vector>

namespace conc {

/// The YAML clang-tidy's --export-fixes writes and clang-apply-replacements
/// reads: MainSourceFile, then one Diagnostic per finding (DiagnosticName,
/// DiagnosticMessage with Message, FilePath, FileOffset and Replacements,
/// Level). A finding without a fix-it has no Replacements. `Sources` gives
/// the byte offset of each finding's location.
std::string emitFixesYaml(const std::vector<Finding> &Findings,
                          llvm::StringRef MainSourceFile, SourceTexts &Sources);

} // namespace conc

#endif
