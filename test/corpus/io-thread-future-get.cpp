// A thread waits for results the main thread delivers through futures.
#include <chrono>
#include <future>
#include <thread>
#include <vector>

static int collect(std::vector<std::future<int>> *Results) {
  int Sum = 0;
  for (auto &F : *Results)
    Sum += F.get();
  return Sum;
}

int main() {
  std::vector<std::promise<int>> Promises(10);
  std::vector<std::future<int>> Futures;
  for (auto &P : Promises)
    Futures.push_back(P.get_future());
  int Sum = 0;
  std::thread T([&] { Sum = collect(&Futures); }); // SITE
  for (int I = 0; I < 10; ++I) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    Promises[I].set_value(I);
  }
  T.join();
  return Sum == 45 ? 0 : 1;
}
