// An async task reads a pipe that the main thread fills slowly.
#include <future>
#include <unistd.h>

static long drain(int Fd) {
  char Buf[256];
  long Total = 0;
  ssize_t N;
  while ((N = read(Fd, Buf, sizeof Buf)) > 0)
    Total += N;
  return Total;
}

int main() {
  int P[2];
  if (pipe(P) != 0)
    return 1;
  auto F = std::async(std::launch::async, drain, P[0]); // SITE
  for (int I = 0; I < 10; ++I) {
    usleep(50000);
    if (write(P[1], "line of log\n", 12) != 12)
      return 1;
  }
  close(P[1]);
  return F.get() == 120 ? 0 : 1;
}
