// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

// 'critical' and OpenMP locks exclude only the threads of one team.

int hits, misses;

// Racy: each team has its own critical section.
void criticalAcrossTeams(void) {
#pragma omp target teams distribute parallel for map(tofrom: hits)
  for (int i = 0; i < 100; i++) {
#pragma omp critical
    hits++;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'hits' is written on the thread running 'parallel region at conc-shared-state-openmp-teams.c:[[@LINE-4]]:1', which may run in several instances at once, with no lock held in common; use a reduction clause, or '#pragma omp atomic' [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-5]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-teams.c:[[@LINE-5]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-10]]:5: note: 'hits' is declared here
  }
}

// Safe twin: an atomic update is atomic across teams.
void atomicAcrossTeams(void) {
#pragma omp target teams distribute parallel for map(tofrom: hits)
  for (int i = 0; i < 100; i++) {
#pragma omp atomic
    hits++;
  }
}

// Safe twin: one team, one critical section.
void criticalInOneTeam(void) {
#pragma omp target teams num_teams(1) map(tofrom: misses)
#pragma omp distribute parallel for
  for (int i = 0; i < 100; i++) {
#pragma omp critical
    misses++;
  }
}
