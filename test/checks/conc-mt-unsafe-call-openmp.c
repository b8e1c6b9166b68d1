// RUN: %conc-advisor --checks='-*,conc-mt-unsafe-call' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <string.h>
#include <time.h>

// The caller of a call inside a parallel region is the region, which every
// thread of the team runs; the code after the region runs on one thread.
void tokenize(char *Line, char **Out) {
  #pragma omp parallel for
  for (int I = 0; I < 4; ++I) {
    Out[I] = strtok(Line, " ");
// CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'strtok' is not thread-safe and the parallel region at conc-mt-unsafe-call-openmp.c:[[@LINE-3]]:3 runs on several threads at once; use strtok_r [conc-mt-unsafe-call]
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: the thread running 'parallel region at conc-mt-unsafe-call-openmp.c:[[@LINE-4]]:3' is started here (several may run at once)
  }
  // Safe: after the region, only the calling thread runs this.
  time_t Now = time(0);
  (void)localtime(&Now);
}

// Safe twin: strtok_r with a position per iteration.
void tokenizeSafely(char **Lines, char **Out) {
  #pragma omp parallel for
  for (int I = 0; I < 4; ++I) {
    char *Save = 0;
    Out[I] = strtok_r(Lines[I], " ", &Save);
  }
}

int main(void) {
  char *Out[4];
  tokenize(0, Out);
  tokenizeSafely(0, Out);
  return 0;
}
