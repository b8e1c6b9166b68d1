//===- test/unit/YamlCheckTest.cpp - the shared YAML mapping checks --------===//
//
// core/YamlCheck.h is the one place every reader (rules, profile, hardware,
// facts, configuration) checks a mapping; the same text must give the same
// message whichever node type the reader builds.
//
//===----------------------------------------------------------------------===//
#include "core/YamlCheck.h"
#include "model/FactsNode.h"

#include "gtest/gtest.h"

#include <yaml-cpp/yaml.h>

using namespace conc;

namespace {

std::string mappingError(llvm::StringRef Text,
                         llvm::ArrayRef<const char *> Required = {}) {
  YamlChecker Check("m.yaml");
  YAML::Node Root = YAML::Load(Text.str());
  llvm::Error E = Check.checkMapping(Root, {"name", "line"}, Required, "an entry");
  return E ? llvm::toString(std::move(E)) : "";
}

TEST(YamlCheckTest, AcceptsKnownUniqueKeys) {
  EXPECT_EQ(mappingError("name: a\nline: 3\n"), "");
  EXPECT_EQ(mappingError("name: a\n", {"name"}), "");
}

TEST(YamlCheckTest, NamesTheLineOfTheOffendingKey) {
  EXPECT_EQ(mappingError("name: a\nline: 3\nname: b\n"),
            "m.yaml:3: duplicate key 'name' in an entry");
  EXPECT_EQ(mappingError("name: a\n\ncolour: red\n"),
            "m.yaml:3: unknown key 'colour' in an entry (expected one of: name, line)");
  EXPECT_EQ(mappingError("name: a\n[x]: 1\n"), "m.yaml:2: expected a plain key in an entry");
  EXPECT_EQ(mappingError("- name\n"), "m.yaml:1: expected a mapping for an entry");
}

TEST(YamlCheckTest, MissingRequiredKeyNamesTheMapping) {
  EXPECT_EQ(mappingError("\nline: 3\n", {"name"}),
            "m.yaml:2: missing required key 'name' in an entry");
}

TEST(YamlCheckTest, FactsNodesGiveTheSameMessages) {
  // The facts reader's fast scanner builds FactsNode trees.
  FactsNode Root;
  ASSERT_TRUE(parseFactsLayout("version: 5\nfile: a.cpp\nversion: 5\n", Root));
  YamlChecker Check("f.yaml");
  llvm::Error E = Check.checkMapping(Root, {"version", "file"}, "the facts file");
  ASSERT_TRUE(bool(E));
  EXPECT_EQ(llvm::toString(std::move(E)), "f.yaml:3: duplicate key 'version' in the facts file");

  ASSERT_TRUE(parseFactsLayout("file: a.cpp\n", Root));
  E = Check.checkMapping(Root, {"version", "file"}, {"version"}, "the facts file");
  ASSERT_TRUE(bool(E));
  EXPECT_EQ(llvm::toString(std::move(E)),
            "f.yaml:1: missing required key 'version' in the facts file");
}

} // namespace
