// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

// Barriers in a loop of a parallel region cut each iteration into phases.

int b[100], tmp[100];

// Racy: the second loop has no barrier at its end, so a thread still writing
// 'b' may run with one that already reads it in the next iteration.
void loopWithoutClosingBarrier(void) {
#pragma omp parallel
  for (int t = 0; t < 10; t++) {
#pragma omp for
    for (int i = 0; i < 100; i++)
      tmp[i] = b[i] + 1;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'tmp' is written on the thread running 'parallel region at conc-shared-state-openmp-phases.c:[[@LINE-5]]:1' and read on another instance of it with no lock held in common; guard every access with '#pragma omp critical' (or atomic), or separate them with a barrier [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+5]]:14: note: 'tmp' is read here on the thread running 'parallel region at conc-shared-state-openmp-phases.c:[[@LINE-6]]:1'
// CHECK-MESSAGES: :[[@LINE-7]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-phases.c:[[@LINE-7]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-13]]:13: note: 'tmp' is declared here
#pragma omp for nowait
    for (int i = 0; i < 100; i++)
      b[i] = tmp[99 - i];
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'b' is written on the thread running 'parallel region at conc-shared-state-openmp-phases.c:[[@LINE-12]]:1' and read on another instance of it with no lock held in common; guard every access with '#pragma omp critical' (or atomic), or separate them with a barrier [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-9]]:16: note: 'b' is read here on the thread running 'parallel region at conc-shared-state-openmp-phases.c:[[@LINE-13]]:1'
// CHECK-MESSAGES: :[[@LINE-14]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-phases.c:[[@LINE-14]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-20]]:5: note: 'b' is declared here
  }
}

// Safe twin: every phase of an iteration ends with a barrier.
void loopOfPhases(void) {
#pragma omp parallel
  for (int t = 0; t < 10; t++) {
#pragma omp for
    for (int i = 0; i < 100; i++)
      tmp[i] = b[i] + 1;
#pragma omp for
    for (int i = 0; i < 100; i++)
      b[i] = tmp[99 - i];
  }
}
