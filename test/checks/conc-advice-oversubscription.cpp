// RUN: %conc-advisor --checks='-*,conc-advice-oversubscription' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <BS_thread_pool.hpp>
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

// Constant thread counts above rules/workload.yaml's threshold (16).
void constant_workers() {
  std::thread Workers[64];
  for (int I = 0; I < 64; ++I)
    Workers[I] = std::thread(crunch, 100);
  for (int I = 0; I < 8; ++I) // within the threshold: not reported
    Workers[I] = std::thread(crunch, 100);
}

// Twice the core count: two CPU-bound threads per core, whatever the machine.
void per_core_workers() {
  std::thread Workers[256];
  unsigned N = std::thread::hardware_concurrency() * 2;
  for (unsigned I = 0; I < N; ++I)
    Workers[I] = std::thread(crunch, 100);
  unsigned M = std::thread::hardware_concurrency();
  for (unsigned I = 0; I < M; ++I) // one per core: not reported
    Workers[I] = std::thread(crunch, 100);
}

// A constant waiting team is not reported: waiting threads need no cores.
void openmp_counts() {
#pragma omp parallel for num_threads(64)
  for (int I = 0; I < 512; ++I)
    for (int J = 0; J < 512; ++J)
      A[I][J] = A[I][J] * 2.0 + I * J;
#pragma omp parallel num_threads(64)
  sleep(1);
#pragma omp parallel for num_threads(8)
  for (int I = 0; I < 512; ++I)
    for (int J = 0; J < 512; ++J)
      A[I][J] = A[I][J] * 3.0 + I * J;
}

void set_count() {
  omp_set_num_threads(64);
#pragma omp parallel for
  for (int I = 0; I < 512; ++I)
    for (int J = 0; J < 512; ++J)
      A[I][J] = A[I][J] + I * J;
}

void set_small_count() {
  omp_set_num_threads(4);
#pragma omp parallel for
  for (int I = 0; I < 512; ++I)
    for (int J = 0; J < 512; ++J)
      A[I][J] = A[I][J] - I * J;
}

// A pool created inside a task that runs on a pool: a pool per task.
void inner_job(int Seed) {
  BS::thread_pool<> Inner(4);
  Inner.detach_task([] { crunch(100); });
}
void pool_per_task(BS::thread_pool<> &Outer) {
  for (int I = 0; I < 8; ++I)
    Outer.detach_task([I] { inner_job(I); });
}

// One pool, created once by the calling thread: not reported.
void one_pool() {
  BS::thread_pool<> Pool(4);
  Pool.detach_task([] { crunch(100); });
}
