//===- test/unit/RulesLoaderTest.cpp - The validating rules loader ---------===//
#include "core/Rules.h"

#include "llvm/Support/MemoryBuffer.h"
#include "gtest/gtest.h"

#include <map>

using namespace conc;

namespace {

/// The error message of parsing `Text` as "r.yaml", or "" on success.
std::string errorOf(llvm::StringRef Text, RuleSet *Into = nullptr) {
  RuleSet Local;
  RuleSet &Rules = Into ? *Into : Local;
  if (llvm::Error E = parseRules(Text, "r.yaml", Rules))
    return llvm::toString(std::move(E));
  return "";
}

const char *ValidThread = R"(version: 1
thread-apis:
  - api: acme::WorkerPool
    form: constructor
    kind: pool
  - api: acme::WorkerPool::submit
    form: method
    kind: task
    entry-arg: 0
)";

TEST(RulesLoaderTest, ParsesAValidFile) {
  RuleSet Rules;
  ASSERT_EQ(errorOf(ValidThread, &Rules), "");
  ASSERT_EQ(Rules.ThreadApis.size(), 2u);
  const ThreadApiRule *Submit = Rules.findThreadApi("acme::WorkerPool::submit", ApiForm::Method);
  ASSERT_NE(Submit, nullptr);
  EXPECT_EQ(Submit->Kind, "task");
  ASSERT_TRUE(Submit->EntryArg.has_value());
  EXPECT_EQ(*Submit->EntryArg, 0u);
  EXPECT_EQ(Submit->Origin.File, "r.yaml");
  EXPECT_EQ(Submit->Origin.Line, 6u);
  EXPECT_EQ(Rules.findThreadApi("acme::WorkerPool", ApiForm::Method), nullptr);
}

TEST(RulesLoaderTest, LeadingColonsAreTheSameName) {
  RuleSet Rules;
  ASSERT_EQ(errorOf("version: 1\nprocess-apis:\n  - {api: '::fork', form: function, kind: fork}\n",
                    &Rules),
            "");
  EXPECT_NE(Rules.findProcessApi("fork", ApiForm::Function), nullptr);
}

TEST(RulesLoaderTest, SyntaxErrorNamesTheLine) {
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n  - api: [unclosed\n"),
            "r.yaml:4: YAML syntax error: end of sequence flow not found");
}

TEST(RulesLoaderTest, EmptyFile) {
  EXPECT_EQ(errorOf(""), "r.yaml:1: empty rules file (expected 'version: 1')");
}

TEST(RulesLoaderTest, MissingAndWrongVersion) {
  EXPECT_EQ(errorOf("thread-apis: []\n"), "r.yaml:1: missing required key 'version'");
  EXPECT_EQ(errorOf("version: 2\n"),
            "r.yaml:1: unsupported rules version 2 (this conc-advisor reads version 1)");
  EXPECT_EQ(errorOf("version: one\n"), "r.yaml:1: 'version' must be an integer");
}

TEST(RulesLoaderTest, UnknownTopLevelKey) {
  EXPECT_EQ(errorOf("version: 1\nthreads-apis: []\n"),
            "r.yaml:2: unknown key 'threads-apis' in the rules file (expected one of: "
            "version, thread-apis, process-apis, openmp-directives, "
            "in-place-construct-methods, lock-guards, lock-functions, atomic-types, "
            "thread-joins, thread-id-functions, detach-apis, mt-unsafe-functions, "
            "async-signal-safe-functions, blocking-calls, cpu-heavy-calls, workload-thresholds, "
            "python-method-tables, python-binding-functions, gil-release-guards, "
            "gil-acquire-guards, gil-call-guards, gil-functions, python-api-prefixes, "
            "core-count-functions, thread-count-functions, oversubscription-threads-above, "
            "request-handler-registrations)");
}

TEST(RulesLoaderTest, UnknownEntryKey) {
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n  - api: f\n    form: function\n"
                    "    kind: thread\n    entry_arg: 0\n"),
            "r.yaml:6: unknown key 'entry_arg' in a thread-apis entry (expected one of: "
            "api, form, kind, entry-arg, entry-method, launch-policy, handle-arg, attr-arg, size-arg, "
            "default-threads-per-core)");
}

TEST(RulesLoaderTest, PoolSizeKeys) {
  RuleSet Rules;
  ASSERT_EQ(errorOf("version: 1\nthread-apis:\n  - {api: P, form: constructor, kind: pool, "
                    "size-arg: 0, default-threads-per-core: 2}\n",
                    &Rules),
            "");
  ASSERT_EQ(Rules.ThreadApis.size(), 1u);
  EXPECT_EQ(Rules.ThreadApis[0].SizeArg, std::optional<unsigned>(0));
  EXPECT_EQ(Rules.ThreadApis[0].DefaultThreadsPerCore, 2u);
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n  - {api: T, form: constructor, kind: thread, "
                    "size-arg: 0}\n"),
            "r.yaml:3: 'size-arg' and 'default-threads-per-core' apply only to kind: pool");
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n  - {api: P, form: constructor, kind: pool, "
                    "default-threads-per-core: 0}\n"),
            "r.yaml:3: 'default-threads-per-core' must be an integer from 1 to 64");
}

TEST(RulesLoaderTest, DuplicateKey) {
  EXPECT_EQ(errorOf("version: 1\nprocess-apis:\n  - api: fork\n    form: function\n"
                    "    kind: fork\n    api: vfork\n"),
            "r.yaml:6: duplicate key 'api' in a process-apis entry");
}

TEST(RulesLoaderTest, DuplicateRuleInOneFile) {
  EXPECT_EQ(errorOf("version: 1\nprocess-apis:\n"
                    "  - {api: fork, form: function, kind: fork}\n"
                    "  - {api: fork, form: function, kind: fork}\n"),
            "r.yaml:4: duplicate process API 'fork', first defined at r.yaml:3");
}

TEST(RulesLoaderTest, DuplicateRuleAcrossFilesAddsNothing) {
  RuleSet Rules;
  ASSERT_EQ(errorOf(ValidThread, &Rules), "");
  std::string Second = "version: 1\nprocess-apis:\n  - {api: fork, form: function, kind: fork}\n"
                       "thread-apis:\n  - {api: acme::WorkerPool, form: constructor, kind: pool}\n";
  llvm::Error E = parseRules(Second, "user.yaml", Rules);
  ASSERT_TRUE(static_cast<bool>(E));
  EXPECT_EQ(llvm::toString(std::move(E)),
            "user.yaml:5: duplicate thread API 'acme::WorkerPool' (constructor), first "
            "defined at r.yaml:3");
  // A file with an error contributes nothing, not even its valid part.
  EXPECT_TRUE(Rules.ProcessApis.empty());
  EXPECT_EQ(Rules.Files.size(), 1u);
}

TEST(RulesLoaderTest, WrongTypes) {
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n  - {api: f, form: function, kind: thread, "
                    "entry-arg: first}\n"),
            "r.yaml:3: 'entry-arg' must be an argument index between 0 and 64, got 'first'");
  EXPECT_EQ(errorOf("version: 1\nthread-apis: {api: f}\n"), "r.yaml:2: 'thread-apis' must be a list");
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n  - [f, function]\n"),
            "r.yaml:3: expected a mapping for a thread-apis entry");
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n  - {api: [f], form: function, kind: thread}\n"),
            "r.yaml:3: 'api' must be a non-empty string");
}

TEST(RulesLoaderTest, BadValues) {
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n  - {api: f, form: macro, kind: thread}\n"),
            "r.yaml:3: 'form' must be constructor, function or method, got 'macro'");
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n  - {api: f, form: function, kind: fiber}\n"),
            "r.yaml:3: 'kind' must be one of thread, task, pool, got 'fiber'");
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n  - {api: 'a b', form: function, kind: thread}\n"),
            "r.yaml:3: 'a b' is not a qualified C++ name");
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n  - {form: function, kind: thread}\n"),
            "r.yaml:3: missing required key 'api' in a thread-apis entry");
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n  - {api: f, form: function, kind: thread, "
                    "entry-method: run}\n"),
            "r.yaml:3: 'entry-method' applies only to form: method");
  EXPECT_EQ(errorOf("version: 1\nprocess-apis:\n  - {api: P, form: constructor, kind: fork}\n"),
            "r.yaml:3: process APIs are functions or methods");
}

TEST(RulesLoaderTest, OpenMPDirectivesAreValidatedAgainstLLVM) {
  RuleSet Rules;
  EXPECT_EQ(errorOf("version: 1\nopenmp-directives:\n  - parallel for\n", &Rules), "");
  EXPECT_EQ(errorOf("version: 1\nopenmp-directives:\n  - parallel\n  - paralel for\n"),
            "r.yaml:4: 'paralel for' is not an OpenMP directive");
  EXPECT_EQ(errorOf("version: 1\nopenmp-directives:\n  - parallel\n  - parallel\n"),
            "r.yaml:4: duplicate OpenMP directive 'parallel', first defined at r.yaml:3");
}

TEST(RulesLoaderTest, SynchronizationRules) {
  RuleSet Rules;
  ASSERT_EQ(errorOf("version: 1\nlock-guards: [std::lock_guard]\natomic-types: [std::atomic]\n"
                    "thread-joins: [std::thread::join, pthread_join]\n"
                    "lock-functions:\n"
                    "  - {api: std::mutex::lock, form: method, action: acquire}\n"
                    "  - {api: pthread_mutex_unlock, form: function, action: release, lock-arg: 0}\n",
                    &Rules),
            "");
  ASSERT_EQ(Rules.LockFunctions.size(), 2u);
  EXPECT_TRUE(Rules.LockFunctions[0].Acquires);
  EXPECT_FALSE(Rules.LockFunctions[1].Acquires);
  EXPECT_EQ(*Rules.LockFunctions[1].LockArg, 0u);
  EXPECT_EQ(Rules.LockGuards.at(0).Api, "std::lock_guard");
  EXPECT_EQ(Rules.AtomicTypes.at(0).Api, "std::atomic");
  ASSERT_EQ(Rules.ThreadJoins.size(), 2u);
  EXPECT_EQ(Rules.ThreadJoins[1].Api, "pthread_join");
  EXPECT_EQ(errorOf("version: 1\nthread-joins: [{api: pthread_join}]\n"),
            "r.yaml:2: a thread-joins entry must be a qualified C++ name");
  EXPECT_EQ(errorOf("version: 1\nlock-functions:\n"
                    "  - {api: pthread_mutex_lock, form: function, action: acquire}\n"),
            "r.yaml:3: a function that locks needs 'lock-arg' (the argument that is the lock)");
  EXPECT_EQ(errorOf("version: 1\nlock-functions:\n"
                    "  - {api: m::lock, form: method, action: take}\n"),
            "r.yaml:3: 'action' must be acquire or release, got 'take'");
  EXPECT_EQ(errorOf("version: 1\nlock-guards: [std::lock_guard, std::lock_guard]\n"),
            "r.yaml:2: duplicate lock-guards entry 'std::lock_guard', first defined at r.yaml:2");
}

// handle-arg and attr-arg link a thread made by a function to a later
// detach of its handle or to detached creation attributes.
TEST(RulesLoaderTest, ThreadHandleAndAttributeArguments) {
  RuleSet Rules;
  ASSERT_EQ(errorOf("version: 1\nthread-apis:\n"
                    "  - {api: pthread_create, form: function, kind: thread, entry-arg: 2, "
                    "handle-arg: 0, attr-arg: 1}\n",
                    &Rules),
            "");
  const ThreadApiRule *Create = Rules.findThreadApi("pthread_create", ApiForm::Function);
  ASSERT_NE(Create, nullptr);
  EXPECT_EQ(Create->HandleArg, std::optional<unsigned>(0));
  EXPECT_EQ(Create->AttrArg, std::optional<unsigned>(1));
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n"
                    "  - {api: T, form: constructor, kind: thread, entry-arg: 0,\n"
                    "     handle-arg: 0}\n"),
            "r.yaml:4: 'handle-arg' applies only to form: function");
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n"
                    "  - {api: f, form: function, kind: thread, attr-arg: one}\n"),
            "r.yaml:3: 'attr-arg' must be an argument index between 0 and 64, got 'one'");
}

TEST(RulesLoaderTest, DetachApis) {
  RuleSet Rules;
  ASSERT_EQ(errorOf("version: 1\ndetach-apis:\n"
                    "  - {api: std::thread::detach, form: method}\n"
                    "  - {api: pthread_detach, form: function, handle-arg: 0}\n"
                    "  - {api: pthread_attr_setdetachstate, form: function, attr-arg: 0,\n"
                    "     state-arg: 1, detached-state: PTHREAD_CREATE_DETACHED}\n",
                    &Rules),
            "");
  ASSERT_EQ(Rules.DetachApis.size(), 3u);
  EXPECT_NE(Rules.findDetachApi("std::thread::detach", ApiForm::Method), nullptr);
  EXPECT_EQ(Rules.findDetachApi("std::thread::detach", ApiForm::Function), nullptr);
  const DetachApiRule *Attr =
      Rules.findDetachApi("pthread_attr_setdetachstate", ApiForm::Function);
  ASSERT_NE(Attr, nullptr);
  EXPECT_EQ(Attr->AttrArg, std::optional<unsigned>(0));
  EXPECT_EQ(Attr->StateArg, std::optional<unsigned>(1));
  EXPECT_EQ(Attr->DetachedState, "PTHREAD_CREATE_DETACHED");
  EXPECT_EQ(Attr->Origin.Line, 5u);

  auto Entry = [](llvm::StringRef Fields) {
    return errorOf(("version: 1\ndetach-apis:\n  - {" + Fields + "}\n").str());
  };
  EXPECT_EQ(Entry("api: d, form: function, handle-arg: 0, detach-arg: 1"),
            "r.yaml:3: unknown key 'detach-arg' in a detach-apis entry (expected one of: "
            "api, form, handle-arg, attr-arg, state-arg, detached-state)");
  EXPECT_EQ(Entry("form: method"), "r.yaml:3: missing required key 'api' in a detach-apis entry");
  EXPECT_EQ(Entry("api: T, form: constructor"), "r.yaml:3: detach APIs are functions or methods");
  EXPECT_EQ(Entry("api: T::detach, form: method, handle-arg: 0"),
            "r.yaml:3: 'handle-arg' applies only to form: function (a method detaches its "
            "object)");
  EXPECT_EQ(Entry("api: T::detach, form: method, detached-state: D"),
            "r.yaml:3: 'detached-state' applies only to form: function (a method detaches "
            "its object)");
  EXPECT_EQ(Entry("api: d, form: function"),
            "r.yaml:3: a detach function needs 'handle-arg' (the thread it detaches) or "
            "'attr-arg' (the creation attribute it makes detached)");
  EXPECT_EQ(Entry("api: d, form: function, handle-arg: 0, attr-arg: 0"),
            "r.yaml:3: give either 'handle-arg' or 'attr-arg', not both");
  EXPECT_EQ(Entry("api: d, form: function, attr-arg: 0, state-arg: 1"),
            "r.yaml:3: 'attr-arg' needs 'state-arg' and 'detached-state' (which value of "
            "which argument means detached)");
  EXPECT_EQ(Entry("api: d, form: function, handle-arg: 0, state-arg: 1"),
            "r.yaml:3: 'state-arg' and 'detached-state' apply only with 'attr-arg'");
  EXPECT_EQ(Entry("api: d, form: function, attr-arg: 0, state-arg: 1, detached-state: 'a b'"),
            "r.yaml:3: 'detached-state' must be the name of an enumerator or macro, such as "
            "PTHREAD_CREATE_DETACHED");
  EXPECT_EQ(Entry("api: d, form: function, handle-arg: -1"),
            "r.yaml:3: 'handle-arg' must be an argument index between 0 and 64, got '-1'");
  EXPECT_EQ(errorOf("version: 1\ndetach-apis:\n"
                    "  - {api: pthread_detach, form: function, handle-arg: 0}\n"
                    "  - {api: pthread_detach, form: function, handle-arg: 0}\n"),
            "r.yaml:4: duplicate detach API 'pthread_detach' (function), first defined at "
            "r.yaml:3");
  EXPECT_EQ(errorOf("version: 1\ndetach-apis: {api: d}\n"),
            "r.yaml:2: 'detach-apis' must be a list");
}

TEST(RulesLoaderTest, UnreadableFile) {
  auto Rules = loadRuleFiles({"/nonexistent/rules.yaml"});
  ASSERT_FALSE(static_cast<bool>(Rules));
  EXPECT_EQ(llvm::toString(Rules.takeError()),
            "/nonexistent/rules.yaml: cannot read rules file: No such file or directory");
}

// The shipped rules load, and keep the promise of their headers: entries
// sorted by api, so that reviews of additions stay readable.
TEST(RulesLoaderTest, BuiltinRulesLoadAndAreSorted) {
  auto Files = builtinRuleFiles(CONC_RULES_DIR);
  ASSERT_TRUE(static_cast<bool>(Files)) << llvm::toString(Files.takeError());
  auto Rules = loadRuleFiles(*Files);
  ASSERT_TRUE(static_cast<bool>(Rules)) << llvm::toString(Rules.takeError());
  EXPECT_FALSE(Rules->ThreadApis.empty());
  EXPECT_FALSE(Rules->ProcessApis.empty());
  std::map<std::string, std::vector<std::string>> PerFile;
  for (const ThreadApiRule &R : Rules->ThreadApis)
    PerFile[R.Origin.File + " thread-apis"].push_back(R.Api);
  for (const ProcessApiRule &R : Rules->ProcessApis)
    PerFile[R.Origin.File + " process-apis"].push_back(R.Api);
  for (const DetachApiRule &R : Rules->DetachApis)
    PerFile[R.Origin.File + " detach-apis"].push_back(R.Api);
  for (const OpenMPDirectiveRule &R : Rules->OpenMPDirectives)
    PerFile[R.Origin.File + " openmp-directives"].push_back(R.Directive);
  for (const LockGuardRule &R : Rules->LockGuards)
    PerFile[R.Origin.File + " lock-guards"].push_back(R.Api);
  for (const LockFunctionRule &R : Rules->LockFunctions)
    PerFile[R.Origin.File + " lock-functions"].push_back(R.Api);
  for (const AtomicTypeRule &R : Rules->AtomicTypes)
    PerFile[R.Origin.File + " atomic-types"].push_back(R.Api);
  for (const ThreadIdFunctionRule &R : Rules->ThreadIdFunctions)
    PerFile[R.Origin.File + " thread-id-functions"].push_back(R.Api);
  for (const ThreadJoinRule &R : Rules->ThreadJoins)
    PerFile[R.Origin.File + " thread-joins"].push_back(R.Api);
  for (const MtUnsafeFunctionRule &R : Rules->MtUnsafeFunctions)
    PerFile[R.Origin.File + " mt-unsafe-functions"].push_back(R.Api);
  for (const AsyncSignalSafeRule &R : Rules->AsyncSignalSafeFunctions)
    PerFile[R.Origin.File + " async-signal-safe-functions"].push_back(R.Api);
  for (const WorkloadCallRule &R : Rules->BlockingCalls)
    PerFile[R.Origin.File + " blocking-calls"].push_back(R.Api);
  for (const WorkloadCallRule &R : Rules->CpuHeavyCalls)
    PerFile[R.Origin.File + " cpu-heavy-calls"].push_back(R.Api);
  for (auto [Key, List] : {std::pair{"python-method-tables", &Rules->PythonMethodTables},
                           std::pair{"python-binding-functions", &Rules->PythonBindingFunctions},
                           std::pair{"gil-release-guards", &Rules->GilReleaseGuards},
                           std::pair{"gil-acquire-guards", &Rules->GilAcquireGuards},
                           std::pair{"gil-call-guards", &Rules->GilCallGuards},
                           std::pair{"python-api-prefixes", &Rules->PythonApiPrefixes},
                           std::pair{"core-count-functions", &Rules->CoreCountFunctions},
                           std::pair{"request-handler-registrations",
                                     &Rules->RequestHandlerRegistrations}}) {
    EXPECT_FALSE(List->empty()) << Key;
    for (const NamedApiRule &R : *List)
      PerFile[R.Origin.File + " " + Key].push_back(R.Api);
  }
  for (const GilFunctionRule &R : Rules->GilFunctions)
    PerFile[R.Origin.File + " gil-functions"].push_back(R.Api);
  for (const ThreadCountFunctionRule &R : Rules->ThreadCountFunctions)
    PerFile[R.Origin.File + " thread-count-functions"].push_back(R.Api);
  EXPECT_GT(Rules->OversubscriptionThreads, 1);
  ASSERT_NE(Rules->findGilFunction("PyEval_SaveThread"), nullptr);
  EXPECT_TRUE(Rules->findGilFunction("PyEval_SaveThread")->Releases);
  EXPECT_EQ(Rules->findGilFunction("PyEval_SaveThread")->Macro, "Py_BEGIN_ALLOW_THREADS");
  EXPECT_TRUE(Rules->isPythonApi("PyList_New"));
  EXPECT_TRUE(Rules->isPythonApi("pybind11::object::attr"));
  EXPECT_FALSE(Rules->isPythonApi("Pyramid::volume")); // a user's class, not the C API
  EXPECT_FALSE(Rules->isPythonApi("PyGILState_Ensure")); // takes the GIL, needs none
  EXPECT_FALSE(Rules->isPythonApi("pybind11::gil_scoped_acquire"));
  EXPECT_FALSE(Rules->MtUnsafeFunctions.empty());
  EXPECT_FALSE(Rules->AsyncSignalSafeFunctions.empty());
  ASSERT_NE(Rules->findBlockingCall("std::this_thread::sleep_for", ApiForm::Function), nullptr);
  EXPECT_EQ(Rules->findBlockingCall("recv", ApiForm::Function)->Kind, "socket");
  EXPECT_FALSE(Rules->findBlockingCall("printf", ApiForm::Function)->Strong);
  ASSERT_NE(Rules->findCpuHeavyCall("std::sort", ApiForm::Function), nullptr);
  EXPECT_EQ(Rules->findCpuHeavyCall("deflate", ApiForm::Function)->Kind, "compression");
  ASSERT_NE(Rules->findMtUnsafeFunction("strtok"), nullptr);
  EXPECT_EQ(Rules->findMtUnsafeFunction("strtok")->Replacement, "strtok_r");
  EXPECT_TRUE(Rules->isAsyncSignalSafe("write"));
  EXPECT_FALSE(Rules->isAsyncSignalSafe("printf"));
  // A replacement is never itself listed as unsafe.
  for (const MtUnsafeFunctionRule &R : Rules->MtUnsafeFunctions)
    EXPECT_EQ(Rules->findMtUnsafeFunction(R.Replacement), nullptr) << R.Api;
  EXPECT_FALSE(Rules->DetachApis.empty());
  EXPECT_FALSE(Rules->LockGuards.empty());
  EXPECT_FALSE(Rules->AtomicTypes.empty());
  EXPECT_FALSE(Rules->ThreadJoins.empty());
  for (auto &[List, Names] : PerFile)
    EXPECT_TRUE(std::is_sorted(Names.begin(), Names.end())) << List << " is not sorted";
}

TEST(RulesLoaderTest, RejectsBadPythonAndThreadCountRules) {
  EXPECT_EQ(errorOf("version: 1\ngil-functions:\n  - {api: PyEval_SaveThread, action: drop}\n"),
            "r.yaml:3: 'action' must be acquire or release, got 'drop'");
  EXPECT_EQ(errorOf("version: 1\ngil-functions:\n  - {api: F, action: release}\n"
                    "  - {api: F, action: acquire}\n"),
            "r.yaml:4: duplicate gil-functions entry 'F', first defined at r.yaml:3");
  EXPECT_EQ(errorOf("version: 1\nthread-count-functions:\n  - {api: omp_set_num_threads}\n"),
            "r.yaml:3: a thread-count-functions entry needs 'count-arg' (the argument that is "
            "the count)");
  EXPECT_EQ(errorOf("version: 1\nthread-count-functions:\n"
                    "  - {api: omp_set_max_active_levels, count-arg: 0, sets: levels}\n"),
            "r.yaml:3: 'sets' must be num-threads, max-active-levels or nested");
  RuleSet Counts;
  ASSERT_EQ(errorOf("version: 1\nthread-count-functions:\n"
                    "  - {api: omp_set_max_active_levels, count-arg: 0, sets: max-active-levels}\n"
                    "  - {api: omp_set_nested, count-arg: 0, sets: nested}\n"
                    "  - {api: omp_set_num_threads, count-arg: 0}\n",
                    &Counts),
            "");
  ASSERT_EQ(Counts.ThreadCountFunctions.size(), 3u);
  EXPECT_EQ(Counts.ThreadCountFunctions[0].What, ThreadCountFunctionRule::Sets::MaxActiveLevels);
  EXPECT_EQ(Counts.ThreadCountFunctions[1].What, ThreadCountFunctionRule::Sets::Nested);
  EXPECT_EQ(Counts.ThreadCountFunctions[2].What, ThreadCountFunctionRule::Sets::NumThreads);
  EXPECT_EQ(errorOf("version: 1\noversubscription-threads-above: many\n"),
            "r.yaml:2: 'oversubscription-threads-above' must be a positive integer");
  RuleSet Rules;
  ASSERT_EQ(errorOf("version: 1\noversubscription-threads-above: 16\n", &Rules), "");
  EXPECT_EQ(errorOf("version: 1\noversubscription-threads-above: 32\n", &Rules),
            "r.yaml:2: 'oversubscription-threads-above' already set at r.yaml:2");
  EXPECT_EQ(errorOf("version: 1\ngil-release-guards:\n  - 'not a name'\n"),
            "r.yaml:3: a gil-release-guards entry must be a qualified C++ name");
}

TEST(RulesLoaderTest, ParsesMtUnsafeAndSignalSafeLists) {
  RuleSet Rules;
  ASSERT_EQ(errorOf("version: 1\n"
                    "mt-unsafe-functions:\n"
                    "  - api: strtok\n"
                    "    replacement: strtok_r\n"
                    "  - {api: getenv}\n"
                    "async-signal-safe-functions: [_exit, write]\n",
                    &Rules),
            "");
  ASSERT_EQ(Rules.MtUnsafeFunctions.size(), 2u);
  EXPECT_EQ(Rules.MtUnsafeFunctions[0].Replacement, "strtok_r");
  EXPECT_EQ(Rules.MtUnsafeFunctions[0].Origin.Line, 3u);
  EXPECT_TRUE(Rules.MtUnsafeFunctions[1].Replacement.empty());
  EXPECT_TRUE(Rules.isAsyncSignalSafe("_exit"));
  EXPECT_FALSE(Rules.isAsyncSignalSafe("printf"));
}

TEST(RulesLoaderTest, RejectsBadMtUnsafeAndSignalSafeLists) {
  EXPECT_EQ(errorOf("version: 1\nmt-unsafe-functions: strtok\n"),
            "r.yaml:2: 'mt-unsafe-functions' must be a list");
  EXPECT_EQ(errorOf("version: 1\nmt-unsafe-functions:\n  - strtok\n"),
            "r.yaml:3: expected a mapping for an mt-unsafe-functions entry");
  EXPECT_EQ(errorOf("version: 1\nmt-unsafe-functions:\n  - {api: strtok, fixit: true}\n"),
            "r.yaml:3: unknown key 'fixit' in an mt-unsafe-functions entry (expected one "
            "of: api, replacement)");
  EXPECT_EQ(errorOf("version: 1\nmt-unsafe-functions:\n  - {replacement: strtok_r}\n"),
            "r.yaml:3: missing required key 'api' in an mt-unsafe-functions entry");
  EXPECT_EQ(errorOf("version: 1\nmt-unsafe-functions:\n  - {api: strtok, replacement: [a]}\n"),
            "r.yaml:3: 'replacement' must be a qualified C++ name");
  EXPECT_EQ(errorOf("version: 1\nmt-unsafe-functions:\n  - {api: 'str tok'}\n"),
            "r.yaml:3: 'str tok' is not a qualified C++ name");
  EXPECT_EQ(errorOf("version: 1\nmt-unsafe-functions:\n  - {api: strtok}\n"
                    "  - {api: strtok}\n"),
            "r.yaml:4: duplicate mt-unsafe-functions entry 'strtok', first defined at "
            "r.yaml:3");
  EXPECT_EQ(errorOf("version: 1\nasync-signal-safe-functions: [write, write]\n"),
            "r.yaml:2: duplicate async-signal-safe-functions entry 'write', first defined "
            "at r.yaml:2");
  EXPECT_EQ(errorOf("version: 1\nasync-signal-safe-functions: [{api: write}]\n"),
            "r.yaml:2: a async-signal-safe-functions entry must be a qualified C++ name");
  EXPECT_EQ(errorOf("version: 1\nasync-signal-safe-functions: write\n"),
            "r.yaml:2: 'async-signal-safe-functions' must be a list");
  // Across files: a user's file cannot list a built-in entry again.
  RuleSet Rules;
  ASSERT_EQ(errorOf("version: 1\nmt-unsafe-functions: [{api: rand}]\n", &Rules), "");
  EXPECT_EQ(errorOf("version: 1\nmt-unsafe-functions: [{api: rand}]\n", &Rules),
            "r.yaml:2: duplicate mt-unsafe-functions entry 'rand', first defined at "
            "r.yaml:2");
}

TEST(RulesLoaderTest, ParsesWorkloadCallLists) {
  RuleSet Rules;
  ASSERT_EQ(errorOf("version: 1\n"
                    "blocking-calls:\n"
                    "  - {api: recv, form: function, kind: socket}\n"
                    "  - {api: printf, form: function, kind: stdio, weight: weak}\n"
                    "cpu-heavy-calls:\n"
                    "  - {api: std::sort, form: function, kind: sort}\n",
                    &Rules),
            "");
  ASSERT_EQ(Rules.BlockingCalls.size(), 2u);
  EXPECT_TRUE(Rules.BlockingCalls[0].Strong);
  EXPECT_FALSE(Rules.BlockingCalls[1].Strong);
  EXPECT_EQ(Rules.BlockingCalls[1].Origin.Line, 4u);
  EXPECT_EQ(Rules.findCpuHeavyCall("std::sort", ApiForm::Function)->Kind, "sort");
  EXPECT_EQ(Rules.findCpuHeavyCall("std::sort", ApiForm::Method), nullptr);

  EXPECT_EQ(errorOf("version: 1\nblocking-calls:\n  - {api: recv, form: function, kind: net}\n"),
            "r.yaml:3: 'kind' must be one of database, dns, file, http, ipc, poll, sleep, "
            "socket, stdio, wait, got 'net'");
  EXPECT_EQ(errorOf("version: 1\ncpu-heavy-calls:\n  - {api: f, form: function, kind: hash, "
                    "weight: heavy}\n"),
            "r.yaml:3: 'weight' must be strong or weak, got 'heavy'");
  EXPECT_EQ(errorOf("version: 1\ncpu-heavy-calls:\n  - {api: f, form: function, kind: hash, "
                    "cost: 3}\n"),
            "r.yaml:3: unknown key 'cost' in a cpu-heavy-calls entry (expected one of: api, "
            "form, kind, weight)");
  EXPECT_EQ(errorOf("version: 1\nblocking-calls:\n  - {api: recv, form: function, kind: socket}\n"
                    "  - {api: recv, form: function, kind: socket}\n"),
            "r.yaml:4: duplicate blocking-calls entry 'recv' (function), first defined at "
            "r.yaml:3");
  EXPECT_EQ(errorOf("version: 1\nblocking-calls:\n  - {api: f, form: function, kind: file}\n"
                    "cpu-heavy-calls:\n  - {api: f, form: function, kind: hash}\n"),
            "r.yaml:5: 'f' (function) is also in blocking-calls at r.yaml:3: a call is either "
            "blocking or CPU-heavy");
  EXPECT_EQ(errorOf("version: 1\nblocking-calls: recv\n"),
            "r.yaml:2: 'blocking-calls' must be a list");
}

} // namespace
