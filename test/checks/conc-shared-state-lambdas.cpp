// Lambdas of an inline function (a member defined in its class, or a
// function defined in a header) are each their own function, even when
// they have the same signature: Clang gives all their closure types one
// name, so the model tells them apart by their ABI numbers. Each lambda's
// accesses belong to the thread that runs it, not to its neighbours.
// RUN: %conc-advisor --checks='-*,conc-shared-state,conc-thread-site' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <thread>

int Work;
int Total;
int Local;
int Up;
int Down;

// Safe: the second lambda runs on the calling thread after the join; only
// the first one runs on the thread, and it never touches Total.
inline void twoPhases() {
  std::thread T([] { ++Work; });
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running the lambda at conc-shared-state-lambdas.cpp:[[@LINE-1]]:17 [conc-thread-site]
  int Seen = Total;
  T.join();
  auto Add = [] { ++Total; };
  Add();
  (void)Seen;
}

// Racy: here the thread's own lambda writes the global main reads.
int Racy;
inline void racyPhases() {
  std::thread T([] { ++Racy; });
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running the lambda at conc-shared-state-lambdas.cpp:[[@LINE-1]]:17 [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-2]]:24: warning: 'Racy' is written on the thread running 'lambda at conc-shared-state-lambdas.cpp:[[@LINE-2]]:17' and read on the main thread with no lock held in common; make it std::atomic<int> [conc-shared-state]
  int Seen = Racy;
// CHECK-MESSAGES: :[[@LINE-1]]:14: note: 'Racy' is read here on the main thread
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: the thread running 'lambda at conc-shared-state-lambdas.cpp:[[@LINE-5]]:17' is started here
// CHECK-MESSAGES: :[[@LINE-3]]:14: note: call path: main -> racyPhases
// CHECK-MESSAGES: :[[@LINE-9]]:5: note: 'Racy' is declared here
  T.join();
  auto Add = [] { ++Local; };
  Add();
  (void)Seen;
}

struct Proxy {
  // Two threads, each with its own lambda of one signature: the notes name
  // each thread's own lambda.
  void forwardBoth() {
    std::thread A([] { ++Up; });
// CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'std::thread' starts a thread running the lambda at conc-shared-state-lambdas.cpp:[[@LINE-1]]:19 [conc-thread-site]
    std::thread B([] { ++Down; });
// CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'std::thread' starts a thread running the lambda at conc-shared-state-lambdas.cpp:[[@LINE-1]]:19 [conc-thread-site]
    A.join();
    B.join();
  }
};

int main() {
  twoPhases();
  racyPhases();
  Proxy P;
  P.forwardBoth();
}
