// An OpenMP parallel for over an n-body force loop.
#include <cmath>
#include <vector>

int main() {
  const int N = 1500;
  std::vector<double> X(N), Y(N), Fx(N), Fy(N);
  for (int I = 0; I < N; ++I) {
    X[I] = I * 0.5;
    Y[I] = I * 0.25;
  }
  for (int Step = 0; Step < 60; ++Step) {
#pragma omp parallel for num_threads(2) // SITE
    for (int I = 0; I < N; ++I) {
      double Ax = 0, Ay = 0;
      for (int J = 0; J < N; ++J) {
        double Dx = X[J] - X[I], Dy = Y[J] - Y[I];
        double D2 = Dx * Dx + Dy * Dy + 0.01;
        double Inv = 1.0 / (D2 * std::sqrt(D2));
        Ax += Dx * Inv;
        Ay += Dy * Inv;
      }
      Fx[I] = Ax;
      Fy[I] = Ay;
    }
  }
  return Fx[1] > 1e9;
}
