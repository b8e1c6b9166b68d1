// RUN: %conc-advisor --checks='-*,conc-advice-oversubscription' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <omp.h>
#include <thread>
#include <unistd.h>

double A[512][512];

// One level: not reported.
void flat() {
#pragma omp parallel for
  for (int I = 0; I < 512; ++I)
    for (int J = 0; J < 512; ++J)
      A[I][J] = A[I][J] * 2.0 + I * J;
}

// A thread started in every thread of a team: as many threads again.
void crunch(int N) {
  long S = 0;
  for (int I = 0; I < N; ++I)
    for (int J = 0; J < N; ++J)
      S += I * J;
}

void threads_in_team() {
#pragma omp parallel
  {
    std::thread T(crunch, 100);
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::thread' starts threads inside an OpenMP parallel construct, whose every thread starts its own: the CPU-bound work then runs on (outer threads) x (inner threads) for the same cores; parallelize one level (the outer loop, or collapse the loops) [conc-advice-oversubscription]
// CHECK-MESSAGES: :[[@LINE-4]]:1: note: the enclosing OpenMP construct is here
// CHECK-MESSAGES: :[[@LINE-3]]:17: note: the inner work looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-12]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in 'crunch'
    T.join();
  }
}

// A team whose inner work waits is not reported.
void waits() {
#pragma omp parallel for
  for (int I = 0; I < 4; ++I) {
#pragma omp parallel
    sleep(1);
  }
}
