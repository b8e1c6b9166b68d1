//===- test/unit/CallsToTest.cpp - The model's index of incoming calls -----===//
//
// ProgramModel::callsTo and loopedCallsTo answer from indexes built once
// (checks ask them per thread site, and a scan of calls() each time made
// the merge of 10,000 units quadratic). They must give exactly what a scan
// of calls() / loopedCalls() in canonical order gives, in that order,
// whatever order the units were added in.
//
//===----------------------------------------------------------------------===//
#include "model/FactsIO.h"
#include "model/ProgramModel.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <random>

using namespace conc;

namespace {

std::string fn(unsigned I) { return "c:@F@f" + std::to_string(I) + "#"; }

/// A few units of random calls and looped calls over `N` functions.
std::vector<TranslationUnitFacts> randomUnits(std::mt19937 &Random, unsigned N) {
  std::vector<TranslationUnitFacts> Units(1 + Random() % 3);
  for (TranslationUnitFacts &F : Units) {
    for (unsigned I = Random() % (2 * N); I > 0; --I) {
      CallFact C;
      C.CallerUsr = fn(Random() % N);
      C.CalleeUsr = fn(Random() % N);
      C.Where = SourcePoint{"/a.cpp", unsigned(1 + Random() % 9), unsigned(1 + Random() % 3)};
      if (Random() % 3 == 0)
        C.Locks = {"c:@mu"};
      F.Calls.push_back(C);
    }
    for (unsigned I = Random() % N; I > 0; --I) {
      LoopedCallFact L;
      L.CallerUsr = fn(Random() % N);
      L.CalleeUsr = fn(Random() % (N + 3)); // some callee no call names
      L.PerItem = Random() % 2;
      F.LoopedCalls.push_back(L);
    }
  }
  return Units;
}

TEST(CallsToTest, SameAsAScanInCanonicalOrder) {
  std::mt19937 Random(11);
  for (unsigned Round = 0; Round < 200; ++Round) {
    const unsigned N = 2 + Random() % 20;
    std::vector<TranslationUnitFacts> Units = randomUnits(Random, N);
    ProgramModel M, Reversed;
    for (const TranslationUnitFacts &F : Units)
      M.add(F);
    for (auto It = Units.rbegin(); It != Units.rend(); ++It)
      Reversed.add(*It);
    M.finalize();
    Reversed.finalize();
    for (unsigned I = 0; I < N + 4; ++I) {
      std::vector<const CallFact *> Calls;
      for (const CallFact &C : M.calls())
        if (C.CalleeUsr == fn(I))
          Calls.push_back(&C);
      EXPECT_EQ(M.callsTo(fn(I)), Calls) << "round " << Round << ", " << fn(I);
      std::vector<const LoopedCallFact *> Looped;
      for (const LoopedCallFact &L : M.loopedCalls())
        if (L.CalleeUsr == fn(I))
          Looped.push_back(&L);
      EXPECT_EQ(M.loopedCallsTo(fn(I)), Looped) << "round " << Round << ", " << fn(I);
      // The order of units does not show.
      std::vector<const CallFact *> Other = Reversed.callsTo(fn(I));
      ASSERT_EQ(Other.size(), Calls.size());
      for (size_t K = 0; K < Calls.size(); ++K)
        EXPECT_TRUE(factEqual(*Other[K], *Calls[K])) << "round " << Round;
    }
  }
}

TEST(CallsToTest, NothingForUnknownOrEmptyNames) {
  TranslationUnitFacts F;
  F.Calls.push_back({fn(1), fn(2), SourcePoint(), {}, ""});
  ProgramModel M;
  M.add(F);
  M.finalize();
  EXPECT_TRUE(M.callsTo(fn(9)).empty());
  EXPECT_TRUE(M.callsTo("").empty());
  EXPECT_TRUE(M.callsTo(fn(1)).empty());
  ASSERT_EQ(M.callsTo(fn(2)).size(), 1u);
  EXPECT_EQ(M.callsTo(fn(2)).front()->CallerUsr, fn(1));
  EXPECT_TRUE(M.loopedCallsTo(fn(2)).empty());
}

} // namespace
