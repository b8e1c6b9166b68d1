void launch(const char *Path);
void report();
// Another program of the same build: it starts no thread.
int main(int, char **Argv) {
  launch(Argv[0]);
  report();
}
