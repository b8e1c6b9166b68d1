// A poller thread sleeps between checks.
#include <chrono>
#include <thread>

static void poller(int Rounds) {
  for (int I = 0; I < Rounds; ++I)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

int main() {
  std::thread A(poller, 10); // SITE
  std::thread B(poller, 10);
  A.join();
  B.join();
}
