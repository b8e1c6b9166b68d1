// RUN: %conc-advisor --checks='-*,conc-advice-lock-serializes' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <mutex>
#include <thread>
#include <vector>

std::mutex Mu;
long Total = 0;

// The whole computation holds Mu: the workers take turns.
void serialized(int Seed) {
  std::lock_guard<std::mutex> Lock(Mu);
  for (int I = 0; I < 1000; ++I)
    for (int J = 0; J < 1000; ++J)
      Total += I * J + Seed;
}

// Computes alone, holds Mu only to publish: not reported.
void parallel(int Seed) {
  long Local = 0;
  for (int I = 0; I < 1000; ++I)
    for (int J = 0; J < 1000; ++J)
      Local += I * J + Seed;
  std::lock_guard<std::mutex> Lock(Mu);
  Total += Local;
}

void start() {
  std::vector<std::thread> Threads;
  for (int W = 0; W < 4; ++W) {
    Threads.emplace_back(serialized, W);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the threads started here run 'serialized', whose CPU-bound work runs with 'Mu' held: several of them run at once but only one can hold it, so they take turns instead of computing in parallel; compute outside the lock and hold it only to read the input and publish the result [conc-advice-lock-serializes]
// CHECK-MESSAGES: :[[@LINE-26]]:12: note: 'Mu' is declared here
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: the work of each thread looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-22]]:3: note: loop nest of arithmetic (2 loops deep, 3 operations, no call) in 'serialized'
    Threads.emplace_back(parallel, W);
  }
  // One thread only: nobody to take turns with, not reported.
  std::thread Alone([] {
    std::lock_guard<std::mutex> Lock(Mu);
    for (int I = 0; I < 1000; ++I)
      for (int J = 0; J < 1000; ++J)
        Total += I * J;
  });
  Alone.join();
}
