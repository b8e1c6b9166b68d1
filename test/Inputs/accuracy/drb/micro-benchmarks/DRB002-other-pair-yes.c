/* The listed pair names lines the tool does not report: file level TP,
   line level one FP and one FN.
   Data race pair: x@11:5:W vs. y@12:5:R */
int x, y;
int main(void) {
#pragma omp parallel
  {
    x = 1;
  }
  if (y)
    x = 2;
  return y;
}
