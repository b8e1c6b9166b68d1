// std::async tasks wait until deadlines.
#include <chrono>
#include <future>
#include <thread>

static int waitTicks(int Ticks) {
  auto Next = std::chrono::steady_clock::now();
  for (int I = 0; I < Ticks; ++I) {
    Next += std::chrono::milliseconds(50);
    std::this_thread::sleep_until(Next);
  }
  return Ticks;
}

int main() {
  auto A = std::async(std::launch::async, waitTicks, 10); // SITE
  auto B = std::async(std::launch::async, waitTicks, 10);
  return A.get() + B.get() == 20 ? 0 : 1;
}
