// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

// Data-sharing clauses on globals, and `linear` subscripts. Each racy
// function has a safe twin beside it.

#include <omp.h>

int packages = 100;
int counter;
double c[200], a[200];

// Racy: every thread counts down the one global.
void sharedGlobal(void) {
#pragma omp parallel num_threads(2)
  {
    while (packages > 0)
      packages--;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'packages' is written on the thread running 'parallel region at conc-shared-state-openmp-clauses.c:[[@LINE-4]]:1' and read on another instance of it with no lock held in common; use a reduction clause, or '#pragma omp atomic' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'packages' is read here on the thread running 'parallel region at conc-shared-state-openmp-clauses.c:[[@LINE-5]]:1'
// CHECK-MESSAGES: :[[@LINE-6]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-clauses.c:[[@LINE-6]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-13]]:5: note: 'packages' is declared here
  }
}

// Safe twin: firstprivate gives each thread its own copy of the global.
void firstprivateGlobal(void) {
#pragma omp parallel num_threads(2) firstprivate(packages)
  {
    while (packages > 0)
      packages--;
  }
}

// Safe: a reduction over a global.
void reductionGlobal(void) {
  int i;
#pragma omp parallel for reduction(+ : counter)
  for (i = 0; i < 200; i++)
    counter += (int)a[i];
}

// Safe: a linear variable's value is its iteration's own.
void linearSubscript(void) {
  int i, j = 0;
#pragma omp parallel for linear(j)
  for (i = 0; i < 100; i++) {
    c[j] += a[i];
    j++;
  }
}

// Racy twin: after the increment, c[j] is the next iteration's element,
// which that iteration writes too.
void linearSubscriptAfterWrite(void) {
  int i, j = 0;
#pragma omp parallel for linear(j)
  for (i = 0; i < 100; i++) {
    c[j] = a[i];
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'c' is written on the thread running 'parallel region at conc-shared-state-openmp-clauses.c:[[@LINE-3]]:1' and written on another instance of it with no lock held in common; guard every access with '#pragma omp critical' (or atomic), or separate them with a barrier [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'c' is written here on the thread running 'parallel region at conc-shared-state-openmp-clauses.c:[[@LINE-4]]:1'
// CHECK-MESSAGES: :[[@LINE-5]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-clauses.c:[[@LINE-5]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-52]]:8: note: 'c' is declared here
    j++;
    c[j] += a[i];
  }
}

// Racy: without `linear`, j is shared.
void missingLinear(void) {
  int i, j = 0;
#pragma omp parallel for
  for (i = 0; i < 100; i++) {
    c[j] += a[i];
    j++;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'j' is written on the thread running 'parallel region at conc-shared-state-openmp-clauses.c:[[@LINE-4]]:1' and read on another instance of it with no lock held in common; use a reduction clause, or '#pragma omp atomic' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'j' is read here on the thread running 'parallel region at conc-shared-state-openmp-clauses.c:[[@LINE-5]]:1'
// CHECK-MESSAGES: :[[@LINE-6]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-clauses.c:[[@LINE-6]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-8]]:10: note: 'j' is declared here
  }
}

int main(void) {
  sharedGlobal();
  firstprivateGlobal();
  reductionGlobal();
  linearSubscript();
  linearSubscriptAfterWrite();
  missingLinear();
  return 0;
}
