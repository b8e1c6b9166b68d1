//===- test/unit/CheckRegistryTest.cpp - One sorted, documented registry ---===//
#include "checks/CheckRegistry.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "gtest/gtest.h"

using namespace conc;

namespace {

bool enabled(llvm::StringRef Globs, llvm::StringRef Id) {
  auto F = CheckFilter::parse(Globs);
  EXPECT_TRUE(static_cast<bool>(F));
  return F && F->isEnabled(Id);
}

TEST(CheckRegistryTest, SortedAndNamedConc) {
  llvm::ArrayRef<CheckInfo> Checks = allChecks();
  ASSERT_FALSE(Checks.empty());
  for (size_t I = 0; I < Checks.size(); ++I) {
    EXPECT_TRUE(llvm::StringRef(Checks[I].Id).starts_with("conc-")) << Checks[I].Id;
    if (I > 0)
      EXPECT_LT(llvm::StringRef(Checks[I - 1].Id), llvm::StringRef(Checks[I].Id))
          << "the registry must stay sorted by id";
  }
}

// A newcomer finds every part of a check from its id: docs page and lit test.
TEST(CheckRegistryTest, EveryCheckHasDocsAndATest) {
  for (const CheckInfo &C : allChecks()) {
    llvm::SmallString<256> Docs(CONC_SOURCE_DIR);
    llvm::sys::path::append(Docs, docsPath(C.Id));
    EXPECT_TRUE(llvm::sys::fs::exists(Docs)) << "missing " << Docs.str().str();
    llvm::SmallString<256> Test(CONC_SOURCE_DIR);
    llvm::sys::path::append(Test, "test", "checks", std::string(C.Id) + ".cpp");
    EXPECT_TRUE(llvm::sys::fs::exists(Test)) << "missing " << Test.str().str();
  }
}

// Every option is documented on its check's page, has a valid default, and
// has a variant test named after the check and the option
// (conc-x-ignore-this.cpp for IgnoreThis), as clang-tidy's option tests are.
TEST(CheckRegistryTest, EveryOptionIsDocumentedAndTested) {
  for (const CheckInfo &C : allChecks())
    for (const CheckOptionInfo &O : C.Options) {
      EXPECT_FALSE(static_cast<bool>(validateOptionValue(O, O.Default)))
          << C.Id << "." << O.Name << ": the default is not a valid value";
      llvm::SmallString<256> Docs(CONC_SOURCE_DIR);
      llvm::sys::path::append(Docs, docsPath(C.Id));
      auto Text = llvm::MemoryBuffer::getFile(Docs);
      ASSERT_TRUE(static_cast<bool>(Text)) << "missing " << Docs.str().str();
      EXPECT_NE((*Text)->getBuffer().find("`" + std::string(O.Name) + "`"),
                llvm::StringRef::npos)
          << Docs.str().str() << " does not document " << O.Name;
      // IgnoreThis -> ignore-this
      std::string Suffix;
      for (char Ch : llvm::StringRef(O.Name)) {
        if (llvm::isUpper(Ch) && !Suffix.empty())
          Suffix += '-';
        Suffix += llvm::toLower(Ch);
      }
      llvm::SmallString<256> Test(CONC_SOURCE_DIR);
      llvm::sys::path::append(Test, "test", "checks",
                              std::string(C.Id) + "-" + Suffix + ".cpp");
      EXPECT_TRUE(llvm::sys::fs::exists(Test)) << "missing " << Test.str().str();
    }
}

TEST(CheckRegistryTest, OptionValues) {
  CheckOptionInfo Flag{"F", CheckOptionInfo::Type::Boolean, "false", ""};
  EXPECT_FALSE(static_cast<bool>(validateOptionValue(Flag, "true")));
  auto Bad = validateOptionValue(Flag, "yes");
  ASSERT_TRUE(static_cast<bool>(Bad));
  EXPECT_EQ(llvm::toString(std::move(Bad)), "expected true or false, not 'yes'");
  CheckOptionInfo Count{"N", CheckOptionInfo::Type::Unsigned, "4", ""};
  EXPECT_FALSE(static_cast<bool>(validateOptionValue(Count, "12")));
  llvm::Error Negative = validateOptionValue(Count, "-1");
  ASSERT_TRUE(static_cast<bool>(Negative));
  EXPECT_EQ(llvm::toString(std::move(Negative)),
            "expected a non-negative whole number, not '-1'");
  EXPECT_EQ(splitOptionList(" getenv; setenv,,rand ;"),
            (std::vector<std::string>{"getenv", "setenv", "rand"}));
  EXPECT_TRUE(splitOptionList("").empty());
}

TEST(CheckRegistryTest, GlobsFollowClangTidy) {
  EXPECT_TRUE(enabled("conc-*", "conc-thread-site"));
  EXPECT_FALSE(enabled("-*,conc-process-site", "conc-thread-site"));
  EXPECT_TRUE(enabled("-*,conc-process-site", "conc-process-site"));
  EXPECT_FALSE(enabled("conc-*,-conc-*-site", "conc-thread-site"));
  EXPECT_TRUE(enabled("-*, conc-thread-* ", "conc-thread-site"));
  EXPECT_FALSE(enabled("", "conc-thread-site"));
  EXPECT_TRUE(enabled("*", "conc-shared-state"));
  EXPECT_FALSE(enabled("conc-thread", "conc-thread-site"));
  auto Bad = CheckFilter::parse("conc-*,conc thread");
  ASSERT_FALSE(static_cast<bool>(Bad));
  EXPECT_EQ(llvm::toString(Bad.takeError()),
            "invalid check glob 'conc thread' in --checks=conc-*,conc thread");
}

} // namespace
