// Every NOLINT form clang-tidy users write, each beside a look-alike that
// must not silence anything.
// RUN: %conc-advisor --checks='-*,conc-async-default-policy,conc-mt-unsafe-call' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{warning|error}}:'
// With every finding of the file below silenced, nothing fails the run.
// RUN: %expect-exit 0 %conc-advisor --checks='-*,conc-async-default-policy' --quiet %S/Inputs/all-silenced.cpp -- -std=c++17 %mock-headers \
// RUN:   | count 0

#include <cstdlib>
#include <future>
#include <thread>

int parse(int Chunk);

void sameLine() {
  auto A = std::async(parse, 1); // NOLINT
  auto B = std::async(parse, 2); // NOLINT(conc-async-default-policy)
  auto C = std::async(parse, 3); // NOLINT(conc-async-*)
  auto D = std::async(parse, 4); // NOLINT(bugprone-use-after-move, conc-async-default-policy)
  auto E = std::async(parse, 5); /* NOLINT(conc-*) */
  // An unclosed list applies to every check, as in clang-tidy.
  auto F = std::async(parse, 6); // NOLINT(conc-async-default-policy
}

void sameLineNotSilenced() {
  auto A = std::async(parse, 1); // NOLINT(conc-thread-site)
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
  auto B = std::async(parse, 2); // NOLINT()
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
  // Negative globs are ignored, as clang-tidy does.
  auto C = std::async(parse, 3); // NOLINT(-conc-async-default-policy)
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
  auto D = std::async(parse, 4); // nolint
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
  auto E = std::async(parse, 5); // NOLINTSOMEDAY
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
  // A NOLINT on the line below does not reach up.
  auto F = std::async(parse, 6);
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
  (void)0; // NOLINT
}

void nextLine() {
  // NOLINTNEXTLINE
  auto A = std::async(parse, 1);
  // NOLINTNEXTLINE(conc-async-default-policy)
  auto B = std::async(parse, 2);
  // NOLINTNEXTLINE(misc-*, conc-*)
  auto C = std::async(parse, 3);
}

void nextLineNotSilenced() {
  // NOLINTNEXTLINE(conc-thread-site)
  auto A = std::async(parse, 1);
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
  // NOLINTNEXTLINE: reaches one line only

  auto B = std::async(parse, 2);
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
  auto C = std::async(parse, 3); // NOLINTNEXTLINE does not cover its own line
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
}

// NOLINTBEGIN
void wholeBlock() {
  auto A = std::async(parse, 1);
  auto B = std::async(parse, 2);
}
// NOLINTEND

// NOLINTBEGIN(conc-async-default-policy)
void namedBlock() { auto A = std::async(parse, 1); }
// NOLINTBEGIN(conc-mt-*)
void nestedBlock() { auto A = std::async(parse, 2); }
// NOLINTEND(conc-mt-*)
// NOLINTEND(conc-async-default-policy)

// NOLINTBEGIN(conc-thread-site)
void otherCheckBlock() { auto A = std::async(parse, 1); }
// CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
// NOLINTEND(conc-thread-site)

void afterTheBlocks() { auto A = std::async(parse, 1); }
// CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]

// A whole-program finding (concluded over every unit) is silenced the same way.
void worker() {
  const char *Home = std::getenv("HOME"); // NOLINT(conc-mt-unsafe-call)
  const char *Path = std::getenv("PATH");
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'getenv' is not thread-safe {{.*}} [conc-mt-unsafe-call]
  (void)Home, (void)Path;
}
void startWorkers() {
  std::thread T1(worker), T2(worker);
  T1.join();
  T2.join();
}
