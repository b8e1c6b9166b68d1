// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

// Code that one thread of a team runs: a branch on the thread number, a
// section, a task the encountering thread runs at once. Each racy function
// has a safe twin beside it.

#include <omp.h>

int out[64];

// Racy: thread 0 writes what the other threads read.
int threadZeroWritesOthersRead(void) {
  int count = 0;
#pragma omp parallel
  {
    if (omp_get_thread_num() == 0)
      count = omp_get_max_threads();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'count' is written on the thread running 'parallel region at conc-shared-state-openmp-one-thread.c:[[@LINE-4]]:1' and read on another instance of it with no lock held in common; make it private to each thread (a private or lastprivate clause), or guard it with '#pragma omp critical' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+4]]:35: note: 'count' is read here on the thread running 'parallel region at conc-shared-state-openmp-one-thread.c:[[@LINE-5]]:1'
// CHECK-MESSAGES: :[[@LINE-6]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-one-thread.c:[[@LINE-6]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-8]]:7: note: 'count' is declared here
    else
      out[omp_get_thread_num()] = count;
  }
  return count;
}

// Safe twin: only thread 0 touches the variable.
int threadZeroOnly(void) {
  int count = 0;
#pragma omp parallel
  {
    int tid = omp_get_thread_num();
    if (tid == 0)
      count = omp_get_max_threads();
    if (0 == tid)
      out[0] = count;
  }
  return count;
}

// Safe: the else branch of `tid != 0` is thread 0's.
int threadZeroInElse(void) {
  int count = 0;
#pragma omp parallel
  {
    if (omp_get_thread_num() != 0)
      out[omp_get_thread_num()] = 1;
    else
      count = omp_get_max_threads();
  }
  return count;
}

// Racy: two sections of one construct may run at once.
int twoSections(void) {
  int i = 0;
#pragma omp parallel sections
  {
#pragma omp section
    i = 1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'i' is written on the thread running 'parallel region at conc-shared-state-openmp-one-thread.c:[[@LINE-4]]:1' and written on another instance of it with no lock held in common; make it private to each thread (a private or lastprivate clause), or guard it with '#pragma omp critical' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'i' is written here on the thread running 'parallel region at conc-shared-state-openmp-one-thread.c:[[@LINE-5]]:1'
// CHECK-MESSAGES: :[[@LINE-6]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-one-thread.c:[[@LINE-6]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-8]]:7: note: 'i' is declared here
#pragma omp section
    i = 2;
  }
  return i;
}

// Safe twin: one section writes, the code after the construct reads.
int oneSection(void) {
  int i = 0, j = 0;
#pragma omp parallel sections
  {
#pragma omp section
    i = 1;
#pragma omp section
    j = 2;
  }
  return i + j;
}

// Safe: the statements before the first section are the implicit first
// section; undeferred tasks (if(0)) run at once on the thread that meets
// them.
int implicitSectionUndeferredTasks(void) {
  int k, var = 0;
#pragma omp parallel sections
  {
    for (k = 0; k < 10; k++) {
#pragma omp task shared(var) if (0)
      var++;
    }
  }
  return var;
}

// Racy twin: deferred tasks may run on any thread of the team.
int implicitSectionDeferredTasks(void) {
  int k, var = 0;
#pragma omp parallel sections
  {
    for (k = 0; k < 10; k++) {
#pragma omp task shared(var)
      var++;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'var' is written on the thread running 'parallel region at conc-shared-state-openmp-one-thread.c:[[@LINE-5]]:1', which may run in several instances at once, with no lock held in common; use a reduction clause, or '#pragma omp atomic' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-6]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-one-thread.c:[[@LINE-6]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-8]]:10: note: 'var' is declared here
    }
  }
  return var;
}

int main(void) {
  return threadZeroWritesOthersRead() + threadZeroOnly() + threadZeroInElse() + twoSections() +
         oneSection() + implicitSectionUndeferredTasks() + implicitSectionDeferredTasks();
}
