// Forked children compute a sum of squares, then exit.
#include <sys/wait.h>
#include <unistd.h>

static long work(long N) {
  long S = 0;
  for (long Rep = 0; Rep < 30; ++Rep)
    for (long I = 0; I < N; ++I)
      S += (I * I) % 7 + Rep;
  return S;
}

int main() {
  for (int C = 0; C < 2; ++C) {
    pid_t Pid = fork(); // SITE
    if (Pid == 0) {
      long S = work(10000000);
      _exit(S == 42 ? 1 : 0);
    }
  }
  while (wait(nullptr) > 0) {
  }
}
