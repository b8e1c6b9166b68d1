// A thread per request; each request waits on a slow backend (a sleep).
#include <thread>
#include <unistd.h>
#include <vector>

static void handle(int Request) {
  for (int Step = 0; Step < 5; ++Step)
    usleep(60000 + Request);
}

int main() {
  std::vector<std::thread> Threads;
  for (int R = 0; R < 3; ++R)
    Threads.emplace_back(handle, R); // SITE
  for (auto &T : Threads)
    T.join();
}
