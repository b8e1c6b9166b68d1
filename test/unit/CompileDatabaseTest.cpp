//===- test/unit/CompileDatabaseTest.cpp - Reading compile_commands.json ---===//
#include "tool/CompileDatabase.h"

#include "gtest/gtest.h"

using namespace conc;

namespace {

std::string errorOf(llvm::StringRef Text) {
  auto DB = parseCompileDatabase(Text, "/db/compile_commands.json");
  if (DB)
    return "";
  return llvm::toString(DB.takeError());
}

TEST(CompileDatabaseTest, CommandAndArgumentsForms) {
  auto DB = parseCompileDatabase(R"([
  {"directory": "/src/build", "file": "../a.cpp",
   "command": "c++ -DNAME=\"x y\" -I inc -c ../a.cpp -o a.o"},
  {"directory": "sub", "file": "/abs/b.cpp",
   "arguments": ["clang++", "-std=c++20", "-c", "/abs/b.cpp"]}
])",
                                 "/db/compile_commands.json");
  ASSERT_TRUE(static_cast<bool>(DB)) << llvm::toString(DB.takeError());
  ASSERT_EQ(DB->size(), 2u);
  EXPECT_EQ((*DB)[0].Directory, "/src/build");
  EXPECT_EQ((*DB)[0].File, "/src/a.cpp");
  EXPECT_EQ((*DB)[0].Arguments,
            (std::vector<std::string>{"c++", "-DNAME=x y", "-I", "inc", "-c", "../a.cpp",
                                      "-o", "a.o"}));
  // A relative directory is relative to the database's own directory.
  EXPECT_EQ((*DB)[1].Directory, "/db/sub");
  EXPECT_EQ((*DB)[1].File, "/abs/b.cpp");
  EXPECT_EQ((*DB)[1].Arguments.size(), 4u);
}

TEST(CompileDatabaseTest, ErrorsNameTheLine) {
  EXPECT_EQ(errorOf("[\n  {\"directory\": \"/x\", \"file\": \"a.cpp\", \"command\": \"cc a.cpp\"},\n"
                    "  {\"directory\": \"/x\", \"command\": \"cc b.cpp\"}\n]"),
            "/db/compile_commands.json:3: entry 2 has no string \"file\"");
  EXPECT_EQ(errorOf("[\n{\"directory\": \"/x\", \"file\": \"a.cpp\"}\n]"),
            "/db/compile_commands.json:2: entry 1 has neither \"arguments\" nor \"command\"");
  EXPECT_EQ(errorOf("[\n  {\"directory\": \"/x\", \"file\": \"a.cpp\",\n"
                    "   \"arguments\": [\"cc\", 3]}\n]"),
            "/db/compile_commands.json:2: entry 1: \"arguments\" must be strings");
  EXPECT_EQ(errorOf("{\"directory\": \"/x\"}"),
            "/db/compile_commands.json:1: expected a JSON array of compile commands");
  EXPECT_EQ(errorOf("[\n  42\n]"), "/db/compile_commands.json:2: entry 1 is not an object");
}

TEST(CompileDatabaseTest, SyntaxErrorNamesLineAndColumn) {
  std::string E = errorOf("[\n  {\"directory\": \"/x\",\n   \"file\" \"a.cpp\"}\n]");
  EXPECT_EQ(E.rfind("/db/compile_commands.json:3:", 0), 0u) << E;
  EXPECT_NE(E.find("invalid JSON"), std::string::npos) << E;
}

TEST(CompileDatabaseTest, SelectNamedFiles) {
  std::vector<CompileEntry> All = {{"/x", "/x/b.cpp", {"cc", "b.cpp"}},
                                   {"/x", "/x/a.cpp", {"cc", "a.cpp"}},
                                   {"/x", "/x/a.cpp", {"cc", "a.cpp"}}};
  auto Sorted = selectEntries(All, {}, "db");
  ASSERT_TRUE(static_cast<bool>(Sorted));
  ASSERT_EQ(Sorted->size(), 2u); // the exact duplicate is dropped
  EXPECT_EQ((*Sorted)[0].File, "/x/a.cpp");
  auto One = selectEntries(All, {"/x/b.cpp"}, "db");
  ASSERT_TRUE(static_cast<bool>(One));
  EXPECT_EQ(One->size(), 1u);
  auto Missing = selectEntries(All, {"/x/c.cpp"}, "/x/compile_commands.json");
  ASSERT_FALSE(static_cast<bool>(Missing));
  EXPECT_EQ(llvm::toString(Missing.takeError()),
            "/x/c.cpp: not found in the compile database /x/compile_commands.json");
}

TEST(CompileDatabaseTest, FixedDatabase) {
  auto DB = fixedCompileDatabase({"/p/x.cpp"}, {"-std=c++17"});
  ASSERT_EQ(DB.size(), 1u);
  EXPECT_EQ(DB[0].Arguments, (std::vector<std::string>{"clang", "-std=c++17", "/p/x.cpp"}));
}

} // namespace
