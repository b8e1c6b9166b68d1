// A server thread accepts TCP connections on localhost and reads requests.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

static void server(int Listener, int Clients) {
  char Buf[64];
  for (int I = 0; I < Clients; ++I) {
    int C = accept(Listener, nullptr, nullptr);
    if (C < 0)
      return;
    while (recv(C, Buf, sizeof Buf, 0) > 0) {
    }
    close(C);
  }
}

int main() {
  int L = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in A{};
  A.sin_family = AF_INET;
  A.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t Len = sizeof A;
  if (bind(L, (sockaddr *)&A, sizeof A) != 0 || listen(L, 4) != 0 ||
      getsockname(L, (sockaddr *)&A, &Len) != 0)
    return 1;
  std::thread T(server, L, 5); // SITE
  for (int I = 0; I < 5; ++I) {
    usleep(80000);
    int C = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(C, (sockaddr *)&A, sizeof A) == 0)
      send(C, "GET /\r\n", 7, 0);
    close(C);
  }
  T.join();
  close(L);
}
