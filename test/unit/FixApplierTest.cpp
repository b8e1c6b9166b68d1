//===- test/unit/FixApplierTest.cpp - --fix: all edits or none -------------===//
//
// Real checks do not produce overlapping fix-its today, so conflicts are
// tested here on the applier itself, with files on disk.
//
//===----------------------------------------------------------------------===//
#include "tool/FixApplier.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace conc;

namespace {

class FixApplierTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("fix-applier", Dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  std::string write(llvm::StringRef Name, llvm::StringRef Text) {
    llvm::SmallString<256> P(Dir);
    llvm::sys::path::append(P, Name);
    std::error_code EC;
    llvm::raw_fd_ostream OS(P, EC);
    OS << Text;
    return std::string(P);
  }
  static std::string read(llvm::StringRef Path) {
    auto B = llvm::MemoryBuffer::getFile(Path);
    return B ? (*B)->getBuffer().str() : "<unreadable>";
  }
  static Finding finding(const std::string &File, const char *Id, unsigned Offset,
                         unsigned Length, const char *Text) {
    Finding F;
    F.CheckId = Id;
    F.Level = Severity::Warning;
    F.Where = {File, 1, Offset + 1};
    FixIt Fix;
    Fix.Begin = {File, 1, Offset + 1};
    Fix.End = {File, 1, Offset + Length + 1};
    Fix.Offset = Offset;
    Fix.Length = Length;
    Fix.Replacement = Text;
    F.Fixes.push_back(Fix);
    return F;
  }
  unsigned filesInDir() {
    unsigned N = 0;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator I(Dir, EC), E; I != E && !EC; I.increment(EC))
      ++N;
    return N;
  }

  llvm::SmallString<256> Dir;
};

TEST_F(FixApplierTest, AppliesEditsOfSeveralFindingsAndFiles) {
  std::string A = write("a.cpp", "0123456789");
  std::string B = write("b.cpp", "abc");
  SourceTexts Sources;
  auto Out = applyFixes({finding(A, "conc-x", 2, 3, "X"), finding(A, "conc-y", 7, 0, "+"),
                         finding(B, "conc-x", 0, 0, ">")},
                        Sources);
  ASSERT_TRUE(static_cast<bool>(Out)) << llvm::toString(Out.takeError());
  EXPECT_EQ(Out->Edits, 3u);
  EXPECT_EQ(Out->Files, 2u);
  EXPECT_EQ(read(A), "01X56+789");
  EXPECT_EQ(read(B), ">abc");
  EXPECT_EQ(filesInDir(), 2u) << "no temporary file is left behind";
}

TEST_F(FixApplierTest, IdenticalEditsApplyOnce) {
  std::string A = write("a.cpp", "f(x);");
  SourceTexts Sources;
  auto Out = applyFixes({finding(A, "conc-x", 2, 0, "p, "), finding(A, "conc-x", 2, 0, "p, ")},
                        Sources);
  ASSERT_TRUE(static_cast<bool>(Out)) << llvm::toString(Out.takeError());
  EXPECT_EQ(Out->Edits, 1u);
  EXPECT_EQ(read(A), "f(p, x);");
}

TEST_F(FixApplierTest, AdjacentEditsDoNotConflict) {
  std::string A = write("a.cpp", "0123456789");
  SourceTexts Sources;
  auto Out = applyFixes({finding(A, "conc-x", 2, 3, "X"), finding(A, "conc-y", 5, 2, "Y"),
                         finding(A, "conc-z", 2, 0, "<")},
                        Sources);
  ASSERT_TRUE(static_cast<bool>(Out)) << llvm::toString(Out.takeError());
  EXPECT_EQ(read(A), "01<XY789");
}

TEST_F(FixApplierTest, OverlapChangesNoFile) {
  std::string A = write("a.cpp", "0123456789");
  std::string B = write("b.cpp", "abc");
  SourceTexts Sources;
  // b.cpp's edit is fine on its own; the conflict in a.cpp must stop it too.
  auto Out = applyFixes({finding(A, "conc-x", 2, 3, "X"), finding(A, "conc-y", 4, 2, "Y"),
                         finding(B, "conc-x", 0, 0, ">")},
                        Sources);
  ASSERT_FALSE(static_cast<bool>(Out));
  std::string Message = llvm::toString(Out.takeError());
  EXPECT_NE(Message.find(A + ":1:5: the fix-its of [conc-x] at line 1 and [conc-y] at "
                             "line 1 overlap; no file was changed"),
            std::string::npos)
      << Message;
  EXPECT_EQ(read(A), "0123456789");
  EXPECT_EQ(read(B), "abc");
  EXPECT_EQ(filesInDir(), 2u);
}

TEST_F(FixApplierTest, DifferentInsertionsAtOnePointConflict) {
  std::string A = write("a.cpp", "f(x);");
  SourceTexts Sources;
  auto Out = applyFixes({finding(A, "conc-x", 2, 0, "p, "), finding(A, "conc-y", 2, 0, "q, ")},
                        Sources);
  ASSERT_FALSE(static_cast<bool>(Out));
  llvm::consumeError(Out.takeError());
  EXPECT_EQ(read(A), "f(x);");
}

TEST_F(FixApplierTest, InsertionInsideAReplacementConflicts) {
  std::string A = write("a.cpp", "0123456789");
  SourceTexts Sources;
  auto Out = applyFixes({finding(A, "conc-x", 2, 4, "X"), finding(A, "conc-y", 3, 0, "+")},
                        Sources);
  ASSERT_FALSE(static_cast<bool>(Out));
  llvm::consumeError(Out.takeError());
  EXPECT_EQ(read(A), "0123456789");
}

TEST_F(FixApplierTest, EditPastTheEndChangesNoFile) {
  std::string A = write("a.cpp", "short");
  SourceTexts Sources;
  auto Out = applyFixes({finding(A, "conc-x", 4, 9, "X")}, Sources);
  ASSERT_FALSE(static_cast<bool>(Out));
  EXPECT_NE(llvm::toString(Out.takeError()).find("past the end of the file"),
            std::string::npos);
  EXPECT_EQ(read(A), "short");
}

} // namespace
