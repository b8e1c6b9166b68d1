/* Labelled racy, but starts no thread: a FN.
   Data race pair: v@5:3:W vs. v@5:3:W */
int v;
int main(void) {
  v++;
  return v;
}
