// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <omp.h>

int a[100], b[100];

// Racy: each iteration reads the element the next one writes.
void antiDependence(void) {
  int i;
#pragma omp parallel for
  for (i = 0; i < 99; i++)
    a[i] = a[i + 1] + 1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'a' is written on the thread running 'parallel region at conc-shared-state-openmp.c:[[@LINE-3]]:1' and read on another instance of it with no lock held in common; one iteration writes an element another iteration uses (a loop-carried dependence): the iterations cannot run in parallel as written [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'a' is read here on the thread running 'parallel region at conc-shared-state-openmp.c:[[@LINE-4]]:1'
// CHECK-MESSAGES: :[[@LINE-5]]:1: note: the thread running 'parallel region at conc-shared-state-openmp.c:[[@LINE-5]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-11]]:5: note: 'a' is declared here
}

// Safe twin: each iteration reads and writes only its own element.
void ownElement(void) {
  int i;
#pragma omp parallel for
  for (i = 0; i < 99; i++)
    a[i] = a[i] + 1;
}

// Racy: a temporary declared outside the region is shared.
void sharedTemporary(void) {
  int i, tmp;
#pragma omp parallel for
  for (i = 0; i < 100; i++) {
    tmp = a[i] + i;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'tmp' is written on the thread running 'parallel region at conc-shared-state-openmp.c:[[@LINE-3]]:1', which may run in several instances at once, with no lock held in common; make it private to each thread (a private or lastprivate clause), or guard it with '#pragma omp critical' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-4]]:1: note: the thread running 'parallel region at conc-shared-state-openmp.c:[[@LINE-4]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-6]]:10: note: 'tmp' is declared here
    b[i] = tmp;
  }
}

// Safe twin: the temporary is private.
void privateTemporary(void) {
  int i, tmp;
#pragma omp parallel for private(tmp)
  for (i = 0; i < 100; i++) {
    tmp = a[i] + i;
    b[i] = tmp;
  }
}

// Racy: a sum without a reduction.
int missingReduction(void) {
  int i, sum = 0;
#pragma omp parallel for
  for (i = 0; i < 100; i++)
    sum += a[i];
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sum' is written on the thread running 'parallel region at conc-shared-state-openmp.c:[[@LINE-3]]:1', which may run in several instances at once, with no lock held in common; use a reduction clause, or '#pragma omp atomic' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-4]]:1: note: the thread running 'parallel region at conc-shared-state-openmp.c:[[@LINE-4]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-6]]:10: note: 'sum' is declared here
  return sum;
}

// Safe twin: a reduction.
int withReduction(void) {
  int i, sum = 0;
#pragma omp parallel for reduction(+ : sum)
  for (i = 0; i < 100; i++)
    sum += a[i];
  return sum;
}

// Racy: no barrier between the write and the reads.
int missingBarrier(void) {
  int total = 0;
#pragma omp parallel
  {
#pragma omp single nowait
    total = 1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'total' is written on the thread running 'parallel region at conc-shared-state-openmp.c:[[@LINE-4]]:1' and read on another instance of it with no lock held in common; make it private to each thread (a private or lastprivate clause), or guard it with '#pragma omp critical' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+3]]:31: note: 'total' is read here on the thread running 'parallel region at conc-shared-state-openmp.c:[[@LINE-5]]:1'
// CHECK-MESSAGES: :[[@LINE-6]]:1: note: the thread running 'parallel region at conc-shared-state-openmp.c:[[@LINE-6]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-8]]:7: note: 'total' is declared here
    b[omp_get_thread_num()] = total;
  }
  return total;
}

// Safe twin: single ends with a barrier.
int withBarrier(void) {
  int total = 0;
#pragma omp parallel
  {
#pragma omp single
    total = 1;
    b[omp_get_thread_num()] = total;
  }
  return total;
}

// Safe: a critical section around the update.
int critical(void) {
  int i, count = 0;
#pragma omp parallel for
  for (i = 0; i < 100; i++) {
#pragma omp critical
    count++;
  }
  return count;
}

int main(void) {
  antiDependence();
  ownElement();
  sharedTemporary();
  privateTemporary();
  return missingReduction() + withReduction() + missingBarrier() + withBarrier() +
         critical();
}
