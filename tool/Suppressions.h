//===- tool/Suppressions.h - NOLINT comments, as clang-tidy reads them ----===//
//
// `// NOLINT`, `// NOLINT(conc-shared-state, conc-mt-*)`, `NOLINTNEXTLINE(...)`
// and `NOLINTBEGIN(...)` ... `NOLINTEND(...)` silence findings at their
// primary location, with clang-tidy's semantics, so that a team's existing
// habits carry over. Pure functions over a file's text: the CLI reads the
// file from disk, the LSP server passes the editor's buffer.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_SUPPRESSIONS_H
#define CONC_TOOL_SUPPRESSIONS_H

#include "core/Finding.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace conc {

/// The id of the error reported for a NOLINTBEGIN without its NOLINTEND and
/// the reverse (clang-tidy calls it clang-tidy-nolint). It is not a check:
/// --checks does not disable it and NOLINT does not silence it.
inline constexpr const char *NolintErrorId = "conc-nolint";

/// Every NOLINT directive of one file's text.
class NolintDirectives {
public:
  explicit NolintDirectives(llvm::StringRef Text);

  /// Whether a finding of `CheckId` at `Line`:`Column` (1-based, bytes) is
  /// silenced by a NOLINT on its line, a NOLINTNEXTLINE on the line before,
  /// or a matched NOLINTBEGIN/NOLINTEND block around it.
  bool suppresses(llvm::StringRef CheckId, unsigned Line, unsigned Column) const;

  /// One error finding per NOLINTBEGIN never closed and per NOLINTEND that
  /// closes no block, located in `File`.
  std::vector<Finding> unmatched(llvm::StringRef File) const;

private:
  enum class Kind { Line, NextLine, Begin, End };
  struct Directive {
    Kind K;
    size_t Offset;
    /// The globs between the parentheses, trimmed and re-joined with ','
    /// (how clang-tidy compares a NOLINTEND with its NOLINTBEGIN); "*" when
    /// there are no parentheses or they are not closed on the line.
    std::string Checks;
    bool matches(llvm::StringRef CheckId) const;
  };
  struct Block {
    size_t Begin, End;
    const Directive *Opener;
  };

  size_t offsetOf(unsigned Line, unsigned Column) const;
  unsigned lineOf(size_t Offset) const;

  std::vector<size_t> LineStarts;
  std::vector<Directive> Directives;
  std::vector<Block> Blocks;
  std::vector<const Directive *> Unmatched;
};

/// Removes the findings that NOLINT comments of their files silence, then
/// appends an error (NolintErrorId) for every unmatched NOLINTBEGIN or
/// NOLINTEND in a file that had findings, as clang-tidy does. `ReadFile`
/// gives a file's text; a file it cannot read silences nothing.
void applyNolintComments(
    std::vector<Finding> &Findings,
    llvm::function_ref<std::optional<std::string>(llvm::StringRef File)> ReadFile);

} // namespace conc

#endif
