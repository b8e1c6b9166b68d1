// An async task reads a slow pipe and parses every byte at length.
#include <future>
#include <unistd.h>

static long parse(int Fd) {
  char Buf[64];
  long Digits = 0;
  ssize_t N;
  while ((N = read(Fd, Buf, sizeof Buf)) > 0)
    for (int Pass = 0; Pass < 2500000; ++Pass)
      for (ssize_t I = 0; I < N; ++I)
        Digits += ((Buf[I] + Pass) & 7) == 3;
  return Digits;
}

int main() {
  int P[2];
  if (pipe(P) != 0)
    return 1;
  auto F = std::async(std::launch::async, parse, P[0]); // SITE
  for (int I = 0; I < 8; ++I) {
    usleep(40000);
    if (write(P[1], "12ab34cd", 8) != 8)
      return 1;
  }
  close(P[1]);
  return F.get() > 0 ? 0 : 1;
}
