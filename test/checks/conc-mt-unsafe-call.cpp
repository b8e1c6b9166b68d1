// RUN: %conc-advisor --checks='-*,conc-mt-unsafe-call' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <cstdlib>
#include <string.h>
#include <thread>
#include <time.h>
#include <vector>

// Unsafe: every worker (several run at once) tokenizes with strtok, whose
// position is one hidden static for the whole process.
void worker(char *Line) {
  for (char *T = strtok(Line, " "); T; T = strtok(nullptr, " "))
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'strtok' is not thread-safe and 'worker' may run on several threads at once; use strtok_r [conc-mt-unsafe-call]
// CHECK-MESSAGES: :[[@LINE+44]]:5: note: the thread running 'worker' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-3]]:44: warning: 'strtok' is not thread-safe and 'worker' may run on several threads at once; use strtok_r [conc-mt-unsafe-call]
// CHECK-MESSAGES: :[[@LINE+42]]:5: note: the thread running 'worker' is started here (several may run at once)
    (void)T;
  if (const char *Home = std::getenv("HOME"))
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'getenv' is not thread-safe and 'worker' may run on several threads at once; call it from one thread only, or guard every call (and the use of its result) with one mutex [conc-mt-unsafe-call]
// CHECK-MESSAGES: :[[@LINE+38]]:5: note: the thread running 'worker' is started here (several may run at once)
    (void)Home;
}

// Safe twin: strtok_r keeps its position in the caller's variable.
void safeWorker(char *Line) {
  char *Save = nullptr;
  for (char *T = strtok_r(Line, " ", &Save); T; T = strtok_r(nullptr, " ", &Save))
    (void)T;
}

// Unsafe: a helper both the main thread and the logger thread call.
void stamp() {
  time_t Now = time(nullptr);
  struct tm *Parts = gmtime(&Now);
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'gmtime' is not thread-safe and 'stamp' may run on several threads at once; use gmtime_r [conc-mt-unsafe-call]
// CHECK-MESSAGES: :[[@LINE-2]]:22: note: 'stamp' also runs on the main thread (call path: main -> stamp)
// CHECK-MESSAGES: :[[@LINE+17]]:15: note: the thread running 'logger' is started here
// CHECK-MESSAGES: :[[@LINE+16]]:15: note: call path: logger -> stamp
  (void)Parts;
}
void logger() { stamp(); }

// Safe: one thread, one instance, and no other code calls ctime.
void reporter() {
  time_t Now = time(nullptr);
  (void)ctime(&Now);
}

int main(int Argc, char **Argv) {
  // Safe: only the main thread runs main, even though the program has threads.
  time_t Now = time(nullptr);
  (void)localtime(&Now);
  stamp();
  std::thread Log(logger);
  std::thread Report(reporter);
  std::vector<std::thread> Workers;
  for (int I = 1; I < Argc; ++I) {
    Workers.emplace_back(worker, Argv[I]);
    Workers.emplace_back(safeWorker, Argv[I]);
    // Unsafe: a lambda several threads run.
    Workers.emplace_back([] { (void)rand(); });
// CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'rand' is not thread-safe and 'lambda at conc-mt-unsafe-call.cpp:[[@LINE-1]]:26' may run on several threads at once; call it from one thread only, or guard every call (and the use of its result) with one mutex [conc-mt-unsafe-call]
// CHECK-MESSAGES: :[[@LINE-2]]:5: note: the thread running 'lambda at conc-mt-unsafe-call.cpp:[[@LINE-2]]:26' is started here (several may run at once)
  }
  for (std::thread &W : Workers)
    W.join();
  Log.join();
  Report.join();
}
