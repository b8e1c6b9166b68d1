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
            "thread-joins, thread-id-functions)");
}

TEST(RulesLoaderTest, UnknownEntryKey) {
  EXPECT_EQ(errorOf("version: 1\nthread-apis:\n  - api: f\n    form: function\n"
                    "    kind: thread\n    entry_arg: 0\n"),
            "r.yaml:6: unknown key 'entry_arg' in a thread-apis entry (expected one of: "
            "api, form, kind, entry-arg, entry-method, launch-policy)");
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
  EXPECT_FALSE(Rules->LockGuards.empty());
  EXPECT_FALSE(Rules->AtomicTypes.empty());
  EXPECT_FALSE(Rules->ThreadJoins.empty());
  for (auto &[List, Names] : PerFile)
    EXPECT_TRUE(std::is_sorted(Names.begin(), Names.end())) << List << " is not sorted";
}

} // namespace
