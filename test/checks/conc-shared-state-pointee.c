// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

// Memory reached through a pointer: what a global pointer, or a local one a
// region shares, points to is shared too. Each racy function has a safe
// twin beside it.

#include <omp.h>

// Heap memory, from another unit.
int *newInts(int n);
double *newDoubles(int n);

int *counter;
int *slots;

void bump(void) { (*counter)++; }
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: '*counter' is written on the thread running 'parallel region at conc-shared-state-pointee.c:[[@LINE+9]]:1', which may run in several instances at once, with no lock held in common; make it std::atomic<int> [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+8]]:1: note: the thread running 'parallel region at conc-shared-state-pointee.c:[[@LINE+8]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE+7]]:1: note: call path: parallel region at conc-shared-state-pointee.c:[[@LINE+7]]:1 -> bump
// CHECK-MESSAGES: :[[@LINE-7]]:6: note: '*counter' is declared here

// Racy: every thread of the team increments the one heap counter.
void heapCounter(void) {
  counter = newInts(1);
  *counter = 0;
#pragma omp parallel
  { bump(); }
}

// Safe twin: one thread per slot.
void heapSlots(void) {
  slots = newInts(64);
#pragma omp parallel
  { slots[omp_get_thread_num()] = 1; }
}

// Racy: elements picked through an index array may repeat.
void indirectElements(const int *index, int n) {
  double *base = newDoubles(1000);
  int i;
#pragma omp parallel for
  for (i = 0; i < n; i++)
    base[index[i]] += 1.0;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: '*base' is written on the thread running 'parallel region at conc-shared-state-pointee.c:[[@LINE-3]]:1', which may run in several instances at once, with no lock held in common; use a reduction clause, or '#pragma omp atomic' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-4]]:1: note: the thread running 'parallel region at conc-shared-state-pointee.c:[[@LINE-4]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-7]]:11: note: '*base' is declared here
}

// Safe twin: each iteration updates its own element.
void ownElements(int n) {
  double *base = newDoubles(1000);
  int i;
#pragma omp parallel for
  for (i = 0; i < n; i++)
    base[i] += 1.0;
}

int main(void) {
  int index[4] = {1, 2, 2, 3};
  heapCounter();
  heapSlots();
  indirectElements(index, 4);
  ownElements(4);
  return 0;
}
