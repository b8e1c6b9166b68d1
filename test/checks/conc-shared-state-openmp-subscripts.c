// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -fopenmp %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

// Subscripts that decide whether two iterations touch one element.

int a[200], b[100];
double grid[100][100];

// Racy: iteration i reads the even element iteration i - 1 wrote.
void stridedOverlap(void) {
#pragma omp parallel for
  for (int i = 0; i < 99; i++)
    a[2 * i + 2] = a[2 * i] + 1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'a' is written on the thread running 'parallel region at conc-shared-state-openmp-subscripts.c:[[@LINE-3]]:1' and read on another instance of it with no lock held in common; one iteration writes an element another iteration uses (a loop-carried dependence): the iterations cannot run in parallel as written [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-2]]:20: note: 'a' is read here on the thread running 'parallel region at conc-shared-state-openmp-subscripts.c:[[@LINE-4]]:1'
// CHECK-MESSAGES: :[[@LINE-5]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-subscripts.c:[[@LINE-5]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-11]]:5: note: 'a' is declared here
}

// Safe twin: even elements are read, odd ones written: no iteration's
// element is another's.
void stridedDisjoint(void) {
#pragma omp parallel for
  for (int i = 0; i < 100; i++)
    a[i * 2 + 1] = a[2 * i] + b[i];
}

// Racy: j - 1 is -1 when j is 0, and grid[i][-1] is grid[i - 1][99], the
// row of another iteration.
void rowUnderflow(void) {
  int i, j;
#pragma omp parallel for private(j)
  for (i = 1; i < 100; i++)
    for (j = 0; j < 100; j++)
      grid[i][j] = grid[i][j - 1];
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'grid' is written on the thread running 'parallel region at conc-shared-state-openmp-subscripts.c:[[@LINE-4]]:1' and read on another instance of it with no lock held in common; guard every access with '#pragma omp critical' (or atomic), or separate them with a barrier [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-2]]:20: note: 'grid' is read here on the thread running 'parallel region at conc-shared-state-openmp-subscripts.c:[[@LINE-5]]:1'
// CHECK-MESSAGES: :[[@LINE-6]]:1: note: the thread running 'parallel region at conc-shared-state-openmp-subscripts.c:[[@LINE-6]]:1' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-32]]:8: note: 'grid' is declared here
}

// Safe twin: the inner loop starts at 1 and stays in the iteration's row.
void rowInBounds(void) {
  int i, j;
#pragma omp parallel for private(j)
  for (i = 1; i < 100; i++)
    for (j = 1; j < 100; j++)
      grid[i][j] = grid[i][j - 1];
}
