// An event-loop thread waits in epoll_wait for a pipe.
#include <sys/epoll.h>
#include <thread>
#include <unistd.h>

static void loop(int Fd) {
  int Ep = epoll_create1(0);
  epoll_event E{};
  E.events = EPOLLIN;
  E.data.fd = Fd;
  epoll_ctl(Ep, EPOLL_CTL_ADD, Fd, &E);
  char Buf[64];
  for (;;) {
    epoll_event Out[4];
    int N = epoll_wait(Ep, Out, 4, 1000);
    if (N <= 0 || read(Fd, Buf, sizeof Buf) <= 0)
      break;
  }
  close(Ep);
}

int main() {
  int P[2];
  if (pipe(P) != 0)
    return 1;
  std::thread T(loop, P[0]); // SITE
  for (int I = 0; I < 10; ++I) {
    usleep(50000);
    if (write(P[1], "e", 1) != 1)
      return 1;
  }
  close(P[1]);
  T.join();
}
