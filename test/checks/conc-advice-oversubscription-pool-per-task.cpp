// RUN: %conc-advisor --checks='-*,conc-advice-oversubscription' --fail-on=error %s -- -std=c++17 -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'
// RUN: %conc-advisor --checks='-*,conc-advice-oversubscription' --fail-on=error --format=sarif %s -- -std=c++17 -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-SARIF
// RUN: %conc-advisor --checks='-*,conc-advice-oversubscription' --fail-on=error --format=sarif \
// RUN:   --hardware=%S/../Inputs/probe/hardware-2cores.yaml %s -- -std=c++17 -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-HARDWARE

// A pool made in every task of a fan-out: the outer threads times the
// inner pool's threads. Each case has a silent twin beside it.

#include <BS_thread_pool.hpp>
#include <asio.hpp>
#include <future>
#include <thread>
#include <unistd.h>

void crunch(int N) {
  long S = 0;
  for (int I = 0; I < N; ++I)
    for (int J = 0; J < N; ++J)
      S += I * J;
}

// A pool of 8 in each of 32 threads.
void tile(int I) {
  BS::thread_pool<> Inner(8);
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'BS::thread_pool' creates a pool of 8 threads in 'tile', which runs on 32 threads at once ('std::thread'): 32 x 8 = 256 threads for the CPU-bound work, more than the cores, which only adds context switches; create one pool outside and pass it in (or give this pool 1 thread) [conc-advice-oversubscription]
// CHECK-MESSAGES: :[[@LINE+19]]:13: note: the outer threads are started here
// CHECK-MESSAGES: :[[@LINE+17]]:3: note: the loop around them is here
// CHECK-MESSAGES: :[[@LINE-4]]:21: note: the inner work looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-12]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in 'crunch'
  Inner.detach_task([] { crunch(100); });
}

// Twin: each task submits to one shared pool, made once.
void tile_shared(BS::thread_pool<> &Pool, int I) { Pool.detach_task([] { crunch(100); }); }

// Twin: an inner pool of one thread adds no parallelism to oversubscribe.
void tile_single(int I) {
  BS::thread_pool<> Inner(1);
  Inner.detach_task([] { crunch(100); });
}

void tiles() {
  std::thread Ts[32];
  for (int I = 0; I < 32; ++I)
    Ts[I] = std::thread(tile, I);
  BS::thread_pool<> Shared;
  for (int I = 0; I < 32; ++I)
    Ts[I] = std::thread([&Shared, I] { tile_shared(Shared, I); });
  for (int I = 0; I < 32; ++I)
    Ts[I] = std::thread(tile_single, I);
}

// A default-sized asio pool (two threads per core) in every thread of an
// OpenMP team (one per core).
void per_row(int R) {
  asio::thread_pool P;
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'asio::thread_pool' creates a pool of 2 threads per core in 'per_row', which runs on one thread per core at once ('#pragma omp parallel for'): 1 per core x 2 per core = 2 x the core count x the core count threads for the CPU-bound work, more than the cores, which only adds context switches; create one pool outside and pass it in (or give this pool 1 thread) [conc-advice-oversubscription]
// CHECK-MESSAGES: :[[@LINE+8]]:1: note: the outer threads are started here
// CHECK-MESSAGES: :[[@LINE-3]]:21: note: the inner work looks CPU-bound (high confidence)
  asio::post(P, [] { crunch(100); });
// CHECK-MESSAGES: :[[@LINE-44]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in 'crunch'
  P.join();
}

void rows() {
#pragma omp parallel for
  for (int R = 0; R < 100; ++R)
    per_row(R);
}

// A pool of 8 in every thread of an OpenMP team: 8 threads per core.
void per_block(int B) {
  BS::thread_pool<> Inner(8);
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'BS::thread_pool' creates a pool of 8 threads in 'per_block', which runs on one thread per core at once ('#pragma omp parallel for'): 1 per core x 8 = 8 threads per core for the CPU-bound work, more than the cores, which only adds context switches; create one pool outside and pass it in (or give this pool 1 thread) [conc-advice-oversubscription]
// CHECK-MESSAGES: :[[@LINE+8]]:1: note: the outer threads are started here
// CHECK-MESSAGES: :[[@LINE-3]]:21: note: the inner work looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-60]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in 'crunch'
  Inner.detach_task([] { crunch(100); });
}

void blocks() {
  BS::thread_pool<> Shared(8); // twin: made once, outside the team
#pragma omp parallel for
  for (int B = 0; B < 100; ++B)
    per_block(B);
}

// Twin: the pool's tasks wait; waiting threads need no cores.
void fetch_row(int R) {
  asio::thread_pool P;
  asio::post(P, [] { sleep(1); });
  P.join();
}

void fetch_rows() {
#pragma omp parallel for
  for (int R = 0; R < 100; ++R)
    fetch_row(R);
}

// std::async fan-outs inside each task of a fan-out: 16 x 16.
int leaf(int I) {
  crunch(100);
  return I;
}

int branch(int I) {
  std::future<int> F[16];
  for (int J = 0; J < 16; ++J)
    F[J] = std::async(std::launch::async, leaf, J);
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::async' starts 16 threads in 'branch', which runs on 16 threads at once ('std::async'): 16 x 16 = 256 threads for the CPU-bound work, more than the cores, which only adds context switches; parallelize one level, or hand the inner work to one shared pool [conc-advice-oversubscription]
// CHECK-MESSAGES: :[[@LINE+18]]:12: note: the outer threads are started here
// CHECK-MESSAGES: :[[@LINE+16]]:3: note: the loop around them is here
// CHECK-MESSAGES: :[[@LINE-4]]:12: note: the inner work looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-98]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in 'crunch'
  return 0;
}

// Twin: deferred inner tasks run on the thread that waits for them.
int branch_deferred(int I) {
  std::future<int> F[16];
  for (int J = 0; J < 16; ++J)
    F[J] = std::async(std::launch::deferred, leaf, J);
  return 0;
}

void tree() {
  std::future<int> F[16];
  for (int I = 0; I < 16; ++I)
    F[I] = std::async(std::launch::async, branch, I);
  for (int I = 0; I < 16; ++I)
    F[I] = std::async(std::launch::async, branch_deferred, I);
}

// In source order: tile, per_row (cores x cores: no number), per_block, branch.
// CHECK-SARIF: "thread-count": "256"
// CHECK-SARIF: "thread-count-per-core": "8"
// CHECK-SARIF: "thread-count": "256"
// With --hardware, 8 per core on its 2 logical cores:
// CHECK-HARDWARE: "thread-count": "256"
// CHECK-HARDWARE: "thread-count": "16"
// CHECK-HARDWARE-NEXT: "thread-count-per-core": "8"
// CHECK-HARDWARE: "thread-count": "256"
