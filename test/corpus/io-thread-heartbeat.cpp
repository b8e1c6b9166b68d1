// A heartbeat thread: every 40 ms it masks a small frame, as a WebSocket
// client does, and sends it on a socket. The masking loop runs once per
// send and the send once per sleep: the thread mostly waits.
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

static void send_frame(int Fd, unsigned char *Frame, int Len) {
  for (int I = 0; I < Len; ++I)
    Frame[I] ^= 0x5a;
  send(Fd, Frame, Len, 0);
}

static void heartbeat(int Fd) {
  unsigned char Ping[64] = {};
  for (int Beat = 0; Beat < 10; ++Beat) {
    usleep(40000);
    send_frame(Fd, Ping, sizeof Ping);
  }
  shutdown(Fd, SHUT_WR);
}

int main() {
  int S[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, S) != 0)
    return 1;
  std::thread T(heartbeat, S[0]); // SITE
  char Buf[256];
  while (recv(S[1], Buf, sizeof Buf, 0) > 0) {
  }
  T.join();
}
