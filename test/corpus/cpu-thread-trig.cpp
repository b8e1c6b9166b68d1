// Threads sum trigonometric series with <cmath>.
#include <cmath>
#include <thread>

static double series(int Terms) {
  double S = 0;
  for (int I = 1; I < Terms; ++I)
    S += std::sin(I * 0.001) * std::cos(I * 0.002) / std::sqrt(double(I));
  return S;
}

int main() {
  double R[2];
  std::thread A([&] { R[0] = series(12000000); }); // SITE
  std::thread B([&] { R[1] = series(12000000); });
  A.join();
  B.join();
  return R[0] > 1e12;
}
