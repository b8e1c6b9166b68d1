// No issue expected and none reported: a TN.
int twice(int x) { return 2 * x; }
