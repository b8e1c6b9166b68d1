// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

// A thread that waits in a loop for a flag another thread sets, both under
// one lock, comes after everything the other did before setting it.

// Racy: the flag is set outside the critical section its reader uses, so
// neither the flag nor the data it announces is ordered.
void flagSetWithoutLock(void) {
  int data = 0, ready = 0;
#pragma omp parallel sections shared(data, ready) num_threads(2)
  {
#pragma omp section
    {
      data = 1;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'data' is written on the thread running 'parallel region at conc-shared-state-openmp-spin-wait.c:[[@LINE-5]]:1' and written on another instance of it with no lock held in common; make it private to each thread (a private or lastprivate clause), or guard it with '#pragma omp critical' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+16]]:7: note: 'data' is written here on the thread running 'parallel region at conc-shared-state-openmp-spin-wait.c:[[@LINE-6]]:1'
// CHECK-MESSAGES: :[[@LINE-7]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-spin-wait.c:[[@LINE-7]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-9]]:7: note: 'data' is declared here
      ready = 1;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'ready' is written on the thread running 'parallel region at conc-shared-state-openmp-spin-wait.c:[[@LINE-10]]:1' and read on another instance of it with no lock held in common; make it private to each thread (a private or lastprivate clause), or guard it with '#pragma omp critical' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+9]]:16: note: 'ready' is read here on the thread running 'parallel region at conc-shared-state-openmp-spin-wait.c:[[@LINE-11]]:1'
// CHECK-MESSAGES: :[[@LINE-12]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-spin-wait.c:[[@LINE-12]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-14]]:17: note: 'ready' is declared here
    }
#pragma omp section
    {
      int seen = 0;
      while (!seen) {
#pragma omp critical
        seen = ready;
      }
      data = 2;
    }
  }
}

// Safe twin: set and read in one critical section.
void flagUnderOneLock(void) {
  int data = 0, ready = 0;
#pragma omp parallel sections shared(data, ready) num_threads(2)
  {
#pragma omp section
    {
      data = 1;
#pragma omp critical
      ready = 1;
    }
#pragma omp section
    {
      int seen = 0;
      while (!seen) {
#pragma omp critical
        seen = ready;
      }
      data = 2;
    }
  }
}

// Racy: two critical sections of different names do not exclude each other.
void flagUnderTwoLocks(void) {
  int data = 0, ready = 0;
#pragma omp parallel sections shared(data, ready) num_threads(2)
  {
#pragma omp section
    {
      data = 1;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'data' is written on the thread running 'parallel region at conc-shared-state-openmp-spin-wait.c:[[@LINE-5]]:1' and written on another instance of it with no lock held in common; make it private to each thread (a private or lastprivate clause), or guard it with '#pragma omp critical' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+17]]:7: note: 'data' is written here on the thread running 'parallel region at conc-shared-state-openmp-spin-wait.c:[[@LINE-6]]:1'
// CHECK-MESSAGES: :[[@LINE-7]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-spin-wait.c:[[@LINE-7]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-9]]:7: note: 'data' is declared here
#pragma omp critical(writer)
      ready = 1;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'ready' is written on the thread running 'parallel region at conc-shared-state-openmp-spin-wait.c:[[@LINE-11]]:1' and read on another instance of it with no lock held in common; make it private to each thread (a private or lastprivate clause), or guard it with '#pragma omp critical' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+9]]:16: note: 'ready' is read here on the thread running 'parallel region at conc-shared-state-openmp-spin-wait.c:[[@LINE-12]]:1'
// CHECK-MESSAGES: :[[@LINE-13]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-spin-wait.c:[[@LINE-13]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-15]]:17: note: 'ready' is declared here
    }
#pragma omp section
    {
      int seen = 0;
      while (!seen) {
#pragma omp critical(reader)
        seen = ready;
      }
      data = 2;
    }
  }
}

// Safe twin with atomics.
void flagAtomic(void) {
  int data = 0, ready = 0;
#pragma omp parallel sections shared(data, ready) num_threads(2)
  {
#pragma omp section
    {
      data = 1;
#pragma omp atomic write
      ready = 1;
    }
#pragma omp section
    {
      int seen = 0;
      do {
#pragma omp atomic read
        seen = ready;
      } while (!seen);
      data = 2;
    }
  }
}
