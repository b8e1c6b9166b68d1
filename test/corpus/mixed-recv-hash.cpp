// A thread receives blocks every 40 ms and hashes each one heavily.
#include <cstdint>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

static void receiver(int Fd) {
  unsigned char Buf[256];
  uint64_t H = 1469598103934665603ull;
  ssize_t N;
  while ((N = recv(Fd, Buf, sizeof Buf, 0)) > 0)
    for (int Round = 0; Round < 1500000; ++Round)
      for (ssize_t I = 0; I < N; ++I) {
        H ^= Buf[I];
        H *= 1099511628211ull;
      }
  volatile uint64_t Sink = H;
  (void)Sink;
}

int main() {
  int S[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, S) != 0)
    return 1;
  std::thread T(receiver, S[0]); // SITE
  for (int I = 0; I < 8; ++I) {
    usleep(40000);
    send(S[1], "payload!", 8, 0);
  }
  shutdown(S[1], SHUT_RDWR);
  T.join();
}
