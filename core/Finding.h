//===- core/Finding.h - What checks report, independent of output format ---===//
//
// Checks never print: they produce Findings, plain records that every emitter
// (text, SARIF, JSON) and every later consumer (baseline, LSP) reads.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CORE_FINDING_H
#define CONC_CORE_FINDING_H

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace conc {

enum class Severity { Note = 0, Warning = 1, Error = 2 };

const char *severityName(Severity S);
/// Parses "note", "warning", "error"; nullopt otherwise.
std::optional<Severity> parseSeverity(const std::string &Name);

/// A point in a source file, already resolved to the user's line: macro
/// expansions are reported where they are written, never inside a header.
struct SourcePoint {
  std::string File; ///< Absolute, normalized path.
  unsigned Line = 0;
  unsigned Column = 0;

  bool operator<(const SourcePoint &O) const;
  bool operator==(const SourcePoint &O) const;
};

/// Evidence attached to a finding: printed as a `note:` in text output and a
/// relatedLocation in SARIF.
struct RelatedNote {
  SourcePoint Where;
  std::string Message;
};

/// One edit of a fix-it: replace a range of a file with new text (insert when
/// the range is empty). Both spellings of the range are kept: line and column
/// for SARIF and editors, byte offset and length for
/// clang-apply-replacements, so no emitter has to reopen the file.
struct FixIt {
  SourcePoint Begin;  ///< File, line and column of the first replaced byte.
  SourcePoint End;    ///< One past the last replaced byte; == Begin to insert.
  unsigned Offset = 0; ///< Byte offset of Begin in the file.
  unsigned Length = 0; ///< Bytes replaced; 0 inserts.
  std::string Replacement;

  bool operator<(const FixIt &O) const;
  bool operator==(const FixIt &O) const;
};

struct Finding {
  std::string CheckId;
  Severity Level = Severity::Note;
  SourcePoint Where;
  std::string Message;
  std::vector<RelatedNote> Notes;
  /// The edits of one fix for the finding, applied together; empty when the
  /// check offers none.
  std::vector<FixIt> Fixes;
  /// Machine-readable facts (api, entry, kind, ...) emitted as SARIF/JSON
  /// properties. An ordered map keeps the output deterministic.
  std::map<std::string, std::string> Properties;

  /// Total order used to sort output so that it is byte-identical whatever
  /// the order in which translation units finished.
  bool operator<(const Finding &O) const;
  bool operator==(const Finding &O) const;
};

} // namespace conc

#endif
