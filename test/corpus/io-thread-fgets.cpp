// A thread reads lines with fgets from a pipe written slowly.
#include <cstdio>
#include <thread>
#include <unistd.h>

static void lines(int Fd) {
  FILE *In = fdopen(Fd, "r");
  char Line[128];
  int Count = 0;
  while (fgets(Line, sizeof Line, In))
    ++Count;
  fclose(In);
}

int main() {
  int P[2];
  if (pipe(P) != 0)
    return 1;
  std::thread T(lines, P[0]); // SITE
  for (int I = 0; I < 10; ++I) {
    usleep(50000);
    if (write(P[1], "a line\n", 7) != 7)
      return 1;
  }
  close(P[1]);
  T.join();
}
