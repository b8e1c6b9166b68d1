// RUN: %conc-advisor --checks='-*,conc-thread-site' %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'
// Without -fopenmp the pragmas are ignored by the compiler: no threads, no sites.
// RUN: %conc-advisor --checks='-*,conc-thread-site' %s -- %mock-headers \
// RUN:   | count 0

#include <omp.h>

void scale(double *Data, int N) {
#pragma omp parallel for
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: '#pragma omp parallel for' starts a team of threads running the region in 'scale' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-2]]:1: note: the work it runs looks CPU-bound (low confidence)
// CHECK-MESSAGES: :[[@LINE+1]]:3: note: loop of arithmetic (1 operation, no call) in the parallel region at conc-thread-site-openmp.cpp:10:1
  for (int I = 0; I < N; ++I)
    Data[I] *= 2;
}

void region() {
#pragma omp parallel num_threads(4)
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: '#pragma omp parallel' starts a team of threads running the region in 'region' (num_threads(4)) [conc-thread-site]
  {
    int Id = omp_get_thread_num();
    (void)Id;
  }
}

void sections() {
#pragma omp parallel sections
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: '#pragma omp parallel sections' starts a team of threads running the region in 'sections' [conc-thread-site]
  {
#pragma omp section
    { }
#pragma omp section
    { }
  }
}

void offload(float *A, int N) {
#pragma omp target teams distribute parallel for
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: '#pragma omp target teams distribute parallel for' starts a team of threads running the region in 'offload' [conc-thread-site]
  for (int I = 0; I < N; ++I)
    A[I] = 0;
}

void regionPerStep(int Steps) {
  for (int S = 0; S < Steps; ++S) {
#pragma omp parallel
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: '#pragma omp parallel' starts a team of threads running the region in 'regionPerStep'; in a loop, so this site may create many teams of threads [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the enclosing loop is here
    { }
  }
}

// Nested parallelism: every thread of the outer team starts a team.
void nested(double *Data, int N) {
#pragma omp parallel
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: '#pragma omp parallel' starts a team of threads running the region in 'nested' [conc-thread-site]
  {
#pragma omp parallel for
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: '#pragma omp parallel for' starts a team of threads running the region in 'nested'; inside a parallel region, so this site may create many teams of threads [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-5]]:1: note: every thread of this OpenMP team runs it
// The inner region's code is named inside the outer one's, as its site names it.
// CHECK-MESSAGES: :[[@LINE-4]]:1: note: the work it runs looks CPU-bound (low confidence)
// CHECK-MESSAGES: :[[@LINE+1]]:5: note: loop of arithmetic (1 operation, no call) in the parallel region at {{.*}}
    for (int I = 0; I < N; ++I)
      Data[I] += 1;
  }
}

// Only one thread of the team runs `single`: one team per call, not many.
void singleInTeam(double *Data, int N) {
#pragma omp parallel
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: '#pragma omp parallel' starts a team of threads running the region in 'singleInTeam' [conc-thread-site]
  {
#pragma omp single
    {
#pragma omp parallel for
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: '#pragma omp parallel for' starts a team of threads running the region in 'singleInTeam' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-2]]:1: note: the work it runs looks CPU-bound (low confidence)
// CHECK-MESSAGES: :[[@LINE+1]]:7: note: loop of arithmetic (1 operation, no call) in the parallel region at {{.*}}
      for (int I = 0; I < N; ++I)
        Data[I] -= 1;
    }
  }
}

// Work inside an existing team, and queries: none creates threads.
void notSites(int *A, int N) {
  int Max = omp_get_max_threads();
  omp_set_num_threads(Max);
#pragma omp simd
  for (int I = 0; I < N; ++I)
    A[I] = I;
#pragma omp task
  { A[0] = 1; }
#pragma omp taskwait
#pragma omp barrier
#pragma omp critical
  { A[1] = 2; }
}
