// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <atomic>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <vector>

// Racy: a counter every worker increments (the advice: std::atomic).
long Requests = 0;
void countRequest() { ++Requests; }
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Requests' is written on the thread running 'requestWorker', which may run in several instances at once, with no lock held in common; make it std::atomic<long> [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+70]]:5: note: the thread running 'requestWorker' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE+69]]:5: note: call path: requestWorker -> countRequest
// CHECK-MESSAGES: :[[@LINE-5]]:6: note: 'Requests' is declared here
// CHECK-MESSAGES: :[[@LINE-6]]:1: note: fix-it: replace the text up to [[@LINE-6]]:5 with 'std::atomic<long>'
void requestWorker() { countRequest(); }

// Safe twin: the same counter, atomic.
std::atomic<long> AtomicRequests{0};
void atomicWorker() { AtomicRequests++; }

// Racy: written by one thread, read by another, no lock.
double Progress = 0;
void reporter() { double P = Progress; (void)P; }
void computer() { Progress = 0.5; }
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'Progress' is written on the thread running 'computer' and read on the thread running 'reporter' with no lock held in common; guard every access with one mutex, or give each thread its own copy (thread_local) [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-3]]:30: note: 'Progress' is read here on the thread running 'reporter'
// CHECK-MESSAGES: :[[@LINE+57]]:28: note: the thread running 'computer' is started here
// CHECK-MESSAGES: :[[@LINE+56]]:15: note: the thread running 'reporter' is started here
// CHECK-MESSAGES: :[[@LINE-7]]:8: note: 'Progress' is declared here

// Safe twin: the same, under one mutex each side.
std::mutex ProgressLock;
double GuardedProgress = 0;
void guardedReporter() {
  std::lock_guard<std::mutex> Hold(ProgressLock);
  double P = GuardedProgress;
  (void)P;
}
void guardedComputer() {
  ProgressLock.lock();
  GuardedProgress = 0.5;
  ProgressLock.unlock();
}

// Racy: two different locks protect nothing.
std::mutex LockA, LockB;
int Balance = 0;
void deposit() { std::lock_guard<std::mutex> Hold(LockA); Balance += 10; }
// CHECK-MESSAGES: :[[@LINE-1]]:59: warning: 'Balance' is written on the thread running 'deposit' and written on the thread running 'withdraw' with no lock held in common; make it std::atomic<int> [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+5]]:60: note: 'Balance' is written here on the thread running 'withdraw'
// CHECK-MESSAGES: :[[@LINE+35]]:15: note: the thread running 'deposit' is started here
// CHECK-MESSAGES: :[[@LINE+34]]:27: note: the thread running 'withdraw' is started here
// CHECK-MESSAGES: :[[@LINE-6]]:5: note: 'Balance' is declared here
// CHECK-MESSAGES: :[[@LINE-7]]:1: note: fix-it: replace the text up to [[@LINE-7]]:4 with 'std::atomic<int>'
void withdraw() { std::lock_guard<std::mutex> Hold(LockB); Balance -= 10; }

// Safe: written before the threads start, only read after.
int Config = 0;
void configReader() { int C = Config; (void)C; }

// Safe: read-only sharing, constants and thread-local copies.
const int Limit = 64;
int ReadOnly = 7;
thread_local int Scratch = 0;
void readers() { int X = Limit + ReadOnly; Scratch = X; }

// Racy through pthreads and a static member.
struct Stats {
  static int Hits;
};
int Stats::Hits = 0;
void *posixWorker(void *) { Stats::Hits = Stats::Hits + 1; return nullptr; }
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'Stats::Hits' is written on the thread running 'posixWorker', which may run in several instances at once, with no lock held in common; make it std::atomic<int> [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+15]]:3: note: the thread running 'posixWorker' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-4]]:12: note: 'Stats::Hits' is declared here

int main() {
  Config = 3;
  std::vector<std::thread> Pool;
  for (int I = 0; I < 4; ++I)
    Pool.emplace_back(requestWorker);
  for (int I = 0; I < 4; ++I)
    Pool.emplace_back(atomicWorker);
  std::thread R(reporter), C(computer);
  std::thread GR(guardedReporter), GC(guardedComputer);
  std::thread D(deposit), W(withdraw);
  std::thread CR(configReader), RD(readers), RD2(readers);
  pthread_t P1, P2;
  pthread_create(&P1, nullptr, posixWorker, nullptr);
  pthread_create(&P2, nullptr, posixWorker, nullptr);
  return 0;
}
