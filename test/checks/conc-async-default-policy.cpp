// RUN: %conc-advisor --checks='-*,conc-async-default-policy' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'
// RUN: %conc-advisor --checks='-*,conc-async-default-policy' --format=json --quiet --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=JSON
// RUN: %conc-advisor --checks='-*,conc-async-default-policy' --format=sarif --quiet --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=SARIF

#include <future>

int parse(int Chunk);

// Unsafe: the default policy may defer every task to the get() below, one
// after the other, on this thread.
int parseAllDefault() {
  std::future<int> A = std::async(parse, 1);
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'std::async' without a launch policy may defer the task to the thread that waits for it; pass std::launch::async to run it on another thread [conc-async-default-policy]
// CHECK-MESSAGES: :[[@LINE-2]]:35: note: fix-it: insert 'std::launch::async, '
  std::future<int> B = std::async([] { return parse(2); });
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'std::async' without a launch policy may defer {{.*}} [conc-async-default-policy]
// CHECK-MESSAGES: :[[@LINE-2]]:35: note: fix-it: insert 'std::launch::async, '
  return A.get() + B.get();
}

// Safe: the same code with the policy the fix-it inserts.
int parseAllAsync() {
  std::future<int> A = std::async(std::launch::async, parse, 1);
  std::future<int> B = std::async(std::launch::async, [] { return parse(2); });
  return A.get() + B.get();
}

// An explicit policy is the author's choice, whatever it is: deferred on
// purpose, both bits, or one picked at run time.
int explicitPolicies(std::launch Policy) {
  auto Lazy = std::async(std::launch::deferred, parse, 3);
  auto Either = std::async(std::launch::async | std::launch::deferred, parse, 4);
  auto Chosen = std::async(Policy, parse, 5);
  return Lazy.get() + Either.get() + Chosen.get();
}

// A call in a template is one finding, however many instantiations.
template <class F> int runLater(F Fn) {
  return std::async(Fn, 6).get();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
// CHECK-MESSAGES: :[[@LINE-2]]:21: note: fix-it: insert 'std::launch::async, '
}
int instantiate() { return runLater(parse) + runLater([](int X) { return X; }); }

// Through a macro: reported where the macro is used, but no fix-it, which
// would have to edit the macro that other code shares.
#define PARSE_LATER(N) std::async(parse, N)
int throughAMacro() { return PARSE_LATER(7).get(); }
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]

// Look-alikes: another namespace's async is not std::async.
namespace mylib {
template <class F> int async(F &&Fn);
} // namespace mylib
int notStdAsync() { return mylib::async(parse); }

// JSON carries the fix-it as an edit: where, what, and the byte range.
// JSON: "check": "conc-async-default-policy",
// JSON: "line": 15,
// JSON-NEXT: "column": 24,
// JSON: "fixes": [
// JSON-NEXT: {
// JSON-NEXT: "file": "{{.*}}conc-async-default-policy.cpp",
// JSON-NEXT: "line": 15,
// JSON-NEXT: "column": 35,
// JSON-NEXT: "endLine": 15,
// JSON-NEXT: "endColumn": 35,
// JSON-NEXT: "offset": {{[0-9]+}},
// JSON-NEXT: "length": 0,
// JSON-NEXT: "replacement": "std::launch::async, "
// JSON: "properties": {
// JSON-NEXT: "api": "std::async",
// JSON-NEXT: "launch-policy": "default"

// In SARIF, a result `fixes` entry; the insertion is an empty deletedRegion.
// SARIF: "ruleId": "conc-async-default-policy",
// SARIF: "fixes": [
// SARIF-NEXT: {
// SARIF-NEXT: "artifactChanges": [
// SARIF-NEXT: {
// SARIF-NEXT: "artifactLocation": {
// SARIF-NEXT: "uri": "file://{{.*}}conc-async-default-policy.cpp"
// SARIF-NEXT: },
// SARIF-NEXT: "replacements": [
// SARIF-NEXT: {
// SARIF-NEXT: "deletedRegion": {
// SARIF-NEXT: "startLine": 15,
// SARIF-NEXT: "startColumn": 35,
// SARIF-NEXT: "endLine": 15,
// SARIF-NEXT: "endColumn": 35
// SARIF-NEXT: },
// SARIF-NEXT: "insertedContent": {
// SARIF-NEXT: "text": "std::launch::async, "
