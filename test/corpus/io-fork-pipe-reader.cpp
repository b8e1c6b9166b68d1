// A forked child reads what the parent writes into a pipe, slowly.
#include <sys/wait.h>
#include <unistd.h>

int main() {
  int P[2];
  if (pipe(P) != 0)
    return 1;
  pid_t Pid = fork(); // SITE
  if (Pid == 0) {
    close(P[1]);
    char Buf[32];
    while (read(P[0], Buf, sizeof Buf) > 0) {
    }
    _exit(0);
  }
  close(P[0]);
  for (int I = 0; I < 10; ++I) {
    usleep(50000);
    if (write(P[1], "chunk", 5) != 5)
      break;
  }
  close(P[1]);
  waitpid(Pid, nullptr, 0);
}
