// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

// Tasks that code one thread runs (a `single`) makes: a task made once runs
// once, on one thread; the end of a taskgroup (or a taskwait) completes the
// tasks made before it. Each racy function has a safe twin beside it.

#include <omp.h>

// Safe: the taskgroup completes the first task before the second is made
// (DataRaceBench DRB107).
int taskgroupOrders(void) {
  int result = 0;
#pragma omp parallel
  {
#pragma omp single
    {
#pragma omp taskgroup
      {
#pragma omp task
        result = 1;
      }
#pragma omp task
      result = 2;
    }
  }
  return result;
}

// Racy twin: without the taskgroup the two tasks may run at once.
int tasksUnordered(void) {
  int result = 0;
#pragma omp parallel
  {
#pragma omp single
    {
#pragma omp task
      result = 1;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'result' is written on the thread running 'parallel region at conc-shared-state-openmp-tasks.c:[[@LINE-6]]:1' and written on another instance of it with no lock held in common; make it private to each thread (a private or lastprivate clause), or guard it with '#pragma omp critical' [conc-shared-state]
#pragma omp task
      result = 2;
// CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'result' is written here on the thread running 'parallel region at conc-shared-state-openmp-tasks.c:[[@LINE-9]]:1'
// CHECK-MESSAGES: :[[@LINE-10]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-tasks.c:[[@LINE-10]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-12]]:7: note: 'result' is declared here
    }
  }
  return result;
}

// Safe: one task, made once, is the only code that touches the counter.
int oneTask(void) {
  int count = 0;
#pragma omp parallel
  {
#pragma omp single
    {
#pragma omp task
      count++;
    }
  }
  return count;
}

// Racy twin: a loop makes many tasks, which may run at once.
int tasksInLoop(void) {
  int count = 0;
#pragma omp parallel
  {
#pragma omp single
    {
      for (int i = 0; i < 8; i++) {
#pragma omp task
        count++;
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'count' is written on the thread running 'parallel region at conc-shared-state-openmp-tasks.c:[[@LINE-7]]:1', which may run in several instances at once, with no lock held in common; use a reduction clause, or '#pragma omp atomic' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-8]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-tasks.c:[[@LINE-8]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-10]]:7: note: 'count' is declared here
      }
    }
  }
  return count;
}

int main(void) {
  return taskgroupOrders() + tasksUnordered() + oneTask() + tasksInLoop();
}
