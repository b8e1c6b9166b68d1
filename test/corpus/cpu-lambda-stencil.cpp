// A lambda thread body smooths a grid: a loop nest of arithmetic.
#include <thread>
#include <vector>

int main() {
  std::vector<std::thread> Workers;
  for (int W = 0; W < 2; ++W)
    Workers.emplace_back([W] { // SITE
      const int N = 300;
      std::vector<float> Grid(N * N, float(W)), Next(N * N);
      for (int Step = 0; Step < 1500; ++Step) {
        for (int I = 1; I < N - 1; ++I)
          for (int J = 1; J < N - 1; ++J)
            Next[I * N + J] = 0.25f * (Grid[(I - 1) * N + J] + Grid[(I + 1) * N + J] +
                                       Grid[I * N + J - 1] + Grid[I * N + J + 1]);
        Grid.swap(Next);
      }
    });
  for (auto &T : Workers)
    T.join();
}
