// conc-mt-unsafe-call with IgnoredFunctions: the listed functions (';' or
// ',' separated, as clang-tidy lists are) are not reported; others are.
// RUN: rm -rf %t && mkdir -p %t
// RUN: printf 'CheckOptions:\n  conc-mt-unsafe-call.IgnoredFunctions: "getenv; setenv"\n' > %t/ignored.yaml
// RUN: %conc-advisor --config-file=%t/ignored.yaml --checks='-*,conc-mt-unsafe-call' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'
// Without the option, getenv is reported too.
// RUN: %conc-advisor --checks='-*,conc-mt-unsafe-call' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=DEFAULT -implicit-check-not='{{note|warning|error}}:'

#include <cstdlib>
#include <string.h>
#include <thread>
#include <vector>

void worker(char *Line) {
  if (const char *Home = std::getenv("HOME"))
// DEFAULT: :[[@LINE-1]]:26: warning: 'getenv' is not thread-safe {{.*}} [conc-mt-unsafe-call]
// DEFAULT: :[[@LINE+12]]:5: note: the thread running 'worker' is started here (several may run at once)
    (void)Home;
  (void)strtok(Line, " ");
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'strtok' is not thread-safe and 'worker' may run on several threads at once; use strtok_r [conc-mt-unsafe-call]
// CHECK-MESSAGES: :[[@LINE+8]]:5: note: the thread running 'worker' is started here (several may run at once)
// DEFAULT: :[[@LINE-3]]:9: warning: 'strtok' is not thread-safe {{.*}} [conc-mt-unsafe-call]
// DEFAULT: :[[@LINE+6]]:5: note: the thread running 'worker' is started here (several may run at once)
}

int main(int Argc, char **Argv) {
  std::vector<std::thread> Workers;
  for (int I = 1; I < Argc; ++I)
    Workers.emplace_back(worker, Argv[I]);
  for (std::thread &W : Workers)
    W.join();
}
