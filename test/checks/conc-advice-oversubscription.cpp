// RUN: %conc-advisor --checks='-*,conc-advice-oversubscription' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <omp.h>
#include <thread>
#include <unistd.h>

double A[512][512];

// Nested parallel regions: every outer thread starts an inner team.
void nested() {
#pragma omp parallel for
  for (int I = 0; I < 512; ++I) {
#pragma omp parallel for
    for (int J = 0; J < 512; ++J)
      A[I][J] = A[I][J] * 2.0 + I * J;
  }
}

// One level: not reported.
void flat() {
#pragma omp parallel for
  for (int I = 0; I < 512; ++I)
    for (int J = 0; J < 512; ++J)
      A[I][J] = A[I][J] * 2.0 + I * J;
}

// A thread started in every thread of a team: as many threads again.
void crunch(int N) {
  long S = 0;
  for (int I = 0; I < N; ++I)
    for (int J = 0; J < N; ++J)
      S += I * J;
}

void threads_in_team() {
#pragma omp parallel
  {
    std::thread T(crunch, 100);
    T.join();
  }
}

// A team whose inner work waits is not reported.
void waits() {
#pragma omp parallel for
  for (int I = 0; I < 4; ++I) {
#pragma omp parallel
    sleep(1);
  }
}
