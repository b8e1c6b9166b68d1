// The thread calls a helper in a loop; the helper blocks in read().
#include <thread>
#include <unistd.h>

static bool readRecord(int Fd, char *Buf) { return read(Fd, Buf, 16) > 0; }

static void follow(int Fd) {
  char Buf[16];
  int Records = 0;
  while (readRecord(Fd, Buf))
    ++Records;
}

int main() {
  int P[2];
  if (pipe(P) != 0)
    return 1;
  std::thread T(follow, P[0]); // SITE
  for (int I = 0; I < 10; ++I) {
    usleep(50000);
    if (write(P[1], "0123456789abcdef", 16) != 16)
      return 1;
  }
  close(P[1]);
  T.join();
}
