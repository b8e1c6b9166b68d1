/* Does not parse: a tool failure, scored in neither level. */
int main(void) { return undeclared; }
