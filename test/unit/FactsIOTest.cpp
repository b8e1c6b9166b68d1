//===- test/unit/FactsIOTest.cpp - Facts to YAML and back ------------------===//
#include "model/FactsIO.h"
#include "model/FactsNode.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <random>

using namespace conc;

namespace {

SourcePoint at(const std::string &File, unsigned Line, unsigned Column) {
  SourcePoint P;
  P.File = File;
  P.Line = Line;
  P.Column = Column;
  return P;
}

/// One fact of each kind with every field set to a value no other field
/// has, so that a field read into the wrong member shows.
TranslationUnitFacts sample() {
  TranslationUnitFacts F;
  F.File = "/src/a.cpp";
  F.Functions.push_back({"c:@F@main#", "main", at("/src/a.cpp", 3, 5), true});
  F.Functions.push_back({"c:@F@work#", "work", at("/src/b.h", 10, 6), false, "c:@S@Q"});
  F.Calls.push_back({"c:@F@main#", "c:@F@work#", at("/src/a.cpp", 4, 3), {"c:@mu1"}});
  F.Overrides.push_back({"c:@S@D@F@run#", "c:@S@B@F@run#"});
  F.ThreadStarts.push_back(
      {"c:@F@main#", "c:@F@work#", "std::thread", at("/src/a.cpp", 5, 15), true});
  F.ThreadStarts.push_back(
      {"c:@F@main#", "", "std::async", at("/src/a.cpp", 6, 7), false});
  F.Variables.push_back(
      {"c:@n", "ns::n", "int", at("/src/a.cpp", 1, 12), true, false, true, false});
  FixIt &Fix = F.Variables.back().AtomicFix;
  Fix.Begin = at("/src/a.cpp", 1, 8);
  Fix.End = at("/src/a.cpp", 1, 11);
  Fix.Offset = 40;
  Fix.Length = 3;
  Fix.Replacement = "std::atomic<int>";
  FixIt &Include = F.Variables.back().AtomicInclude;
  Include.Begin = Include.End = at("/src/a.cpp", 1, 1);
  Include.Replacement = AtomicIncludeLine;
  F.Variables.push_back({"c:@m", "m", "std::atomic<int>", at("/src/a.cpp", 2, 18), false,
                         true, false, true});
  AccessFact A;
  A.FunctionUsr = "c:@F@work#";
  A.VariableUsr = "c:@n";
  A.Where = at("/src/b.h", 11, 3);
  A.IsWrite = true;
  A.IsReadModifyWrite = true;
  A.AtomicReady = true;
  A.Locks = {"c:@mu1", "c:@mu2"};
  A.Sequential = false;
  F.Accesses.push_back(A);
  AccessFact B;
  B.FunctionUsr = "c:@F@main#";
  B.VariableUsr = "c:@m";
  B.Where = at("/src/a.cpp", 4, 9);
  B.Sequential = true;
  B.Phase = 2;
  B.OneThread = "construct:/src/a.cpp:3:1@c:@F@main#";
  B.IndexVar = "c:a.cpp@40@F@main#@i#0";
  B.IndexOffset = -1;
  B.Releases = {"c:@ready|omp-atomic"};
  B.Acquires = {"c:@go|omp-critical:gate"};
  B.TaskGenerator = "construct:/src/a.cpp:3:1@c:@F@main#";
  B.TaskEpoch = 1;
  B.InTask = true;
  F.Accesses.push_back(B);
  VariableFact Field{"c:@S@Q@FI@n", "Q::n", "int", at("/src/b.h", 2, 7)};
  Field.Kind = VariableKind::Field;
  Field.OwnerUsr = "c:@S@Q";
  F.Variables.push_back(Field);
  F.UnsafeCalls.push_back({"c:@F@work#", "strtok", at("/src/b.h", 12, 9)});
  ForkFact Fork;
  Fork.CallerUsr = "c:@F@main#";
  Fork.Api = "fork";
  Fork.Where = at("/src/a.cpp", 7, 11);
  Fork.Sequential = true;
  Fork.ChildCall = "printf";
  Fork.ChildCallWhere = at("/src/a.cpp", 8, 5);
  F.Forks.push_back(Fork);
  ForkFact Unknown;
  Unknown.CallerUsr = "c:@F@work#";
  Unknown.Api = "vfork";
  Unknown.Where = at("/src/b.h", 13, 3);
  Unknown.ChildUnknown = true;
  F.Forks.push_back(Unknown);
  F.WorkCalls.push_back({"c:@F@work#", "recv", "socket", true, true, at("/src/b.h", 14, 7), 2,
                         {"c:@mu1"}});
  F.ComputeLoops.push_back({"c:@F@work#", at("/src/b.h", 15, 3), 2, 6, 1, {"c:@mu2"}});
  F.LoopedCalls.push_back({"c:@F@main#", "c:@F@work#"});
  F.SiteLoops.push_back({at("/src/a.cpp", 5, 15), at("/src/a.cpp", 4, 3), "range", true, 8});
  ProcessStartFact P;
  P.CallerUsr = "c:@F@main#";
  P.Api = "fork";
  P.Kind = "fork";
  P.Where = at("/src/a.cpp", 7, 11);
  P.Many = true;
  P.ChildKnown = true;
  P.ChildBegin = at("/src/a.cpp", 7, 20);
  P.ChildEnd = at("/src/a.cpp", 9, 3);
  P.ChildCallees = {"c:@F@work#"};
  P.ChildExecs = true;
  F.ProcessStarts.push_back(P);
  return F;
}

template <typename T>
void expectSameList(const std::vector<T> &A, const std::vector<T> &B) {
  ASSERT_EQ(A.size(), B.size());
  for (size_t I = 0; I < A.size(); ++I)
    EXPECT_TRUE(factEqual(A[I], B[I])) << "element " << I;
}

void expectSameFacts(const TranslationUnitFacts &A, const TranslationUnitFacts &B) {
  EXPECT_EQ(A.Version, B.Version);
  EXPECT_EQ(A.File, B.File);
  expectSameList(A.Functions, B.Functions);
  expectSameList(A.Calls, B.Calls);
  expectSameList(A.Overrides, B.Overrides);
  expectSameList(A.ThreadStarts, B.ThreadStarts);
  expectSameList(A.Variables, B.Variables);
  expectSameList(A.Accesses, B.Accesses);
  expectSameList(A.UnsafeCalls, B.UnsafeCalls);
  expectSameList(A.Forks, B.Forks);
  expectSameList(A.WorkCalls, B.WorkCalls);
  expectSameList(A.ComputeLoops, B.ComputeLoops);
  expectSameList(A.LoopedCalls, B.LoopedCalls);
  expectSameList(A.SiteLoops, B.SiteLoops);
  expectSameList(A.ProcessStarts, B.ProcessStarts);
}

/// The facts read back from writeFacts(F); fails the test on an error.
TranslationUnitFacts roundTrip(const TranslationUnitFacts &F) {
  std::string Text = writeFacts(F);
  auto Read = readFacts(Text, "f.yaml");
  if (!Read) {
    ADD_FAILURE() << llvm::toString(Read.takeError()) << "\n" << Text;
    return {};
  }
  return std::move(*Read);
}

/// The error of reading `Text` as "f.yaml", or "" when it reads.
std::string errorOf(llvm::StringRef Text) {
  auto Read = readFacts(Text, "f.yaml");
  if (Read)
    return "";
  return llvm::toString(Read.takeError());
}

TEST(FactsIOTest, WritesTheDocumentedFormat) {
  EXPECT_EQ(
      writeFacts(sample()),
      "version: 8\n"
      "file: /src/a.cpp\n"
      "functions:\n"
      "  - {usr: c:@F@main#, name: main, file: /src/a.cpp, line: 3, column: 5, main: true}\n"
      "  - {usr: c:@F@work#, name: work, file: /src/b.h, line: 10, column: 6, class: c:@S@Q}\n"
      "calls:\n"
      "  - {caller: c:@F@main#, callee: c:@F@work#, file: /src/a.cpp, line: 4, column: 3, locks: [c:@mu1]}\n"
      "overrides:\n"
      "  - {method: c:@S@D@F@run#, overridden: c:@S@B@F@run#}\n"
      "thread-starts:\n"
      "  - {caller: c:@F@main#, entry: c:@F@work#, api: std::thread, file: /src/a.cpp, line: 5, column: 15, many: true}\n"
      "  - {caller: c:@F@main#, entry: \"\", api: std::async, file: /src/a.cpp, line: 6, column: 7}\n"
      "variables:\n"
      "  - {usr: c:@S@Q@FI@n, name: Q::n, type: int, file: /src/b.h, line: 2, column: 7, kind: field, owner: c:@S@Q}\n"
      "  - {usr: c:@m, name: m, type: std::atomic<int>, file: /src/a.cpp, line: 2, column: 18, atomic: true, scalar: true}\n"
      "  - {usr: c:@n, name: ns::n, type: int, file: /src/a.cpp, line: 1, column: 12, const: true, thread-local: true, fix-offset: 40, fix-length: 3, fix-line: 1, fix-column: 8, fix-text: std::atomic<int>, include-offset: 0, include-line: 1}\n"
      "accesses:\n"
      "  - {function: c:@F@main#, variable: c:@m, file: /src/a.cpp, line: 4, column: 9, sequential: true, phase: 2, one-thread: construct:/src/a.cpp:3:1@c:@F@main#, index: c:a.cpp@40@F@main#@i#0, index-offset: -1, releases: [c:@ready|omp-atomic], acquires: [c:@go|omp-critical:gate], task-generator: construct:/src/a.cpp:3:1@c:@F@main#, task-epoch: 1, in-task: true}\n"
      "  - {function: c:@F@work#, variable: c:@n, file: /src/b.h, line: 11, column: 3, write: true, rmw: true, atomic-ready: true, locks: [c:@mu1, c:@mu2]}\n"
      "unsafe-calls:\n"
      "  - {caller: c:@F@work#, api: strtok, file: /src/b.h, line: 12, column: 9}\n"
      "forks:\n"
      "  - {caller: c:@F@main#, api: fork, file: /src/a.cpp, line: 7, column: 11, sequential: true, child-call: printf, child-file: /src/a.cpp, child-line: 8, child-column: 5}\n"
      "  - {caller: c:@F@work#, api: vfork, file: /src/b.h, line: 13, column: 3, child-unknown: true}\n"
      "work-calls:\n"
      "  - {caller: c:@F@work#, api: recv, kind: socket, file: /src/b.h, line: 14, column: 7, blocking: true, strong: true, loop-depth: 2, locks: [c:@mu1]}\n"
      "compute-loops:\n"
      "  - {function: c:@F@work#, file: /src/b.h, line: 15, column: 3, depth: 2, operations: 6, enclosing-loops: 1, locks: [c:@mu2]}\n"
      "looped-calls:\n"
      "  - {caller: c:@F@main#, callee: c:@F@work#}\n"
      "site-loops:\n"
      "  - {file: /src/a.cpp, line: 5, column: 15, loop-file: /src/a.cpp, loop-line: 4, loop-column: 3, shape: range, per-item: true, bound: 8}\n"
      "process-starts:\n"
      "  - {caller: c:@F@main#, api: fork, kind: fork, file: /src/a.cpp, line: 7, column: 11, many: true, child-known: true, child-begin-file: /src/a.cpp, child-begin-line: 7, child-begin-column: 20, child-end-file: /src/a.cpp, child-end-line: 9, child-end-column: 3, child-callees: [c:@F@work#], child-execs: true}\n"
      "python-entries: []\n"
      "python-calls: []\n"
      "thread-counts: []\n");
}

TEST(FactsIOTest, EmptyListsAreWrittenEmpty) {
  TranslationUnitFacts F;
  F.File = "x.cpp";
  EXPECT_EQ(writeFacts(F), "version: 8\nfile: x.cpp\nfunctions: []\ncalls: []\n"
                           "overrides: []\nthread-starts: []\nvariables: []\n"
                           "accesses: []\nunsafe-calls: []\nforks: []\nwork-calls: []\n"
                           "compute-loops: []\nlooped-calls: []\nsite-loops: []\n"
                           "process-starts: []\npython-entries: []\npython-calls: []\n"
                           "thread-counts: []\n");
  TranslationUnitFacts Back = roundTrip(F);
  EXPECT_EQ(Back.File, "x.cpp");
  EXPECT_TRUE(Back.Functions.empty());
}

TEST(FactsIOTest, RoundTripsEveryField) {
  TranslationUnitFacts In = sample();
  TranslationUnitFacts Out = roundTrip(In);
  canonicalizeFacts(In);
  expectSameFacts(In, Out);

  // And by value, in case factEqual missed a field.
  ASSERT_EQ(Out.Functions.size(), 2u);
  EXPECT_EQ(Out.Functions[0].Usr, "c:@F@main#");
  EXPECT_EQ(Out.Functions[0].Name, "main");
  EXPECT_EQ(Out.Functions[0].Where.File, "/src/a.cpp");
  EXPECT_EQ(Out.Functions[0].Where.Line, 3u);
  EXPECT_EQ(Out.Functions[0].Where.Column, 5u);
  EXPECT_TRUE(Out.Functions[0].IsProgramEntry);
  EXPECT_FALSE(Out.Functions[1].IsProgramEntry);
  ASSERT_EQ(Out.Calls.size(), 1u);
  EXPECT_EQ(Out.Calls[0].CallerUsr, "c:@F@main#");
  EXPECT_EQ(Out.Calls[0].CalleeUsr, "c:@F@work#");
  EXPECT_EQ(Out.Calls[0].Where.Line, 4u);
  ASSERT_EQ(Out.Overrides.size(), 1u);
  EXPECT_EQ(Out.Overrides[0].MethodUsr, "c:@S@D@F@run#");
  EXPECT_EQ(Out.Overrides[0].OverriddenUsr, "c:@S@B@F@run#");
  ASSERT_EQ(Out.ThreadStarts.size(), 2u);
  EXPECT_EQ(Out.ThreadStarts[0].EntryUsr, "c:@F@work#");
  EXPECT_EQ(Out.ThreadStarts[0].Api, "std::thread");
  EXPECT_EQ(Out.ThreadStarts[0].Where.Column, 15u);
  EXPECT_TRUE(Out.ThreadStarts[0].Many);
  EXPECT_EQ(Out.ThreadStarts[1].EntryUsr, "");
  EXPECT_EQ(Out.ThreadStarts[1].Api, "std::async");
  EXPECT_FALSE(Out.ThreadStarts[1].Many);
  ASSERT_EQ(Out.Variables.size(), 3u);
  const VariableFact &M = Out.Variables[1], &N = Out.Variables[2];
  EXPECT_EQ(M.Type, "std::atomic<int>");
  EXPECT_FALSE(M.IsConst);
  EXPECT_TRUE(M.IsAtomic);
  EXPECT_FALSE(M.IsThreadLocal);
  EXPECT_TRUE(M.IsScalar);
  EXPECT_EQ(N.Name, "ns::n");
  EXPECT_TRUE(N.IsConst);
  EXPECT_FALSE(N.IsAtomic);
  EXPECT_TRUE(N.IsThreadLocal);
  EXPECT_FALSE(N.IsScalar);
  ASSERT_EQ(Out.Accesses.size(), 2u);
  const AccessFact &R = Out.Accesses[0], &W = Out.Accesses[1];
  EXPECT_FALSE(R.IsWrite);
  EXPECT_FALSE(R.IsReadModifyWrite);
  EXPECT_TRUE(R.Locks.empty());
  EXPECT_TRUE(R.Sequential);
  EXPECT_EQ(R.Phase, 2);
  EXPECT_EQ(R.OneThread, "construct:/src/a.cpp:3:1@c:@F@main#");
  EXPECT_EQ(R.IndexVar, "c:a.cpp@40@F@main#@i#0");
  EXPECT_EQ(R.IndexOffset, -1);
  EXPECT_EQ(R.Releases, (std::vector<std::string>{"c:@ready|omp-atomic"}));
  EXPECT_EQ(R.Acquires, (std::vector<std::string>{"c:@go|omp-critical:gate"}));
  EXPECT_EQ(R.TaskGenerator, "construct:/src/a.cpp:3:1@c:@F@main#");
  EXPECT_EQ(R.TaskEpoch, 1);
  EXPECT_TRUE(R.InTask);
  EXPECT_EQ(W.FunctionUsr, "c:@F@work#");
  EXPECT_EQ(W.VariableUsr, "c:@n");
  EXPECT_EQ(W.Where.File, "/src/b.h");
  EXPECT_TRUE(W.IsWrite);
  EXPECT_TRUE(W.IsReadModifyWrite);
  EXPECT_EQ(W.Locks, (std::vector<std::string>{"c:@mu1", "c:@mu2"}));
  EXPECT_FALSE(W.Sequential);
  EXPECT_EQ(W.Phase, -1);
  EXPECT_TRUE(W.IndexVar.empty());
  EXPECT_TRUE(W.Releases.empty() && W.Acquires.empty() && W.TaskGenerator.empty());
  EXPECT_FALSE(W.InTask);
  EXPECT_EQ(Out.Calls[0].Locks, (std::vector<std::string>{"c:@mu1"}));
  EXPECT_EQ(Out.Functions[1].ClassUsr, "c:@S@Q");
  EXPECT_EQ(Out.Variables[0].Kind, VariableKind::Field);
  EXPECT_EQ(Out.Variables[0].OwnerUsr, "c:@S@Q");
  EXPECT_EQ(M.Kind, VariableKind::Global);
  ASSERT_EQ(Out.UnsafeCalls.size(), 1u);
  EXPECT_EQ(Out.UnsafeCalls[0].CallerUsr, "c:@F@work#");
  EXPECT_EQ(Out.UnsafeCalls[0].Api, "strtok");
  EXPECT_EQ(Out.UnsafeCalls[0].Where.Column, 9u);
  ASSERT_EQ(Out.Forks.size(), 2u);
  const ForkFact &Fk = Out.Forks[0], &Vf = Out.Forks[1];
  EXPECT_EQ(Fk.Api, "fork");
  EXPECT_TRUE(Fk.Sequential);
  EXPECT_FALSE(Fk.ChildUnknown);
  EXPECT_EQ(Fk.ChildCall, "printf");
  EXPECT_EQ(Fk.ChildCallWhere.File, "/src/a.cpp");
  EXPECT_EQ(Fk.ChildCallWhere.Line, 8u);
  EXPECT_EQ(Fk.ChildCallWhere.Column, 5u);
  EXPECT_EQ(Vf.Api, "vfork");
  EXPECT_FALSE(Vf.Sequential);
  EXPECT_TRUE(Vf.ChildUnknown);
  EXPECT_TRUE(Vf.ChildCall.empty());
  ASSERT_EQ(Out.WorkCalls.size(), 1u);
  const WorkCallFact &Wc = Out.WorkCalls[0];
  EXPECT_EQ(Wc.Api, "recv");
  EXPECT_EQ(Wc.Kind, "socket");
  EXPECT_TRUE(Wc.Blocking);
  EXPECT_TRUE(Wc.Strong);
  EXPECT_EQ(Wc.LoopDepth, 2u);
  EXPECT_EQ(Wc.Where.Line, 14u);
  EXPECT_EQ(Wc.Locks, (std::vector<std::string>{"c:@mu1"}));
  ASSERT_EQ(Out.ComputeLoops.size(), 1u);
  EXPECT_EQ(Out.ComputeLoops[0].Depth, 2u);
  EXPECT_EQ(Out.ComputeLoops[0].Operations, 6u);
  EXPECT_EQ(Out.ComputeLoops[0].EnclosingLoops, 1u);
  EXPECT_EQ(Out.ComputeLoops[0].Locks, (std::vector<std::string>{"c:@mu2"}));
  ASSERT_EQ(Out.LoopedCalls.size(), 1u);
  EXPECT_EQ(Out.LoopedCalls[0].CalleeUsr, "c:@F@work#");
  ASSERT_EQ(Out.SiteLoops.size(), 1u);
  EXPECT_EQ(Out.SiteLoops[0].Loop.Line, 4u);
  EXPECT_EQ(Out.SiteLoops[0].Shape, "range");
  EXPECT_TRUE(Out.SiteLoops[0].PerItem);
  EXPECT_EQ(Out.SiteLoops[0].Bound, 8);
  ASSERT_EQ(Out.ProcessStarts.size(), 1u);
  const ProcessStartFact &Ps = Out.ProcessStarts[0];
  EXPECT_EQ(Ps.Kind, "fork");
  EXPECT_TRUE(Ps.Many);
  EXPECT_TRUE(Ps.ChildKnown);
  EXPECT_EQ(Ps.ChildBegin.Column, 20u);
  EXPECT_EQ(Ps.ChildEnd.Line, 9u);
  EXPECT_EQ(Ps.ChildCallees, (std::vector<std::string>{"c:@F@work#"}));
  EXPECT_TRUE(Ps.ChildExecs);
  // The child's range is written exactly when the child is known.
  EXPECT_EQ(errorOf("version: 8\nfile: a\nprocess-starts:\n  - {caller: f, api: fork, kind: "
                    "fork, file: a, line: 1, column: 1, child-begin-line: 2}\n"),
            "f.yaml:4: 'child-begin-line' needs 'child-known: true'");
}

TEST(FactsIOTest, RejectsBadForksAndUnsafeCalls) {
  const std::string Head = "version: 8\nfile: a.cpp\n";
  EXPECT_EQ(errorOf(Head + "forks:\n  - {caller: f, api: fork, file: a, line: 1, "
                           "column: 1, child-file: a}\n"),
            "f.yaml:4: 'child-file' needs 'child-call'");
  EXPECT_EQ(errorOf(Head + "forks:\n  - {caller: f, api: fork, file: a, line: 1, "
                           "column: 1, child-call: printf, child-file: a}\n"),
            "f.yaml:4: missing required key 'child-line' in an entry of 'forks'");
  EXPECT_EQ(errorOf(Head + "forks:\n  - {caller: f, api: fork, file: a, line: 1, "
                           "column: 1, sequential: yes}\n"),
            "f.yaml:4: 'sequential' must be true or false, got 'yes'");
  EXPECT_EQ(errorOf(Head + "unsafe-calls:\n  - {caller: f, file: a, line: 1, column: 1}\n"),
            "f.yaml:4: missing required key 'api' in an entry of 'unsafe-calls'");
  EXPECT_EQ(errorOf(Head + "unsafe-calls:\n  - {caller: f, api: rand, file: a, line: 1, "
                           "column: 1, many: true}\n"),
            "f.yaml:4: unknown key 'many' in an entry of 'unsafe-calls' (expected one of: "
            "caller, api, file, line, column)");
  EXPECT_EQ(errorOf(Head + "forks: {}\n"), "f.yaml:3: 'forks' must be a list");
}

TEST(FactsIOTest, NumbersRoundTripExactly) {
  TranslationUnitFacts F;
  F.Functions.push_back({"u", "n", at("f", 0, 4294967295u), false});
  F.Functions.push_back({"v", "n", at("f", 4294967295u, 0), false});
  TranslationUnitFacts Out = roundTrip(F);
  ASSERT_EQ(Out.Functions.size(), 2u);
  EXPECT_EQ(Out.Functions[0].Where.Line, 0u);
  EXPECT_EQ(Out.Functions[0].Where.Column, 4294967295u);
  EXPECT_EQ(Out.Functions[1].Where.Line, 4294967295u);
  EXPECT_EQ(Out.Functions[1].Where.Column, 0u);
}

/// Strings that YAML would read as something else, or that need quotes or
/// escapes, or that are not text at all.
std::vector<std::string> awkwardStrings() {
  return {"",
          "null",
          "~",
          "true",
          "false",
          "12",
          "-1",
          "0x1f",
          "1.5",
          " leading",
          "trailing ",
          "a: b",
          "a:b",
          "#x",
          "a #b",
          "- x",
          "-",
          "---",
          "...",
          "a,b",
          "[x]",
          "{y}",
          "&anchor",
          "*alias",
          "!tag",
          "!!binary",
          "%x",
          "@x",
          "`x",
          "|",
          "> x",
          "? x",
          "<<",
          "'single'",
          "\"double\"",
          "back\\slash",
          "\n",
          "two\nlines\n",
          "\r\n",
          "cr\r",
          "\ttab",
          std::string("nul\0byte", 8),
          "\x01\x1f\x7f",
          "\xc2\x85 next line",
          "\xe2\x80\xa8 line separator",
          "\xef\xbb\xbf bom",
          "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80",
          "\xef\xbf\xbe noncharacter",
          "\xff\xfe not utf-8",
          "\xc3",
          "c:@N@ns@S@Foo@F@operator()#&1I#",
          "c:a.cpp@123@F@f#",
          "lambda at /src/a b.cpp:3:9"};
}

TEST(FactsIOTest, RoundTripsAwkwardStrings) {
  for (const std::string &S : awkwardStrings()) {
    TranslationUnitFacts F;
    F.File = S;
    F.Functions.push_back({S, S, at(S, 1, 2), true});
    F.Calls.push_back({S, S, at(S, 1, 2)});
    F.Overrides.push_back({S, S});
    F.ThreadStarts.push_back({S, S, S, at(S, 1, 2), true});
    F.Variables.push_back({S, S, S, at(S, 1, 2), true, true, true, true});
    AccessFact A;
    A.FunctionUsr = A.VariableUsr = A.Where.File = S;
    A.Locks = {S};
    F.Accesses.push_back(A);
    TranslationUnitFacts Out = roundTrip(F);
    SCOPED_TRACE("string: '" + S + "'\n" + writeFacts(F));
    EXPECT_EQ(Out.File, S);
    expectSameFacts(F, Out);
    ASSERT_EQ(Out.Accesses.size(), 1u);
    EXPECT_EQ(Out.Accesses[0].Locks, std::vector<std::string>{S});
  }
}

/// The writer's output is read by the fast scanner (model/FactsNode.h), and
/// gives the same facts as yaml-cpp: a comment line, which the scanner does
/// not take, sends the same text through yaml-cpp.
TEST(FactsIOTest, FastPathAgreesWithYamlCpp) {
  std::mt19937 Random(11);
  std::vector<std::string> Strings = awkwardStrings();
  for (int I = 0; I < 500; ++I) {
    std::string S(Random() % 10, '\0');
    for (char &C : S)
      C = static_cast<char>(Random() % 256);
    Strings.push_back(S);
  }
  for (const std::string &S : Strings) {
    TranslationUnitFacts F = sample();
    F.File = S;
    F.Functions.push_back({S, S, at(S, 1, 2), true, S});
    F.Calls.push_back({S, S, at(S, 1, 2), {S, "b"}});
    F.Variables.push_back({S, S, S, at(S, 1, 2), true, true, true, true});
    std::string Text = writeFacts(F);
    SCOPED_TRACE(Text);
    auto Fast = readFacts(Text, "f.yaml");
    auto Slow = readFacts("# through yaml-cpp\n" + Text, "f.yaml");
    ASSERT_TRUE(bool(Fast)) << llvm::toString(Fast.takeError());
    ASSERT_TRUE(bool(Slow)) << llvm::toString(Slow.takeError());
    EXPECT_EQ(Fast->File, Slow->File);
    expectSameFacts(*Fast, *Slow);
    EXPECT_EQ(writeFacts(*Fast), Text);
  }
}

/// Real facts take the fast path: paths, USRs, C++ names, quotes.
TEST(FactsIOTest, FastPathReadsRealisticFacts) {
  FactsNode Tree;
  EXPECT_TRUE(parseFactsLayout(writeFacts(sample()), Tree));
  for (const std::string S :
       {"/src/dir with space/a.cpp", "c:@N@ns@ST>1#T@C@F@f#&1t0.0#$@N@std@S@vector>#I#",
        "ns::Q<int>::operator()", "lambda at /a.cpp:3:9", "it's", "a \"quoted\" word",
        "-1", "x: y", "#x", "[a, b]", "{a}", "\xc3\xbcnic\xc3\xb6" "de", "tab\there"}) {
    TranslationUnitFacts F = sample();
    F.Functions.push_back({S, S, at(S, 1, 2), false, S});
    SCOPED_TRACE(writeFacts(F));
    EXPECT_TRUE(parseFactsLayout(writeFacts(F), Tree));
  }
}

/// What the scanner is not sure of, it leaves to yaml-cpp.
TEST(FactsIOTest, FastPathDeclinesWhatItCannotReadExactly) {
  FactsNode Tree;
  const std::string Head = "version: 3\nfile: a\n";
  EXPECT_TRUE(parseFactsLayout(Head, Tree));
  for (const char *Tail :
       {"# a comment\n", "---\n", "functions:\n", "functions: [x]\n",
        "functions:\n  - {usr: null, name: n, file: a, line: 1, column: 1}\n",
        "functions:\n  - {usr: a #b, name: n, file: a, line: 1, column: 1}\n",
        "functions:\n  - {usr: a: b, name: n, file: a, line: 1, column: 1}\n",
        "functions:\n  - {usr: \"\\N\", name: n, file: a, line: 1, column: 1}\n",
        "functions:\n  - {usr: 'a\n    b', name: n, file: a, line: 1, column: 1}\n",
        "functions:\n  - {usr: a , name: n, file: a, line: 1, column: 1}\n",
        "functions:\n  - {usr: &x a, name: *x, file: a, line: 1, column: 1}\n",
        "functions:\n- {usr: a, name: n, file: a, line: 1, column: 1}\n"}) {
    SCOPED_TRACE(Tail);
    EXPECT_FALSE(parseFactsLayout(Head + Tail, Tree));
  }
  EXPECT_FALSE(parseFactsLayout("version: 3\r\nfile: a\r\n", Tree));
  EXPECT_FALSE(parseFactsLayout("version: 3\nfile: \xff\n", Tree));
  EXPECT_FALSE(parseFactsLayout("version: 3\nfile: a", Tree)); // no final newline
}

TEST(FactsIOTest, RoundTripsRandomBytes) {
  std::mt19937 Random(7);
  for (int I = 0; I < 2000; ++I) {
    std::string S(Random() % 8, '\0');
    for (char &C : S)
      C = static_cast<char>(Random() % 256);
    TranslationUnitFacts F;
    F.File = S;
    F.Calls.push_back({S, "x" + S, at(S + "y", 1, 2)});
    TranslationUnitFacts Out = roundTrip(F);
    ASSERT_EQ(Out.File, S);
    ASSERT_EQ(Out.Calls.size(), 1u);
    ASSERT_EQ(Out.Calls[0].CallerUsr, S);
    ASSERT_EQ(Out.Calls[0].CalleeUsr, "x" + S);
    ASSERT_EQ(Out.Calls[0].Where.File, S + "y");
  }
}

TEST(FactsIOTest, NonUtf8IsWrittenAsBinary) {
  TranslationUnitFacts F;
  F.File = "\xff";
  EXPECT_NE(writeFacts(F).find("file: !!binary \"/w==\""), std::string::npos)
      << writeFacts(F);
}

TEST(FactsIOTest, SameFactsSameBytesInAnyOrder) {
  TranslationUnitFacts A = sample();
  TranslationUnitFacts B = sample();
  std::reverse(B.Functions.begin(), B.Functions.end());
  std::reverse(B.ThreadStarts.begin(), B.ThreadStarts.end());
  std::reverse(B.Variables.begin(), B.Variables.end());
  std::reverse(B.Accesses.begin(), B.Accesses.end());
  ASSERT_EQ(B.Accesses[1].Locks.size(), 2u);
  std::reverse(B.Accesses[1].Locks.begin(), B.Accesses[1].Locks.end());
  // Exact duplicates are one fact; a lock set is a set.
  B.Calls.push_back(B.Calls[0]);
  B.Accesses.push_back(B.Accesses[0]);
  B.Accesses[1].Locks.push_back("c:@mu1");
  const std::string TA = writeFacts(A);
  EXPECT_EQ(TA, writeFacts(B));
  EXPECT_EQ(TA, writeFacts(A));
  // Reading and writing again is a fixed point.
  EXPECT_EQ(writeFacts(roundTrip(A)), TA);
}

TEST(FactsIOTest, RoundTripsPythonAndThreadCountFacts) {
  TranslationUnitFacts F;
  F.File = "m.cpp";
  F.PythonEntries.push_back({"c:@F@f#", {"m.cpp", 3, 5}, "pybind11::module_::def", true});
  F.PythonCalls.push_back({"c:@F@g#", "PyList_New", {"m.cpp", 7, 3}, gil::Acquired});
  F.ThreadCounts.push_back({"c:@F@h#", "num_threads", {"m.cpp", 9, 1}, 64, "c:@F@h#@omp:r", 0});
  // A default-sized pool: two threads per core.
  F.ThreadCounts.push_back({"c:@F@p#", "asio::thread_pool", {"m.cpp", 11, 3}, 0, "", 2});
  F.Calls.push_back({"c:@F@f#", "c:@F@k#", {"m.cpp", 4, 3}, {}, gil::Released});
  F.LoopedCalls.push_back({"c:@F@f#", "c:@F@k#", true});
  SiteLoopFact L;
  L.Site = {"m.cpp", 5, 1};
  L.Loop = {"m.cpp", 4, 1};
  L.Shape = "counted";
  L.CoreFactor = 2;
  F.SiteLoops.push_back(L);
  TranslationUnitFacts Back = roundTrip(F);
  ASSERT_EQ(Back.PythonEntries.size(), 1u);
  EXPECT_EQ(Back.PythonEntries[0].Binding, "pybind11::module_::def");
  EXPECT_TRUE(Back.PythonEntries[0].Released);
  ASSERT_EQ(Back.PythonCalls.size(), 1u);
  EXPECT_EQ(Back.PythonCalls[0].Gil, "acquired");
  ASSERT_EQ(Back.ThreadCounts.size(), 2u);
  EXPECT_EQ(Back.ThreadCounts[0].Count, 64);
  EXPECT_EQ(Back.ThreadCounts[0].RegionUsr, "c:@F@h#@omp:r");
  EXPECT_EQ(Back.ThreadCounts[0].CoreFactor, 0);
  EXPECT_EQ(Back.ThreadCounts[1].Api, "asio::thread_pool");
  EXPECT_EQ(Back.ThreadCounts[1].Count, 0);
  EXPECT_EQ(Back.ThreadCounts[1].CoreFactor, 2);
  ASSERT_EQ(Back.Calls.size(), 1u);
  EXPECT_EQ(Back.Calls[0].Gil, "released");
  ASSERT_EQ(Back.LoopedCalls.size(), 1u);
  EXPECT_TRUE(Back.LoopedCalls[0].PerItem);
  ASSERT_EQ(Back.SiteLoops.size(), 1u);
  EXPECT_EQ(Back.SiteLoops[0].CoreFactor, 2);
  // The GIL state is one of two words.
  EXPECT_EQ(errorOf("version: 8\nfile: a\npython-calls:\n  - {caller: f, api: Py_X, file: a, "
                    "line: 1, column: 1, gil: held}\n"),
            "f.yaml:4: 'gil' must be released or acquired (or absent), got 'held'");
}

TEST(FactsIOTest, WritesTheCurrentVersion) {
  TranslationUnitFacts F;
  F.Version = 8;
  EXPECT_EQ(writeFacts(F).rfind("version: 8\n", 0), 0u);
  EXPECT_EQ(roundTrip(F).Version, FactsVersion);
}

TEST(FactsIOTest, AcceptsHandWrittenFacts) {
  auto Read = readFacts("# a comment\n"
                        "version: 8\n"
                        "file: 'a.cpp'\n"
                        "accesses:\n"
                        "  - function: f\n"
                        "    variable: v\n"
                        "    file: a.cpp\n"
                        "    line: 007\n"
                        "    column: 1\n"
                        "    write: false\n"
                        "    locks: [m2, m1, m2]\n",
                        "h.yaml");
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(Read->File, "a.cpp");
  EXPECT_TRUE(Read->Functions.empty());
  ASSERT_EQ(Read->Accesses.size(), 1u);
  EXPECT_EQ(Read->Accesses[0].Where.Line, 7u);
  EXPECT_FALSE(Read->Accesses[0].IsWrite);
  // Lock sets are sets: sorted and unique, whatever the file says.
  EXPECT_EQ(Read->Accesses[0].Locks, (std::vector<std::string>{"m1", "m2"}));
}

TEST(FactsIOTest, Errors) {
  const std::string Head = "version: 8\nfile: a.cpp\n";
  EXPECT_EQ(errorOf(""), "f.yaml:1: empty facts file (expected 'version: 8')");
  EXPECT_EQ(errorOf("# nothing\n"), "f.yaml:1: empty facts file (expected 'version: 8')");
  EXPECT_EQ(errorOf("version: 8\nfunctions: [\n"),
            "f.yaml:3: YAML syntax error: end of sequence flow not found");
  EXPECT_EQ(errorOf("version: 8\nfile: a\n---\nversion: 8\n"),
            "f.yaml:3: expected one YAML document, found more");
  EXPECT_EQ(errorOf("version: 8\nfile: a\n...\n---\n"),
            "f.yaml:4: expected one YAML document, found more");
  // yaml-cpp's LoadAll would never return from these.
  EXPECT_EQ(errorOf(","), "f.yaml:1: empty facts file (expected 'version: 8')");
  EXPECT_EQ(errorOf("---\n,"), "f.yaml:2: expected one YAML document, found more");
  EXPECT_EQ(errorOf("- version: 8\n"), "f.yaml:1: expected a mapping for the facts file");
  EXPECT_EQ(errorOf("file: a.cpp\n"),
            "f.yaml:1: missing required key 'version' in the facts file");
  EXPECT_EQ(errorOf("file: a.cpp\nversion: one\n"),
            "f.yaml:2: 'version' must be an integer, got 'one'");
  EXPECT_EQ(errorOf("version: \"1\"\n"),
            "f.yaml:1: 'version' must be an integer, got '1'");
  EXPECT_EQ(errorOf("version: [1]\n"),
            "f.yaml:1: 'version' must be an integer, got '<not a scalar>'");
  // The version is checked before the keys: a newer file has newer keys.
  EXPECT_EQ(errorOf("version: 9\nfile: a.cpp\nloops: []\n"),
            "f.yaml:1: unsupported facts version 9 (this conc-advisor reads version 8)");
  EXPECT_EQ(errorOf("version: 8\nfile: a.cpp\nloops: []\n"),
            "f.yaml:3: unknown key 'loops' in the facts file (expected one of: version, "
            "file, functions, calls, overrides, thread-starts, variables, accesses, "
            "unsafe-calls, forks, work-calls, compute-loops, looped-calls, site-loops, "
            "process-starts, python-entries, python-calls, thread-counts)");
  EXPECT_EQ(errorOf("version: 8\nfile: a.cpp\nfile: b.cpp\n"),
            "f.yaml:3: duplicate key 'file' in the facts file");
  EXPECT_EQ(errorOf("version: 8\n"),
            "f.yaml:1: missing required key 'file' in the facts file");
  EXPECT_EQ(errorOf("version: 8\nfile: [a]\n"), "f.yaml:2: 'file' must be a string");
  EXPECT_EQ(errorOf("version: 8\nfile:\n"), "f.yaml:2: 'file' must be a string");
  EXPECT_EQ(errorOf(Head + "functions: {}\n"), "f.yaml:3: 'functions' must be a list");
  EXPECT_EQ(errorOf(Head + "calls:\n  - x\n"),
            "f.yaml:4: expected a mapping for an entry of 'calls'");
  EXPECT_EQ(errorOf(Head + "calls:\n  - {[a]: b}\n"),
            "f.yaml:4: expected a plain key in an entry of 'calls'");
  EXPECT_EQ(
      errorOf(Head + "functions:\n  - {usr: f, name: f, file: a, line: 1, column: 1, "
                     "inline: true}\n"),
      "f.yaml:4: unknown key 'inline' in an entry of 'functions' (expected one of: usr, "
      "name, file, line, column, main, class)");
  EXPECT_EQ(errorOf(Head + "functions:\n  - {usr: f, name: f, file: a, line: 1}\n"),
            "f.yaml:4: missing required key 'column' in an entry of 'functions'");
  EXPECT_EQ(errorOf(Head + "overrides:\n  - {method: m}\n"),
            "f.yaml:4: missing required key 'overridden' in an entry of 'overrides'");
  EXPECT_EQ(errorOf(Head + "thread-starts:\n  - {caller: c, api: a, file: a, line: 1, "
                           "column: 1}\n"),
            "f.yaml:4: missing required key 'entry' in an entry of 'thread-starts'");
  EXPECT_EQ(errorOf(Head + "variables:\n  - usr: v\n    name: v\n    type: {t: int}\n"),
            "f.yaml:6: 'type' must be a string");
  EXPECT_EQ(errorOf(Head +
                    "calls:\n  - {caller: c, callee: d, file: a, line: -1, column: 1}\n"),
            "f.yaml:4: 'line' must be a non-negative integer, got '-1'");
  EXPECT_EQ(
      errorOf(Head +
              "calls:\n  - {caller: c, callee: d, file: a, line: 1, column: '2'}\n"),
      "f.yaml:4: 'column' must be a non-negative integer, got '2'");
  EXPECT_EQ(errorOf(Head +
                    "calls:\n  - {caller: c, callee: d, file: a, line: 4294967296, "
                    "column: 1}\n"),
            "f.yaml:4: 'line' must be a non-negative integer, got '4294967296'");
  EXPECT_EQ(
      errorOf(Head +
              "calls:\n  - {caller: c, callee: d, file: a, line: 1.5, column: 1}\n"),
      "f.yaml:4: 'line' must be a non-negative integer, got '1.5'");
  EXPECT_EQ(errorOf(Head +
                    "functions:\n  - {usr: f, name: f, file: a, line: 1, column: 1, "
                    "main: yes}\n"),
            "f.yaml:4: 'main' must be true or false, got 'yes'");
  EXPECT_EQ(errorOf(Head + "thread-starts:\n  - {caller: c, entry: e, api: a, file: a, "
                           "line: 1, column: 1, many: \"true\"}\n"),
            "f.yaml:4: 'many' must be true or false, got 'true'");
  EXPECT_EQ(errorOf(Head + "accesses:\n  - {function: f, variable: v, file: a, line: 1, "
                           "column: 1, locks: m}\n"),
            "f.yaml:4: 'locks' must be a list of strings");
  EXPECT_EQ(errorOf(Head + "accesses:\n  - {function: f, variable: v, file: a, line: 1, "
                           "column: 1, locks: [m, [n]]}\n"),
            "f.yaml:4: each of 'locks' must be a string");
  EXPECT_EQ(errorOf(Head + "accesses:\n  - {function: f, variable: v, file: a, line: 1, "
                           "column: 1, write: true, write: false}\n"),
            "f.yaml:4: duplicate key 'write' in an entry of 'accesses'");
  EXPECT_EQ(errorOf(Head + "overrides:\n  - {method: !!binary \"*\", overridden: o}\n"),
            "f.yaml:4: 'method' is not valid base64");
  for (const char *Bad : {"\"/w=\xc3\"", "\xc3", "\"/w=a\"", "\"=w==\"", "\"/w===\"",
                          "\"/w==/w==\"[", "\"a\""})
    EXPECT_EQ(
        errorOf(Head + "overrides:\n  - {method: o, overridden: !!binary " + Bad + "}\n")
            .substr(0, 9),
        "f.yaml:4:")
        << Bad;
}

TEST(FactsIOTest, ReadsBinaryStrings) {
  auto Read =
      readFacts("version: 8\nfile: !!binary \"/w==\"\noverrides:\n"
                "  - {method: !!binary \"\", overridden: !!binary \" YWJj\\nZA== \"}\n",
                "b.yaml");
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(Read->File, "\xff");
  ASSERT_EQ(Read->Overrides.size(), 1u);
  EXPECT_EQ(Read->Overrides[0].MethodUsr, "");
  EXPECT_EQ(Read->Overrides[0].OverriddenUsr, "abcd");
}

/// Whatever the bytes, the reader answers: facts or an error, no crash, no
/// exception. Mutations of a valid file reach deep into the validation.
TEST(FactsIOTest, SurvivesMangledInput) {
  TranslationUnitFacts Sample = sample();
  Sample.Accesses[0].Locks.push_back("\xff\xfe"); // written as !!binary
  const std::string Valid = writeFacts(Sample);
  ASSERT_NE(Valid.find("!!binary"), std::string::npos);
  const char Pieces[] = "{}[]:,-'\"!&*#|>?%@\n \t\\0123456789abcxyz\x01\xff";
  std::mt19937 Random(11);
  int Read = 0, Failed = 0;
  for (int I = 0; I < 3000; ++I) {
    std::string Text = Valid;
    for (int Edit = 1 + Random() % 4; Edit > 0; --Edit) {
      size_t Pos = Random() % (Text.size() + 1);
      switch (Random() % 3) {
      case 0:
        Text.insert(Pos, 1, Pieces[Random() % (sizeof(Pieces) - 1)]);
        break;
      case 1:
        if (Pos < Text.size())
          Text.erase(Pos, 1 + Random() % 8);
        break;
      default:
        if (Pos < Text.size())
          Text[Pos] = Pieces[Random() % (sizeof(Pieces) - 1)];
      }
    }
    auto Facts = readFacts(Text, "m.yaml");
    if (Facts) {
      ++Read;
    } else {
      std::string Message = llvm::toString(Facts.takeError());
      EXPECT_EQ(Message.rfind("m.yaml:", 0), 0u) << Message;
      ++Failed;
    }
  }
  // Both outcomes happen, so the mutations exercise both paths.
  EXPECT_GT(Read, 0);
  EXPECT_GT(Failed, 0);
  // Deep nesting is refused, not a stack overflow.
  EXPECT_FALSE(errorOf(std::string(100000, '[')).empty());
  EXPECT_FALSE(errorOf("version: 8\nfile: " + std::string(50000, '[') +
                       std::string(50000, ']') + "\n")
                   .empty());
}

} // namespace

TEST(FactsIOTest, AtomicFixNeedsItsRange) {
  EXPECT_EQ(errorOf("version: 8\nfile: a\nvariables:\n  - {usr: u, name: n, type: int, file: a, "
                    "line: 1, column: 5, fix-text: x, fix-offset: 0}\n"),
            "f.yaml:4: 'fix-text' without 'fix-length'");
}
