// The preload's stack shape cache (probe/preload/Preload.cpp) answers a
// repeated call chain without unwinding: it must give one site to one chain
// however often it runs, and distinct sites to distinct chains through the
// same helper, also when a frame of the chain changes size (alloca) between
// calls. Read from the raw records: the profile groups sites by file:line,
// which the two chains share.
// RUN: %clangxx -g -O0 -std=c++17 -pthread %s -o %t
// RUN: rm -f %t.rec && touch %t.rec
// RUN: env LD_PRELOAD=%probe-preload CONC_PROBE_RECORDS=%t.rec %t
// RUN: tr -d '\000' < %t.rec | awk -f %S/Inputs/sites-per-chain.awk | FileCheck %s
// CHECK:      thread sites 3
// CHECK-NEXT: threads per site 4 4 4
// CHECK-NEXT: records 12

#include <alloca.h>
#include <cstring>
#include <pthread.h>

static void *nothing(void *) { return nullptr; }

__attribute__((noinline)) static void start() {
  pthread_t T;
  pthread_create(&T, nullptr, nothing, nullptr);
  pthread_join(T, nullptr);
}

// Two callers of the same frame size: only the return addresses on the
// stack tell their chains apart.
__attribute__((noinline)) static void fromA() { start(); }
__attribute__((noinline)) static void fromB() { start(); }

// A frame whose size changes from call to call.
__attribute__((noinline)) static void fromVariable(unsigned Bytes) {
  char *P = static_cast<char *>(alloca(Bytes));
  memset(P, 0, Bytes);
  start();
  asm volatile("" : : "r"(P) : "memory");
}

int main() {
  for (int I = 0; I < 4; ++I) {
    fromA();
    fromB();
    fromVariable(64 + 4096 * unsigned(I));
  }
  return 0;
}
