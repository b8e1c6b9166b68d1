// Forked children compute, then wait, in turns.
#include <sys/wait.h>
#include <unistd.h>

static long crunch(long N) {
  long S = 0;
  for (long I = 0; I < N; ++I)
    S += (I ^ (I >> 3)) % 11;
  return S;
}

int main() {
  for (int C = 0; C < 2; ++C) {
    pid_t Pid = fork(); // SITE
    if (Pid == 0) {
      long S = 0;
      for (int R = 0; R < 5; ++R) {
        S += crunch(20000000);
        usleep(30000);
      }
      _exit(S == 1 ? 1 : 0);
    }
  }
  while (wait(nullptr) > 0) {
  }
}
