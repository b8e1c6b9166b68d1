// Forked children wait with nanosleep before they exit.
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main() {
  for (int C = 0; C < 2; ++C) {
    pid_t Pid = fork(); // SITE
    if (Pid == 0) {
      for (int I = 0; I < 10; ++I) {
        timespec T{0, 50 * 1000 * 1000};
        nanosleep(&T, nullptr);
      }
      _exit(0);
    }
  }
  while (wait(nullptr) > 0) {
  }
}
