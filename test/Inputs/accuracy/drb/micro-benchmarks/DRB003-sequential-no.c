/* No thread: nothing to report. */
int total;
int main(void) {
  for (int i = 0; i < 10; i++)
    total += i;
  return total;
}
