// A block opened and never closed, a close without an opening, or a close
// naming other checks than its opening is an error, as in clang-tidy; the
// broken block silences nothing, and the error fails the run. (The comments
// here avoid the directive words: they would be directives too.)
// RUN: %expect-exit 1 %conc-advisor --checks='-*,conc-async-default-policy' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{warning|error}}:'
// A file without findings is not scanned, as in clang-tidy.
// RUN: %expect-exit 0 %conc-advisor --checks='-*,conc-async-default-policy' %S/Inputs/unmatched-no-findings.cpp -- -std=c++17 %mock-headers \
// RUN:   | count 0

#include <future>

int parse(int Chunk);

// NOLINTEND
// CHECK-MESSAGES: :[[@LINE-1]]:4: error: unmatched '{{NOLINT}}END' comment without a previous '{{NOLINT}}BEGIN' comment [conc-nolint]

// NOLINTBEGIN(conc-async-default-policy)
// CHECK-MESSAGES: :[[@LINE-1]]:4: error: unmatched '{{NOLINT}}BEGIN' comment without a subsequent '{{NOLINT}}END' comment [conc-nolint]
void a() { auto A = std::async(parse, 1); }
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
// NOLINTEND(conc-*)
// CHECK-MESSAGES: :[[@LINE-1]]:4: error: unmatched '{{NOLINT}}END' comment without a previous '{{NOLINT}}BEGIN' comment [conc-nolint]

// NOLINTBEGIN
// CHECK-MESSAGES: :[[@LINE-1]]:4: error: unmatched '{{NOLINT}}BEGIN' comment without a subsequent '{{NOLINT}}END' comment [conc-nolint]
void b() { auto B = std::async(parse, 2); }
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
