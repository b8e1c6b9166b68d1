// A thread polls a pipe with a timeout until it is closed.
#include <poll.h>
#include <thread>
#include <unistd.h>

static void watch(int Fd) {
  char Buf[64];
  for (;;) {
    pollfd P{Fd, POLLIN, 0};
    if (poll(&P, 1, 100) <= 0)
      continue;
    if (read(Fd, Buf, sizeof Buf) <= 0)
      return;
  }
}

int main() {
  int P[2];
  if (pipe(P) != 0)
    return 1;
  std::thread T(watch, P[0]); // SITE
  for (int I = 0; I < 8; ++I) {
    usleep(60000);
    if (write(P[1], "x", 1) != 1)
      return 1;
  }
  close(P[1]);
  T.join();
}
