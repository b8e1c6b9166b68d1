//===- test/unit/ReachableFromTest.cpp - The model's reachability sets -----===//
//
// ProgramModel::reachableFrom answers with bits over the call graph's nodes
// (the workload classifier asks it of every thread entry); it must give
// exactly the closure of callees() a set of strings gives, roots no fact
// names included.
//
//===----------------------------------------------------------------------===//
#include "model/ProgramModel.h"
#include "model/WorkloadClassifier.h"

#include "gtest/gtest.h"

#include <random>
#include <set>

using namespace conc;

namespace {

using Strings = std::vector<std::string>;

std::string fn(unsigned I) { return "c:@F@f" + std::to_string(I) + "#"; }

/// The closure over callees(), one string at a time: the specification.
Strings closure(const ProgramModel &M, const Strings &Roots) {
  std::set<std::string> Seen(Roots.begin(), Roots.end());
  Strings Work(Roots.begin(), Roots.end());
  while (!Work.empty()) {
    std::string U = Work.back();
    Work.pop_back();
    for (const std::string &C : M.callees(U))
      if (Seen.insert(C).second)
        Work.push_back(C);
  }
  return Strings(Seen.begin(), Seen.end());
}

TEST(ReachableFromTest, SameAsTheClosureOfCallees) {
  std::mt19937 Random(7);
  for (unsigned Round = 0; Round < 200; ++Round) {
    const unsigned N = 2 + Random() % 30;
    TranslationUnitFacts F;
    for (unsigned I = 0; I < N; ++I)
      if (Random() % 4)
        F.Functions.push_back({fn(I), "f" + std::to_string(I), SourcePoint(), false});
    for (unsigned I = Random() % (2 * N); I > 0; --I)
      F.Calls.push_back({fn(Random() % N), fn(Random() % N), SourcePoint(), {}});
    for (unsigned I = Random() % 3; I > 0; --I)
      F.Overrides.push_back({fn(Random() % N), fn(Random() % N)});
    // Thread entries: their reach is their context's, kept by the model.
    for (unsigned I = Random() % 4; I > 0; --I)
      F.ThreadStarts.push_back(
          {fn(Random() % N), fn(Random() % N), "std::thread", SourcePoint(), false});
    ProgramModel M;
    M.add(F);
    M.finalize();
    Strings Roots;
    for (unsigned I = 1 + Random() % 3; I > 0; --I)
      Roots.push_back(fn(Random() % (N + 5))); // some name no fact has
    if (!F.ThreadStarts.empty() && Random() % 2)
      Roots = {F.ThreadStarts.front().EntryUsr};
    const Strings Expected = closure(M, Roots);
    ProgramModel::FunctionSet Set = M.reachableFrom(Roots);
    ASSERT_EQ(Set.usrs(), Expected) << "round " << Round;
    EXPECT_EQ(Set.size(), Expected.size()) << "round " << Round;
    EXPECT_EQ(reachableFrom(M, Roots), Expected) << "round " << Round;
    for (unsigned I = 0; I < N + 5; ++I)
      EXPECT_EQ(Set.contains(fn(I)),
                std::binary_search(Expected.begin(), Expected.end(), fn(I)))
          << "round " << Round << ", " << fn(I);
  }
}

TEST(ReachableFromTest, UnknownRootsAndNoRoots) {
  TranslationUnitFacts F;
  F.Calls.push_back({fn(1), fn(2), SourcePoint(), {}});
  ProgramModel M;
  M.add(F);
  M.finalize();
  EXPECT_EQ(M.reachableFrom({}).size(), 0u);
  ProgramModel::FunctionSet Set = M.reachableFrom({fn(9), fn(1), fn(9)});
  EXPECT_EQ(Set.usrs(), (Strings{fn(1), fn(2), fn(9)}));
  EXPECT_TRUE(Set.contains(fn(9)));
  EXPECT_FALSE(Set.contains(fn(3)));
}

} // namespace
