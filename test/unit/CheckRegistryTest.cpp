//===- test/unit/CheckRegistryTest.cpp - One sorted, documented registry ---===//
#include "checks/CheckRegistry.h"

#include "llvm/Support/FileSystem.h"
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
