// --warnings-as-errors raises the warnings of the checks its globs match to
// errors, spelled as clang-tidy does; notes stay notes. --fail-on decides the
// exit status: 0 clean, 1 at or above it.
// RUN: %expect-exit 1 %conc-advisor --checks='-*,conc-async-default-policy,conc-thread-site' --quiet \
// RUN:   --warnings-as-errors='conc-async-*,conc-thread-site' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s --check-prefix=RAISED -implicit-check-not='{{warning|error}}:'
// Not matched by the globs: warnings stay warnings, and --fail-on=error passes.
// RUN: %expect-exit 0 %conc-advisor --checks='-*,conc-async-default-policy,conc-thread-site' --quiet \
// RUN:   --warnings-as-errors='conc-shared-*' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s --check-prefix=KEPT -implicit-check-not='error:'
// The property is in SARIF and JSON too.
// RUN: %expect-exit 1 %conc-advisor --checks='-*,conc-async-default-policy' --quiet --format=sarif \
// RUN:   --warnings-as-errors='*' %s -- -std=c++17 %mock-headers | FileCheck %s --check-prefix=SARIF
// --fail-on levels against the same warning: note and warning fail, error passes.
// RUN: %expect-exit 1 %conc-advisor --checks='-*,conc-async-default-policy' --quiet --fail-on=note %s -- -std=c++17 %mock-headers > /dev/null
// RUN: %expect-exit 1 %conc-advisor --checks='-*,conc-async-default-policy' --quiet --fail-on=warning %s -- -std=c++17 %mock-headers > /dev/null
// RUN: %expect-exit 0 %conc-advisor --checks='-*,conc-async-default-policy' --quiet --fail-on=error %s -- -std=c++17 %mock-headers > /dev/null
// Bad globs and levels are usage errors.
// RUN: %expect-exit 2 %conc-advisor --warnings-as-errors='conc-?' %s -- 2>&1 | FileCheck %s --check-prefix=BAD-GLOB
// RUN: %expect-exit 2 %conc-advisor --fail-on=fatal %s -- 2>&1 | FileCheck %s --check-prefix=BAD-LEVEL

#include <future>
#include <thread>

int parse(int Chunk);

void work() {
  auto A = std::async(parse, 1);
// RAISED: :[[@LINE-1]]:12: error: 'std::async' without a launch policy {{.*}} [conc-async-default-policy,-warnings-as-errors]
// KEPT: :[[@LINE-2]]:12: warning: 'std::async' without a launch policy {{.*}} [conc-async-default-policy]
  std::thread T(parse, 2);
// RAISED: :[[@LINE-1]]:15: note: 'std::thread' starts a thread {{.*}} [conc-thread-site]
  T.join();
}

// SARIF: "level": "error",
// SARIF: "properties": {
// SARIF: "warnings-as-errors": "true"
// BAD-GLOB: conc-advisor: error: invalid check glob 'conc-?' in --warnings-as-errors=conc-?
// BAD-LEVEL: conc-advisor: error: unknown --fail-on level 'fatal' (expected note, warning or error)
