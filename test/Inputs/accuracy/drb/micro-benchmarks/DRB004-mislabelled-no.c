/* Labelled race-free, but the team writes a global: a file-level FP. */
int flag;
int main(void) {
#pragma omp parallel
  flag = 1;
  return flag;
}
