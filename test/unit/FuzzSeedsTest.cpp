//===- test/unit/FuzzSeedsTest.cpp -----------------------------------------===//
//
// A fuzz target's seeds should reach deep into its parser. A facts seed of
// an older version stops at the version check, so every seed in
// fuzz/corpus/facts must read at the current FactsVersion: bump the seeds
// with the version (fuzz/README.md).
//
//===----------------------------------------------------------------------===//
#include "model/FactsIO.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

std::vector<std::string> seedsIn(const std::string &Dir) {
  std::vector<std::string> Seeds;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC))
    Seeds.push_back(It->path());
  return Seeds;
}

TEST(FuzzSeedsTest, FactsSeedsReadAtTheCurrentVersion) {
  const std::string Dir = std::string(CONC_SOURCE_DIR) + "/fuzz/corpus/facts";
  std::vector<std::string> Seeds = seedsIn(Dir);
  ASSERT_FALSE(Seeds.empty()) << "no seeds in " << Dir;
  for (const std::string &Seed : Seeds) {
    auto Buffer = llvm::MemoryBuffer::getFile(Seed);
    ASSERT_TRUE(bool(Buffer)) << Seed;
    auto Facts = conc::readFacts((*Buffer)->getBuffer(), Seed);
    EXPECT_TRUE(bool(Facts)) << (Facts ? "" : llvm::toString(Facts.takeError()));
  }
}

} // namespace
