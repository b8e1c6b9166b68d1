//===- model/FactsNode.h - The YAML tree the facts reader validates -------===//
//
// Facts files are YAML (model/FactsIO.h), and a whole program's facts are
// hundreds of megabytes: yaml-cpp's loader reads about 2 MB/s, which made
// merging 10,000 units take many minutes. The reader therefore validates a
// small tree of its own, built one of two ways:
//
//  - parseFactsLayout: a fast scanner for the layout writeFacts produces
//    (top-level `key: scalar`, `key: []`, and `key:` followed by one flow
//    mapping per `  - {...}` line, scalars plain, quoted or `!!binary`).
//    It builds the same tree yaml-cpp would, and gives up (returns false)
//    on anything else rather than guess;
//  - from yaml-cpp's tree (model/FactsIO.cpp), for hand-written files and
//    for every error message.
//
// The tree mirrors the part of YAML::Node's interface the reader uses, so
// the validation code is the same whichever way the tree was built.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_MODEL_FACTSNODE_H
#define CONC_MODEL_FACTSNODE_H

#include "core/YamlCheck.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <utility>
#include <vector>

namespace conc {

class FactsNode {
public:
  enum class Kind { Undefined, Null, Scalar, Sequence, Map };
  /// yaml-cpp's Mark, as far as the reader uses it: the 0-based line.
  struct Position {
    int line = 0;
  };

  FactsNode() = default;
  static FactsNode scalar(std::string Value, llvm::StringRef Tag, int Line);

  /// False for a key a map does not have (yaml-cpp: !IsDefined()).
  explicit operator bool() const { return K != Kind::Undefined; }
  bool IsNull() const { return K == Kind::Null; }
  bool IsScalar() const { return K == Kind::Scalar; }
  bool IsSequence() const { return K == Kind::Sequence; }
  bool IsMap() const { return K == Kind::Map; }
  const std::string &Scalar() const { return Value; }
  /// The scalar's text moved out, leaving it empty: the reader takes each
  /// string value once, after its checks, and drops the tree after
  /// reading, so no USR or path is copied (perf: the copies were 7% of a
  /// merge).
  std::string takeScalar() const { return std::move(Value); }
  /// "?" for a plain scalar, "!" for a quoted one, else the resolved tag
  /// ("tag:yaml.org,2002:binary"), as yaml-cpp says.
  llvm::StringRef Tag() const { return TagName; }
  Position Mark() const { return {Line}; }

  /// A map's value for `Key` (the first, if repeated); an undefined node
  /// when there is none or this is not a map.
  const FactsNode &operator[](llvm::StringRef Key) const;
  /// A map's entries in document order.
  const std::vector<std::pair<FactsNode, FactsNode>> &pairs() const { return Entries; }
  /// A sequence's items (nothing for other kinds).
  std::vector<FactsNode>::const_iterator begin() const { return Items.begin(); }
  std::vector<FactsNode>::const_iterator end() const { return Items.end(); }

  Kind K = Kind::Undefined;
  mutable std::string Value; ///< mutable for takeScalar
  std::string TagName;
  int Line = 0;
  std::vector<FactsNode> Items;
  std::vector<std::pair<FactsNode, FactsNode>> Entries;
};

/// The keys of a mapping, for YamlChecker::checkMapping (core/YamlCheck.h).
void yamlMappingKeys(const FactsNode &Map, llvm::SmallVectorImpl<YamlKey> &Keys);

/// The fast path: true and `Root` filled when `Text` is in writeFacts's
/// layout; false (Root unspecified) for anything else, valid YAML or not.
bool parseFactsLayout(llvm::StringRef Text, FactsNode &Root);

} // namespace conc

#endif
