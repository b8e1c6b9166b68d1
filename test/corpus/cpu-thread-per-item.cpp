// A thread per item, each squaring numbers for a while.
#include <thread>
#include <vector>

static void item(int Id) {
  volatile long S = 0;
  for (long I = 0; I < 400000000; ++I)
    S = S + I * Id;
}

int main() {
  std::vector<std::thread> Threads;
  for (int Id = 1; Id <= 2; ++Id)
    Threads.emplace_back(item, Id); // SITE
  for (auto &T : Threads)
    T.join();
}
