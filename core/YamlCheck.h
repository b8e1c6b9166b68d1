//===- core/YamlCheck.h - file:line errors and mapping checks for YAML -----===//
//
// Every YAML file a user hands conc-advisor (rules, profile, hardware,
// facts, .conc-advisor.yaml) is read strictly: a duplicate key, an unknown
// key or a key that is not a plain string is an error naming the file and
// the line. This is the one place that says how; each reader derives from
// YamlChecker, whatever node type it reads (yaml-cpp's YAML::Node or the
// facts reader's own FactsNode).
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CORE_YAMLCHECK_H
#define CONC_CORE_YAMLCHECK_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <string>

namespace YAML {
class Node;
}

namespace conc {

/// A 0-based yaml-cpp line (YAML::Mark::line, -1 when unknown) as editors
/// and compilers count: from 1.
inline unsigned yamlLine(int ZeroBasedLine) {
  return ZeroBasedLine >= 0 ? unsigned(ZeroBasedLine) + 1 : 1;
}

/// One key of a mapping, as the mapping check needs it. `Text` refers into
/// the node tree, which outlives the check.
struct YamlKey {
  llvm::StringRef Text;
  bool Plain = false; ///< a scalar, not a sequence or mapping used as a key
  unsigned Line = 1;
};

/// The keys of a yaml-cpp mapping in document order, duplicates included.
void yamlMappingKeys(const YAML::Node &Map, llvm::SmallVectorImpl<YamlKey> &Keys);

/// Errors "file:line: message" for one file, and the checks every reader
/// makes of a mapping.
class YamlChecker {
public:
  explicit YamlChecker(llvm::StringRef FileName) : FileName(FileName) {}

  llvm::StringRef fileName() const { return FileName; }

  llvm::Error errorAtLine(unsigned Line, const llvm::Twine &Msg) const;

  template <typename NodeT> static unsigned lineOf(const NodeT &N) {
    return yamlLine(N.Mark().line);
  }
  template <typename NodeT>
  llvm::Error errorAt(const NodeT &N, const llvm::Twine &Msg) const {
    return errorAtLine(lineOf(N), Msg);
  }

  /// Checks that `N` is a mapping whose keys are plain, unique, all in
  /// `Allowed`, and include every key in `Required`; `What` names the
  /// mapping in messages ("a thread-apis entry"). NodeT is YAML::Node or
  /// any node type for which yamlMappingKeys is declared.
  template <typename NodeT>
  llvm::Error checkMapping(const NodeT &N, llvm::ArrayRef<const char *> Allowed,
                           llvm::ArrayRef<const char *> Required,
                           llvm::StringRef What) const {
    if (!N.IsMap())
      return errorAt(N, "expected a mapping for " + What);
    // Facts files have millions of small mappings: no allocation per one.
    llvm::SmallVector<YamlKey, 16> Keys;
    yamlMappingKeys(N, Keys);
    return checkKeys(Keys, lineOf(N), Allowed, Required, What);
  }
  /// The same, with no required key.
  template <typename NodeT>
  llvm::Error checkMapping(const NodeT &N, llvm::ArrayRef<const char *> Allowed,
                           llvm::StringRef What) const {
    return checkMapping(N, Allowed, {}, What);
  }

private:
  std::string FileName;

  llvm::Error checkKeys(llvm::ArrayRef<YamlKey> Keys, unsigned MapLine,
                        llvm::ArrayRef<const char *> Allowed,
                        llvm::ArrayRef<const char *> Required,
                        llvm::StringRef What) const;
};

} // namespace conc

#endif
