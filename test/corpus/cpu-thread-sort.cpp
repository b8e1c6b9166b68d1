// Threads sort large vectors again and again.
#include <algorithm>
#include <random>
#include <thread>
#include <vector>

static void sortMany(unsigned Seed) {
  std::mt19937 Gen(Seed);
  std::vector<int> V(300000);
  for (int Round = 0; Round < 6; ++Round) {
    for (int &X : V)
      X = static_cast<int>(Gen());
    std::sort(V.begin(), V.end());
  }
}

int main() {
  std::thread A(sortMany, 1); // SITE
  std::thread B(sortMany, 2);
  A.join();
  B.join();
}
