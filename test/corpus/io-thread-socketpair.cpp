// A thread receives messages on a socket; the peer sends one every 50 ms.
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

static void receiver(int Fd) {
  char Buf[128];
  while (recv(Fd, Buf, sizeof Buf, 0) > 0) {
  }
}

int main() {
  int S[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, S) != 0)
    return 1;
  std::thread T(receiver, S[0]); // SITE
  for (int I = 0; I < 10; ++I) {
    usleep(50000);
    send(S[1], "ping", 4, 0);
  }
  shutdown(S[1], SHUT_RDWR);
  T.join();
}
