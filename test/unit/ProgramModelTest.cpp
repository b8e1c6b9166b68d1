//===- test/unit/ProgramModelTest.cpp - Merge, contexts and races ----------===//
#include "model/ProgramModel.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <optional>
#include <random>
#include <sstream>

using namespace conc;

namespace {

using Strings = std::vector<std::string>;

/// USRs look like Clang's so that a name shown where a USR belongs (or the
/// reverse) fails the test.
std::string usr(const std::string &Name) { return "c:@F@" + Name + "#"; }
std::string var(const std::string &Name) { return "c:@" + Name; }

SourcePoint at(unsigned Line, const std::string &File = "/src/a.cpp") {
  SourcePoint P;
  P.File = File;
  P.Line = Line;
  P.Column = 1;
  return P;
}

/// Builds one unit's facts in a line each.
struct Unit {
  TranslationUnitFacts F;

  Unit &fn(const std::string &Name, unsigned Line, bool Main = false) {
    F.Functions.push_back({usr(Name), Name, at(Line), Main});
    return *this;
  }
  Unit &call(const std::string &Caller, const std::string &Callee, unsigned Line) {
    F.Calls.push_back({usr(Caller), usr(Callee), at(Line)});
    return *this;
  }
  Unit &overrides(const std::string &Method, const std::string &Overridden) {
    F.Overrides.push_back({usr(Method), usr(Overridden)});
    return *this;
  }
  Unit &start(const std::string &Caller, const std::string &Entry, unsigned Line,
              bool Many = false) {
    F.ThreadStarts.push_back(
        {usr(Caller), Entry.empty() ? "" : usr(Entry), "std::thread", at(Line), Many});
    return *this;
  }
  Unit &global(const std::string &Name, bool Const = false, bool Atomic = false,
               bool ThreadLocal = false) {
    F.Variables.push_back(
        {var(Name), Name, "int", at(1), Const, Atomic, ThreadLocal, true});
    return *this;
  }
  Unit &write(const std::string &Fn, const std::string &Var, unsigned Line,
              Strings Locks = {}, bool BeforeStart = false) {
    return access(Fn, Var, Line, true, std::move(Locks), BeforeStart);
  }
  Unit &read(const std::string &Fn, const std::string &Var, unsigned Line,
             Strings Locks = {}, bool BeforeStart = false) {
    return access(Fn, Var, Line, false, std::move(Locks), BeforeStart);
  }
  Unit &access(const std::string &Fn, const std::string &Var, unsigned Line, bool Write,
               Strings Locks, bool BeforeStart) {
    AccessFact A;
    A.FunctionUsr = usr(Fn);
    A.VariableUsr = var(Var);
    A.Where = at(Line);
    A.IsWrite = Write;
    A.Locks = std::move(Locks);
    A.Sequential = BeforeStart;
    F.Accesses.push_back(A);
    return *this;
  }
};

std::vector<Race> racesOf(std::vector<TranslationUnitFacts> Units) {
  ProgramModel M;
  for (const TranslationUnitFacts &U : Units)
    M.add(U);
  M.finalize();
  return M.findRaces();
}
std::vector<Race> racesOf(const Unit &U) {
  return racesOf(std::vector<TranslationUnitFacts>{U.F});
}

std::string join(const Strings &S) {
  std::string Out;
  for (const std::string &X : S)
    Out += (Out.empty() ? "" : " > ") + X;
  return Out;
}

std::string dump(const ThreadContext &C) {
  std::ostringstream OS;
  OS << C.Name << "[" << C.EntryUsr << "]" << (C.Many ? " many" : "")
     << (C.IsMain ? " main" : "") << " starts:";
  for (const ThreadStartFact &S : C.Starts)
    OS << " " << S.CallerUsr << "@" << S.Where.Line << (S.Many ? "*" : "");
  return OS.str();
}

/// Everything a race says, as text: compared whole in the order tests.
std::string dump(const std::vector<Race> &Races) {
  std::ostringstream OS;
  for (const Race &R : Races)
    OS << R.Variable.Name << ": write " << R.Write.FunctionUsr << ":"
       << R.Write.Where.Line << " other " << R.Other.FunctionUsr << ":"
       << R.Other.Where.Line << (R.Other.IsWrite ? " (write)" : " (read)") << "\n  "
       << dump(R.WriteContext) << "\n  " << dump(R.OtherContext) << "\n  "
       << join(R.WritePath) << "\n  " << join(R.OtherPath) << "\n";
  return OS.str();
}

/// main starts two workers that both write `counter`.
Unit twoWriters() {
  Unit U;
  U.fn("main", 10, true).fn("w1", 20).fn("w2", 30).global("counter");
  U.start("main", "w1", 11).start("main", "w2", 12);
  U.write("w1", "counter", 21).write("w2", "counter", 31);
  return U;
}

TEST(ProgramModelTest, TwoThreadsWritingAGlobalRace) {
  std::vector<Race> Races = racesOf(twoWriters());
  ASSERT_EQ(Races.size(), 1u);
  const Race &R = Races[0];
  EXPECT_EQ(R.Variable.Usr, "c:@counter");
  EXPECT_EQ(R.Variable.Name, "counter");
  EXPECT_EQ(R.Write.FunctionUsr, usr("w1"));
  EXPECT_EQ(R.Write.Where.Line, 21u);
  EXPECT_TRUE(R.Write.IsWrite);
  EXPECT_EQ(R.Other.FunctionUsr, usr("w2"));
  EXPECT_EQ(R.Other.Where.Line, 31u);
  EXPECT_EQ(R.WriteContext.EntryUsr, usr("w1"));
  EXPECT_EQ(R.WriteContext.Name, "w1");
  EXPECT_FALSE(R.WriteContext.Many);
  EXPECT_FALSE(R.WriteContext.IsMain);
  ASSERT_EQ(R.WriteContext.Starts.size(), 1u);
  EXPECT_EQ(R.WriteContext.Starts[0].CallerUsr, usr("main"));
  EXPECT_EQ(R.WriteContext.Starts[0].Where.Line, 11u);
  EXPECT_EQ(R.WriteContext.Starts[0].Api, "std::thread");
  EXPECT_EQ(R.OtherContext.Name, "w2");
  EXPECT_EQ(R.OtherContext.Starts[0].Where.Line, 12u);
  EXPECT_EQ(R.WritePath, Strings{"w1"});
  EXPECT_EQ(R.OtherPath, Strings{"w2"});
}

TEST(ProgramModelTest, ACommonLockPreventsTheRace) {
  Unit U = twoWriters();
  U.F.Accesses[0].Locks = {"c:@mu", "c:@other"};
  U.F.Accesses[1].Locks = {"c:@a", "c:@mu"};
  EXPECT_TRUE(racesOf(U).empty());
  // Different locks protect nothing.
  U.F.Accesses[1].Locks = {"c:@a", "c:@mu2"};
  EXPECT_EQ(racesOf(U).size(), 1u);
}

TEST(ProgramModelTest, TwiceStartedEntryRacesWithItself) {
  Unit U;
  U.fn("main", 10, true).fn("worker", 20).global("g");
  U.start("main", "worker", 11).start("main", "worker", 12);
  U.write("worker", "g", 21);
  std::vector<Race> Races = racesOf(U);
  ASSERT_EQ(Races.size(), 1u);
  const Race &R = Races[0];
  EXPECT_EQ(R.Write.Where.Line, 21u);
  EXPECT_EQ(R.Other.Where.Line, 21u);
  EXPECT_EQ(R.WriteContext.Name, "worker");
  EXPECT_EQ(R.OtherContext.Name, "worker");
  EXPECT_TRUE(R.WriteContext.Many);
  EXPECT_EQ(R.WriteContext.Starts.size(), 2u);
  EXPECT_EQ(R.WritePath, Strings{"worker"});
}

TEST(ProgramModelTest, OneStartOfOneThreadDoesNotRaceWithItself) {
  Unit U;
  U.fn("main", 10, true).fn("worker", 20).global("g");
  U.start("main", "worker", 11);
  U.write("worker", "g", 21).write("worker", "g", 22);
  EXPECT_TRUE(racesOf(U).empty());
  // A start in a loop (Many) does.
  U.F.ThreadStarts[0].Many = true;
  std::vector<Race> Races = racesOf(U);
  ASSERT_EQ(Races.size(), 1u);
  EXPECT_EQ(Races[0].Write.Where.Line, 21u);
  EXPECT_EQ(Races[0].Other.Where.Line, 21u);
  EXPECT_TRUE(Races[0].WriteContext.Many);
}

TEST(ProgramModelTest, ManyPropagatesToThreadsStartedByMany) {
  Unit U;
  U.fn("main", 10, true).fn("pool", 20).fn("sub", 30).fn("f", 40).fn("a", 50).fn("b", 60);
  U.start("main", "pool", 11, /*Many=*/true).start("pool", "sub", 21);
  // f runs on main and on thread a, so the b it starts may run twice.
  U.start("main", "a", 12).call("main", "f", 13).call("a", "f", 51).start("f", "b", 41);
  ProgramModel M;
  M.add(U.F);
  M.finalize();
  Strings Seen;
  for (const ThreadContext &C : M.contexts())
    Seen.push_back(C.Name + (C.Many ? "*" : ""));
  EXPECT_EQ(Seen, (Strings{"main", "a", "b*", "pool*", "sub*"}));
}

TEST(ProgramModelTest, MainWritesBeforeStartingThreads) {
  Unit U;
  U.fn("main", 10, true).fn("worker", 20).global("config");
  U.write("main", "config", 11, {}, /*BeforeStart=*/true);
  U.start("main", "worker", 12);
  U.read("worker", "config", 21);
  EXPECT_TRUE(racesOf(U).empty());
  // After the start it races.
  U.F.Accesses[0].Sequential = false;
  std::vector<Race> Races = racesOf(U);
  ASSERT_EQ(Races.size(), 1u);
  EXPECT_EQ(Races[0].Write.FunctionUsr, usr("main"));
  EXPECT_TRUE(Races[0].WriteContext.IsMain);
  EXPECT_EQ(Races[0].WriteContext.Name, "main");
  EXPECT_EQ(Races[0].WriteContext.EntryUsr, usr("main"));
  EXPECT_TRUE(Races[0].WriteContext.Starts.empty());
  EXPECT_EQ(Races[0].OtherContext.Name, "worker");
  EXPECT_EQ(Races[0].WritePath, Strings{"main"});
  EXPECT_EQ(Races[0].OtherPath, Strings{"worker"});
}

TEST(ProgramModelTest, SequentialCountsOnlyInMain) {
  // `init` is not the program entry: it may run when threads already do.
  Unit U;
  U.fn("main", 10, true).fn("init", 15).fn("worker", 20).global("config");
  U.start("main", "worker", 11).call("main", "init", 12);
  U.write("init", "config", 16, {}, /*BeforeStart=*/true);
  U.read("worker", "config", 21);
  std::vector<Race> Races = racesOf(U);
  ASSERT_EQ(Races.size(), 1u);
  EXPECT_EQ(Races[0].WritePath, (Strings{"main", "init"}));
}

TEST(ProgramModelTest, ReadOnlySharingIsNoRace) {
  Unit U;
  U.fn("main", 10, true).fn("w1", 20).fn("w2", 30).global("table");
  U.start("main", "w1", 11).start("main", "w2", 12, /*Many=*/true);
  U.read("main", "table", 13).read("w1", "table", 21).read("w2", "table", 31);
  EXPECT_TRUE(racesOf(U).empty());
}

TEST(ProgramModelTest, ConstAtomicAndThreadLocalDoNotRace) {
  Unit U = twoWriters();
  U.global("k", /*Const=*/true).global("a", false, /*Atomic=*/true);
  U.global("t", false, false, /*ThreadLocal=*/true);
  for (const char *V : {"k", "a", "t"})
    U.write("w1", V, 22).write("w2", V, 32);
  std::vector<Race> Races = racesOf(U);
  ASSERT_EQ(Races.size(), 1u);
  EXPECT_EQ(Races[0].Variable.Name, "counter");
}

TEST(ProgramModelTest, AccessToAnUnknownVariableIsIgnored) {
  Unit U = twoWriters();
  U.write("w1", "nofact", 22).write("w2", "nofact", 32);
  std::vector<Race> Races = racesOf(U);
  ASSERT_EQ(Races.size(), 1u);
  EXPECT_EQ(Races[0].Variable.Name, "counter");
}

TEST(ProgramModelTest, RaceThroughACallChainHasTheShortestPath) {
  Unit U;
  U.fn("main", 10, true).fn("report", 15).fn("worker", 20).fn("helper", 30);
  U.fn("leaf", 40).fn("detour", 50).global("total");
  U.start("main", "worker", 11).call("main", "report", 12);
  // worker reaches leaf directly through helper, and the long way round.
  U.call("worker", "detour", 21).call("detour", "helper", 51);
  U.call("worker", "helper", 22).call("helper", "leaf", 31);
  U.write("leaf", "total", 41).read("report", "total", 16);
  std::vector<Race> Races = racesOf(U);
  ASSERT_EQ(Races.size(), 1u);
  const Race &R = Races[0];
  // The write comes first whatever the locations.
  EXPECT_EQ(R.Write.FunctionUsr, usr("leaf"));
  EXPECT_EQ(R.Other.FunctionUsr, usr("report"));
  EXPECT_FALSE(R.Other.IsWrite);
  EXPECT_EQ(R.WriteContext.Name, "worker");
  EXPECT_TRUE(R.OtherContext.IsMain);
  EXPECT_EQ(R.WritePath, (Strings{"worker", "helper", "leaf"}));
  EXPECT_EQ(R.OtherPath, (Strings{"main", "report"}));
}

TEST(ProgramModelTest, RaceThroughAVirtualOverride) {
  // Task::run calls Base::step; More::step overrides Derived::step, which
  // overrides Base::step. Only More::step writes.
  Unit U;
  U.fn("main", 10, true).fn("Task::run", 20).fn("Base::step", 30);
  U.fn("Derived::step", 40).fn("More::step", 50).global("state");
  U.start("main", "Task::run", 11).read("main", "state", 12);
  U.call("Task::run", "Base::step", 21);
  U.overrides("Derived::step", "Base::step").overrides("More::step", "Derived::step");
  U.write("More::step", "state", 51);
  std::vector<Race> Races = racesOf(U);
  ASSERT_EQ(Races.size(), 1u);
  EXPECT_EQ(Races[0].Write.FunctionUsr, usr("More::step"));
  EXPECT_EQ(Races[0].WritePath,
            (Strings{"Task::run", "Base::step", "Derived::step", "More::step"}));
  EXPECT_EQ(Races[0].OtherPath, Strings{"main"});
  // Without the override facts the thread never reaches the write.
  U.F.Overrides.clear();
  EXPECT_TRUE(racesOf(U).empty());
}

TEST(ProgramModelTest, FunctionOnTwoThreadsRacesWithItself) {
  Unit U;
  U.fn("main", 10, true).fn("bump", 20).fn("worker", 30).global("hits");
  U.start("main", "worker", 11).call("main", "bump", 12).call("worker", "bump", 31);
  U.write("bump", "hits", 21);
  std::vector<Race> Races = racesOf(U);
  ASSERT_EQ(Races.size(), 1u);
  const Race &R = Races[0];
  EXPECT_EQ(R.Write.Where.Line, 21u);
  EXPECT_EQ(R.Other.Where.Line, 21u);
  // Both orders of the two contexts are races; "main" < "worker" by name.
  EXPECT_EQ(R.WriteContext.Name, "main");
  EXPECT_EQ(R.OtherContext.Name, "worker");
  EXPECT_EQ(R.WritePath, (Strings{"main", "bump"}));
  EXPECT_EQ(R.OtherPath, (Strings{"worker", "bump"}));
}

TEST(ProgramModelTest, ReportsTheFirstPairByLocation) {
  Unit U;
  U.fn("main", 10, true).fn("w1", 20).fn("w2", 30).global("g");
  U.start("main", "w1", 11).start("main", "w2", 12);
  U.read("w1", "g", 21).write("w1", "g", 25).write("w2", "g", 35).read("w2", "g", 31);
  U.write("main", "g", 5, {}, /*BeforeStart=*/true); // ignored
  std::vector<Race> Races = racesOf(U);
  ASSERT_EQ(Races.size(), 1u);
  EXPECT_EQ(Races[0].Write.Where.Line, 25u);
  EXPECT_EQ(Races[0].Other.Where.Line, 31u);
}

/// Three units; `shared` and `helper` come from a header both include.
std::vector<TranslationUnitFacts> threeUnits() {
  Unit A, B, C;
  A.fn("main", 10, true).fn("helper", 5).global("shared").global("other");
  A.start("main", "w1", 11).start("main", "w2", 12).call("main", "helper", 13);
  A.read("main", "other", 14);
  B.fn("w1", 20).fn("helper", 5).global("shared").call("w1", "helper", 21);
  B.write("w1", "other", 22, {"c:@mu"});
  B.write("helper", "shared", 6).read("w1", "shared", 23);
  C.fn("w2", 30).global("shared").global("other").write("w2", "shared", 31, {"c:@mu"});
  C.read("w2", "other", 32, {"c:@mu"});
  C.start("w2", "w3", 33).fn("w3", 40).call("w3", "helper", 41);
  // Facts repeated across units, in another order.
  C.F.ThreadStarts.push_back(A.F.ThreadStarts[1]);
  return {A.F, B.F, C.F};
}

TEST(ProgramModelTest, SameResultInAnyOrder) {
  std::vector<TranslationUnitFacts> Units = threeUnits();
  const std::string Expected = dump(racesOf(Units));
  EXPECT_EQ(Expected, "other: write c:@F@w1#:22 other c:@F@main#:14 (read)\n"
                      "  w1[c:@F@w1#] starts: c:@F@main#@11\n"
                      "  main[c:@F@main#] main starts:\n"
                      "  w1\n"
                      "  main\n"
                      "shared: write c:@F@helper#:6 other c:@F@helper#:6 (write)\n"
                      "  main[c:@F@main#] main starts:\n"
                      "  w1[c:@F@w1#] starts: c:@F@main#@11\n"
                      "  main > helper\n"
                      "  w1 > helper\n");
  std::sort(Units.begin(), Units.end(),
            [](const TranslationUnitFacts &X, const TranslationUnitFacts &Y) {
              return X.Functions[0].Usr < Y.Functions[0].Usr;
            });
  do {
    std::vector<TranslationUnitFacts> Shuffled = Units;
    for (TranslationUnitFacts &U : Shuffled) {
      std::reverse(U.Functions.begin(), U.Functions.end());
      std::reverse(U.Calls.begin(), U.Calls.end());
      std::reverse(U.ThreadStarts.begin(), U.ThreadStarts.end());
      std::reverse(U.Variables.begin(), U.Variables.end());
      std::reverse(U.Accesses.begin(), U.Accesses.end());
    }
    EXPECT_EQ(dump(racesOf(Units)), Expected);
    EXPECT_EQ(dump(racesOf(Shuffled)), Expected);
  } while (std::next_permutation(
      Units.begin(), Units.end(),
      [](const TranslationUnitFacts &X, const TranslationUnitFacts &Y) {
        return X.Functions[0].Usr < Y.Functions[0].Usr;
      }));
}

TEST(ProgramModelTest, MergesByUsr) {
  Unit A, B;
  A.fn("helper", 5).global("v", /*Const=*/true);
  B.fn("helper", 5).global("v", /*Const=*/false);
  B.F.Functions[0].IsProgramEntry = true;
  B.write("helper", "v", 6).write("helper", "v", 6);
  ProgramModel M;
  M.add(A.F);
  M.add(B.F);
  M.add(A.F);
  M.finalize();
  ASSERT_EQ(M.functions().size(), 1u);
  EXPECT_TRUE(M.functions()[0].IsProgramEntry);
  ASSERT_EQ(M.variables().size(), 1u);
  // Units disagree: assume the worse, a writable variable.
  EXPECT_FALSE(M.variables()[0].IsConst);
  EXPECT_EQ(M.accesses().size(), 1u);
  ASSERT_NE(M.function(usr("helper")), nullptr);
  EXPECT_EQ(M.function(usr("helper"))->Name, "helper");
  EXPECT_EQ(M.function(usr("nothing")), nullptr);
  EXPECT_EQ(M.functionName(usr("nothing")), usr("nothing"));
  EXPECT_NE(M.variable(var("v")), nullptr);
}

TEST(ProgramModelTest, ProgramStartsAreThoseOfTheMainsThatReachTheFunction) {
  // Two programs in one build: 'server' starts a thread whose entry starts
  // another; 'tool' starts none. Both call 'shared'.
  Unit U;
  U.fn("server", 1, /*Main=*/true).fn("tool", 2, /*Main=*/true);
  U.fn("shared", 3).fn("toolOnly", 4).fn("worker", 5).fn("nested", 6).fn("inWorker", 7);
  U.fn("orphan", 8);
  U.call("server", "shared", 10).call("tool", "shared", 11).call("tool", "toolOnly", 12);
  U.start("server", "worker", 13).start("worker", "nested", 14);
  U.call("worker", "inWorker", 15);
  ProgramModel M;
  M.add(U.F);
  M.finalize();
  auto Lines = [&](const std::string &Fn) {
    std::vector<unsigned> Out;
    for (const ThreadStartFact &S : M.programStarts(usr(Fn)))
      Out.push_back(S.Where.Line);
    return Out;
  };
  EXPECT_EQ(Lines("shared"), (std::vector<unsigned>{13, 14}));
  EXPECT_EQ(Lines("toolOnly"), std::vector<unsigned>{});
  EXPECT_EQ(Lines("tool"), std::vector<unsigned>{});
  // Code a thread of the server runs belongs to the server's program.
  EXPECT_EQ(Lines("inWorker"), (std::vector<unsigned>{13, 14}));
  // Reached from no main: a library, every start counts.
  EXPECT_EQ(Lines("orphan"), (std::vector<unsigned>{13, 14}));
}

TEST(ProgramModelTest, ReadableNamesOfUsrs) {
  EXPECT_EQ(ProgramModel::readableName("leveldb::PosixError"), "leveldb::PosixError");
  EXPECT_EQ(ProgramModel::readableName("lambda at a.cpp:3:9"), "lambda at a.cpp:3:9");
  EXPECT_EQ(ProgramModel::readableName(
                "c:@N@leveldb@S@Env@F@GetChildren#&1$@N@std@S@basic_string>#C#"),
            "leveldb::Env::GetChildren");
  EXPECT_EQ(ProgramModel::readableName("c:a.cc@N@db@aN@S@Impl@F@run#"), "db::Impl::run");
  EXPECT_EQ(ProgramModel::readableName("c:@ST>1#T@Pool@F@submit#"), "Pool::submit");
  EXPECT_EQ(ProgramModel::readableName("c:@F@main#@/src/a.cpp"), "main");
}

TEST(ProgramModelTest, LibraryWithoutMain) {
  // `start` starts `worker`, `set` writes what `worker` reads; nothing
  // calls `start` or `set`: the calling thread runs them. `helper` is
  // called only by `worker` and `ping`/`pong` only by each other.
  Unit U;
  U.fn("start", 10).fn("set", 20).fn("worker", 30).fn("helper", 40);
  U.fn("ping", 50).fn("pong", 60).global("value").global("scratch");
  U.start("start", "worker", 11).call("worker", "helper", 31);
  U.call("ping", "pong", 51).call("pong", "ping", 61);
  U.write("set", "value", 21).read("worker", "value", 32);
  U.write("helper", "scratch", 41).read("pong", "scratch", 62);
  ProgramModel M;
  M.add(U.F);
  M.finalize();
  ASSERT_EQ(M.contexts().size(), 2u);
  EXPECT_EQ(M.contexts()[0].Name, "calling thread");
  EXPECT_TRUE(M.contexts()[0].IsMain);
  EXPECT_EQ(M.contexts()[0].EntryUsr, "");
  EXPECT_EQ(M.functionsOf(0),
            (Strings{usr("ping"), usr("pong"), usr("set"), usr("start")}));
  EXPECT_EQ(M.functionsOf(1), (Strings{usr("helper"), usr("worker")}));
  EXPECT_EQ(M.contextsOf(usr("helper")), std::vector<unsigned>{1});
  EXPECT_EQ(M.callPath(0, usr("pong")), (Strings{"ping", "pong"}));

  std::vector<Race> Races = M.findRaces();
  ASSERT_EQ(Races.size(), 2u);
  EXPECT_EQ(Races[0].Variable.Name, "scratch");
  EXPECT_EQ(Races[0].WritePath, (Strings{"worker", "helper"}));
  EXPECT_EQ(Races[0].OtherPath, (Strings{"ping", "pong"}));
  EXPECT_EQ(Races[1].Variable.Name, "value");
  EXPECT_EQ(Races[1].WriteContext.Name, "calling thread");
  EXPECT_EQ(Races[1].WritePath, Strings{"set"});
  EXPECT_EQ(Races[1].OtherPath, Strings{"worker"});
}

TEST(ProgramModelTest, StartWithUnknownEntryMakesNoContext) {
  Unit U;
  U.fn("main", 10, true).global("g").start("main", "", 11).write("main", "g", 12);
  ProgramModel M;
  M.add(U.F);
  M.finalize();
  EXPECT_EQ(M.contexts().size(), 1u);
  EXPECT_TRUE(M.findRaces().empty());
}

/// A reference that pairs every access with every access and every context
/// with every context, as the definition says; the model pairs groups.
std::string bruteForceRaces(const ProgramModel &M) {
  const std::vector<ThreadContext> &Cs = M.contexts();
  std::vector<unsigned> Rank(Cs.size());
  {
    std::vector<unsigned> Order(Cs.size());
    for (unsigned I = 0; I < Order.size(); ++I)
      Order[I] = I;
    std::sort(Order.begin(), Order.end(), [&](unsigned A, unsigned B) {
      return std::tie(Cs[A].Name, Cs[A].EntryUsr, A) <
             std::tie(Cs[B].Name, Cs[B].EntryUsr, B);
    });
    for (unsigned R = 0; R < Order.size(); ++R)
      Rank[Order[R]] = R;
  }
  auto Key = [&](const AccessFact &W, const AccessFact &O, unsigned CW, unsigned CO) {
    return std::make_tuple(W.Where, O.Where, Rank[CW], Rank[CO], W.Where, W.FunctionUsr,
                           W.VariableUsr, W.IsWrite, W.IsReadModifyWrite, W.Locks,
                           W.Sequential, O.Where, O.FunctionUsr, O.VariableUsr,
                           O.IsWrite, O.IsReadModifyWrite, O.Locks, O.Sequential);
  };
  std::ostringstream OS;
  for (const VariableFact &V : M.variables()) {
    if (V.IsConst || V.IsAtomic || V.IsThreadLocal)
      continue;
    std::optional<decltype(Key(AccessFact(), AccessFact(), 0, 0))> Best;
    for (const AccessFact &W : M.accesses()) {
      if (W.VariableUsr != V.Usr || !W.IsWrite)
        continue;
      const FunctionFact *WF = M.function(W.FunctionUsr);
      if (W.Sequential && WF && WF->IsProgramEntry)
        continue;
      for (const AccessFact &O : M.accesses()) {
        if (O.VariableUsr != V.Usr)
          continue;
        const FunctionFact *OF = M.function(O.FunctionUsr);
        if (O.Sequential && OF && OF->IsProgramEntry)
          continue;
        bool Common = false;
        for (const std::string &L : W.Locks)
          Common |= std::count(O.Locks.begin(), O.Locks.end(), L) > 0;
        if (Common)
          continue;
        for (unsigned CW : M.contextsOf(W.FunctionUsr))
          for (unsigned CO : M.contextsOf(O.FunctionUsr)) {
            if (CW == CO && !Cs[CW].Many)
              continue;
            auto K = Key(W, O, CW, CO);
            if (!Best || K < *Best)
              Best = K;
          }
      }
    }
    if (Best)
      OS << V.Usr << " " << std::get<5>(*Best) << ":" << std::get<0>(*Best).Line << " "
         << std::get<12>(*Best) << ":" << std::get<1>(*Best).Line << "\n";
  }
  return OS.str();
}

std::string briefly(const std::vector<Race> &Races) {
  std::ostringstream OS;
  for (const Race &R : Races)
    OS << R.Variable.Usr << " " << R.Write.FunctionUsr << ":" << R.Write.Where.Line << " "
       << R.Other.FunctionUsr << ":" << R.Other.Where.Line << "\n";
  return OS.str();
}

/// Random programs: the model agrees with the reference, whatever the
/// order of units and facts, and its paths are real call paths.
TEST(ProgramModelTest, AgreesWithBruteForceOnRandomPrograms) {
  std::mt19937 Random(5);
  unsigned Raced = 0;
  for (int Round = 0; Round < 300; ++Round) {
    const unsigned NF = 2 + Random() % 12, NV = 1 + Random() % 3;
    auto F = [&] { return "f" + std::to_string(Random() % NF); };
    std::vector<Unit> Units(1 + Random() % 3);
    auto Any = [&]() -> Unit & { return Units[Random() % Units.size()]; };
    bool HasMain = Random() % 2;
    for (unsigned I = 0; I < NF; ++I)
      Any().fn("f" + std::to_string(I), 100 + I, HasMain && I == 0);
    for (unsigned I = 0; I < NV; ++I)
      Any().global("v" + std::to_string(I), Random() % 6 == 0);
    for (unsigned I = Random() % (2 * NF); I > 0; --I)
      Any().call(F(), F(), Random() % 50);
    for (unsigned I = Random() % 3; I > 0; --I)
      Any().overrides(F(), F());
    for (unsigned I = Random() % 4; I > 0; --I)
      Any().start(F(), F(), Random() % 50, Random() % 4 == 0);
    for (unsigned I = Random() % 12; I > 0; --I) {
      Strings Locks;
      if (Random() % 3 == 0)
        Locks.push_back("c:@mu" + std::to_string(Random() % 2));
      Any().access(F(), "v" + std::to_string(Random() % NV), Random() % 30, Random() % 2,
                   Locks, Random() % 4 == 0);
    }
    std::vector<TranslationUnitFacts> Facts;
    for (const Unit &U : Units)
      Facts.push_back(U.F);
    ProgramModel M;
    for (const TranslationUnitFacts &U : Facts)
      M.add(U);
    M.finalize();
    std::vector<Race> Races = M.findRaces();
    Raced += !Races.empty();
    ASSERT_EQ(briefly(Races), bruteForceRaces(M)) << "round " << Round;
    for (const Race &R : Races) {
      for (const auto &[Path, Access] :
           {std::pair(R.WritePath, R.Write), std::pair(R.OtherPath, R.Other)}) {
        ASSERT_FALSE(Path.empty());
        EXPECT_EQ(Path.back(), M.functionName(Access.FunctionUsr));
        for (size_t I = 0; I + 1 < Path.size(); ++I) {
          Strings Next = M.callees(usr(Path[I]));
          EXPECT_TRUE(std::count(Next.begin(), Next.end(), usr(Path[I + 1])))
              << Path[I] << " does not call " << Path[I + 1];
        }
      }
    }
    std::reverse(Facts.begin(), Facts.end());
    for (TranslationUnitFacts &U : Facts) {
      std::shuffle(U.Calls.begin(), U.Calls.end(), Random);
      std::shuffle(U.Accesses.begin(), U.Accesses.end(), Random);
      std::shuffle(U.ThreadStarts.begin(), U.ThreadStarts.end(), Random);
    }
    EXPECT_EQ(dump(racesOf(Facts)), dump(Races)) << "round " << Round;
  }
  // The generator makes racy programs often enough to test something.
  EXPECT_GT(Raced, 100u);
}

TEST(ProgramModelTest, DeepAndWideGraphs) {
  // A call chain 100000 deep in a library (no recursion limit anywhere),
  // and 200 threads each calling into it.
  Unit U;
  const unsigned N = 100000;
  U.global("g");
  for (unsigned I = 0; I < N; ++I) {
    U.fn("f" + std::to_string(I), I + 1);
    if (I + 1 < N)
      U.call("f" + std::to_string(I), "f" + std::to_string(I + 1), I + 1);
  }
  for (unsigned T = 0; T < 200; ++T) {
    std::string Name = "t" + std::to_string(T);
    U.fn(Name, T + 1, false)
        .start("f0", Name, 1)
        .call(Name, "f" + std::to_string(N - 10 * T - 1), T + 1);
  }
  U.write("f" + std::to_string(N - 1), "g", 7);
  ProgramModel M;
  M.add(U.F);
  M.finalize();
  EXPECT_EQ(M.contexts().size(), 201u);
  // Each thread has one start, in a function only the calling thread runs.
  EXPECT_FALSE(M.contexts()[1].Many);
  std::vector<Race> Races = M.findRaces();
  ASSERT_EQ(Races.size(), 1u);
  EXPECT_EQ(Races[0].WriteContext.Name, "calling thread");
  EXPECT_EQ(Races[0].WritePath.size(), N);
  EXPECT_EQ(Races[0].OtherContext.Name, "t0");
  EXPECT_EQ(Races[0].OtherPath, (Strings{"t0", "f99999"}));
}

} // namespace
