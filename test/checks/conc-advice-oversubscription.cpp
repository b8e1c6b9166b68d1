// RUN: %conc-advisor --checks='-*,conc-advice-oversubscription' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <future>
#include <omp.h>
#include <taskflow/taskflow.hpp>
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
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: this loop starts 64 CPU-bound threads, a count fixed in the code and above 16, the cores of most machines; the core count of the machine that runs it is not known here (std::thread::hardware_concurrency() reports it at run time), and more CPU-bound threads than cores only add context switches; size the count by std::thread::hardware_concurrency() [conc-advice-oversubscription]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop is here
// CHECK-MESSAGES: :[[@LINE-3]]:18: note: the work of each thread looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-34]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in 'crunch'
  for (int I = 0; I < 8; ++I) // within the threshold: not reported
    Workers[I] = std::thread(crunch, 100);
}

// Twice the core count: two CPU-bound threads per core, whatever the machine.
void per_core_workers() {
  std::thread Workers[256];
  unsigned N = std::thread::hardware_concurrency() * 2;
  for (unsigned I = 0; I < N; ++I)
    Workers[I] = std::thread(crunch, 100);
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: this loop starts 2 CPU-bound threads per core (the core count times 2): a core runs one at a time, so the others only wait and add context switches; start one per core (the core count itself) [conc-advice-oversubscription]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop is here
// CHECK-MESSAGES: :[[@LINE-3]]:18: note: the work of each thread looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-48]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in 'crunch'
  unsigned M = std::thread::hardware_concurrency();
  for (unsigned I = 0; I < M; ++I) // one per core: not reported
    Workers[I] = std::thread(crunch, 100);
}

// A constant waiting team is not reported: waiting threads need no cores.
void openmp_counts() {
#pragma omp parallel for num_threads(64)
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'num_threads(64)' runs the parallel region at conc-advice-oversubscription.cpp:{{[0-9:]+}}, which is CPU-bound, on 64 threads, a count fixed in the code and above 16, the cores of most machines; the core count of the machine that runs it is not known here (std::thread::hardware_concurrency() reports it at run time), and more CPU-bound threads than cores only add context switches; leave the count to the OpenMP runtime (one thread per core by default) or compute it from omp_get_num_procs() [conc-advice-oversubscription]
// CHECK-MESSAGES: :[[@LINE-2]]:1: note: the parallel region is here
// CHECK-MESSAGES: :[[@LINE-3]]:1: note: the region's work looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE+1]]:3: note: loop nest of arithmetic (2 loops deep, 3 operations, no call) in the parallel region at conc-advice-oversubscription.cpp:{{[0-9:]+}}
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
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'omp_set_num_threads(64)' runs the parallel region at conc-advice-oversubscription.cpp:{{[0-9:]+}}, which is CPU-bound, on 64 threads, a count fixed in the code and above 16, the cores of most machines; the core count of the machine that runs it is not known here (std::thread::hardware_concurrency() reports it at run time), and more CPU-bound threads than cores only add context switches; leave the count to the OpenMP runtime (one thread per core by default) or compute it from omp_get_num_procs() [conc-advice-oversubscription]
// CHECK-MESSAGES: :[[@LINE+3]]:1: note: the parallel region is here
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the region's work looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE+2]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in the parallel region at conc-advice-oversubscription.cpp:{{[0-9:]+}}
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

// std::async with launch::async starts a thread per call: 64 tasks are 64
// threads. The same 64 tasks queued to a pool run on the pool's threads.
void constant_async_tasks() {
  std::future<int> Results[64];
  for (int I = 0; I < 64; ++I)
    Results[I] = std::async(std::launch::async, crunch, 100);
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: this loop starts 64 CPU-bound tasks, a count fixed in the code and above 16, the cores of most machines; the core count of the machine that runs it is not known here (std::thread::hardware_concurrency() reports it at run time), and more CPU-bound threads than cores only add context switches; size the count by std::thread::hardware_concurrency() [conc-advice-oversubscription]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop is here
// CHECK-MESSAGES: :[[@LINE-3]]:18: note: the work of each thread looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-101]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in 'crunch'
}
void constant_pool_tasks(tf::Executor &Pool) {
  for (int I = 0; I < 10000; ++I)
    Pool.silent_async([] { crunch(100); });
}

// Not reported: 32 threads whose only sign of CPU work is one loop of one
// operation (low confidence), as threads that submit work and leave.
void touch(int *Slots, int N) {
  for (int I = 0; I < N; ++I)
    Slots[I] += 1;
}
void constant_submitters(int *Slots) {
  std::thread Submitters[32];
  for (int I = 0; I < 32; ++I)
    Submitters[I] = std::thread(touch, Slots, 8);
}
