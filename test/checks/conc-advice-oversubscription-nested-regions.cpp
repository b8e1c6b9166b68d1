// A parallel region inside a parallel region gets threads of its own only
// when the program allows nesting: reported with omp_set_max_active_levels(2)
// or omp_set_nested(1), silent with a limit of one level or no call (libgomp
// and libomp then run the inner region on one thread).
// RUN: %conc-advisor --checks='-*,conc-advice-oversubscription' --fail-on=error %s -- -fopenmp -DLEVELS=2 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'
// RUN: %conc-advisor --checks='-*,conc-advice-oversubscription' --fail-on=error %s -- -fopenmp -DNESTED %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'
// RUN: %conc-advisor --checks='-*,conc-advice-oversubscription' --fail-on=error %s -- -fopenmp -DLEVELS=1 %mock-headers \
// RUN:   | FileCheck %s --allow-empty -implicit-check-not='{{note|warning|error}}:'
// RUN: %conc-advisor --checks='-*,conc-advice-oversubscription' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s --allow-empty -implicit-check-not='{{note|warning|error}}:'

#include <omp.h>

double A[512][512];

// Across functions: the inner region is in a function each outer thread calls.
void scale_row(int R) {
#pragma omp parallel for
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: '#pragma omp parallel for' starts one thread per core in 'scale_row', which runs on one thread per core at once ('#pragma omp parallel for'): 1 per core x 1 per core = the core count x the core count threads for the CPU-bound work, more than the cores, which only adds context switches; parallelize one level, or hand the inner work to one shared pool [conc-advice-oversubscription]
// CHECK-MESSAGES: :[[@LINE+26]]:1: note: the outer threads are started here
// CHECK-MESSAGES: :[[@LINE-3]]:1: note: the inner work looks CPU-bound (medium confidence)
// CHECK-MESSAGES: :[[@LINE+1]]:3: note: loop of arithmetic (2 operations, no call) in the parallel region at {{.*}}
  for (int J = 0; J < 512; ++J)
    A[R][J] = A[R][J] * 2.0 + J;
}

// Twins: an inner region kept to one thread.
void scale_row_if0(int R) {
#pragma omp parallel for if(0)
  for (int J = 0; J < 512; ++J)
    A[R][J] = A[R][J] * 2.0 + J;
}

void scale_row_one(int R) {
#pragma omp parallel for num_threads(1)
  for (int J = 0; J < 512; ++J)
    A[R][J] = A[R][J] * 2.0 + J;
}

void scale() {
#if defined(LEVELS)
  omp_set_max_active_levels(LEVELS);
#elif defined(NESTED)
  omp_set_nested(1);
#endif
#pragma omp parallel for
  for (int R = 0; R < 512; ++R) {
    scale_row(R);
    scale_row_if0(R);
    scale_row_one(R);
  }
}

// Inside the loop of a parallel for, in the same function.
void scale_in_loop() {
#pragma omp parallel for
  for (int R = 0; R < 512; ++R) {
#pragma omp parallel for
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: '#pragma omp parallel for' starts one thread per core in the parallel region at {{.*}}, which runs on one thread per core at once ('#pragma omp parallel for'): 1 per core x 1 per core = the core count x the core count threads for the CPU-bound work, more than the cores, which only adds context switches; parallelize one level, or hand the inner work to one shared pool [conc-advice-oversubscription]
// CHECK-MESSAGES: :[[@LINE-4]]:1: note: the outer threads are started here
// CHECK-MESSAGES: :[[@LINE-3]]:1: note: the inner work looks CPU-bound (medium confidence)
// CHECK-MESSAGES: :[[@LINE+1]]:5: note: loop of arithmetic (2 operations, no call) in the parallel region at {{.*}}
    for (int J = 0; J < 512; ++J)
      A[R][J] = A[R][J] * 2.0 + J;
  }
}

// Lexically nested.
void scale_nested() {
#pragma omp parallel
  {
#pragma omp parallel for
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: '#pragma omp parallel for' starts threads inside an OpenMP parallel construct, whose every thread starts its own: the CPU-bound work then runs on (outer threads) x (inner threads) for the same cores; parallelize one level (the outer loop, or collapse the loops) [conc-advice-oversubscription]
// CHECK-MESSAGES: :[[@LINE-4]]:1: note: the enclosing OpenMP construct is here
// CHECK-MESSAGES: :[[@LINE-3]]:1: note: the inner work looks CPU-bound (medium confidence)
// CHECK-MESSAGES: :[[@LINE+1]]:5: note: loop of arithmetic (2 operations, no call) in the parallel region at {{.*}}
    for (int J = 0; J < 512; ++J)
      A[0][J] = A[0][J] * 2.0 + J;
  }
}
