/* Every thread of the team increments the counter.
   Data race pair: counter@7:3:W vs. counter@7:3:W */
int counter;
int main(void) {
#pragma omp parallel
  {
  counter++;
  }
  return counter;
}
