// A thread waits in select() for a socket to become readable.
#include <sys/select.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

static void serve(int Fd) {
  char Buf[64];
  for (;;) {
    fd_set Read;
    FD_ZERO(&Read);
    FD_SET(Fd, &Read);
    timeval Timeout{1, 0};
    if (select(Fd + 1, &Read, nullptr, nullptr, &Timeout) <= 0)
      return;
    if (recv(Fd, Buf, sizeof Buf, 0) <= 0)
      return;
  }
}

int main() {
  int S[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, S) != 0)
    return 1;
  std::thread T(serve, S[0]); // SITE
  for (int I = 0; I < 10; ++I) {
    usleep(50000);
    send(S[1], "req", 3, 0);
  }
  close(S[1]);
  T.join();
}
