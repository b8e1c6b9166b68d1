//===- tool/FixApplier.h - --fix: apply fix-its in place, all or nothing --===//
#ifndef CONC_TOOL_FIXAPPLIER_H
#define CONC_TOOL_FIXAPPLIER_H

#include "core/Finding.h"
#include "tool/SourceTexts.h"

#include "llvm/Support/Error.h"

#include <vector>

namespace conc {

struct FixOutcome {
  unsigned Edits = 0; ///< distinct edits applied
  unsigned Files = 0; ///< files rewritten
};

/// Applies the fix-its of every finding to the files on disk. Nothing is
/// written unless every edit applies: two edits that overlap (or insert
/// different text at one point), or an edit past the end of its file, fail
/// with a message naming the file, line and both checks, and leave every
/// file as it was. Each file is written beside itself and renamed over the
/// original, with its permissions kept. Identical edits (one header fixed
/// from two units) apply once.
llvm::Expected<FixOutcome> applyFixes(const std::vector<Finding> &Findings,
                                      SourceTexts &Sources);

} // namespace conc

#endif
