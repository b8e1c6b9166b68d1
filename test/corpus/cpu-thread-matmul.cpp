// Two threads multiply matrices: a loop nest of arithmetic.
#include <thread>
#include <vector>

static void multiply(int Seed) {
  const int N = 160;
  std::vector<double> A(N * N, Seed), B(N * N, 2.0), C(N * N, 0.0);
  for (int Rep = 0; Rep < 50; ++Rep)
    for (int I = 0; I < N; ++I)
      for (int J = 0; J < N; ++J) {
        double S = 0;
        for (int K = 0; K < N; ++K)
          S += A[I * N + K] * B[K * N + J];
        C[I * N + J] = S + Rep;
      }
  volatile double Sink = C[N + 1];
  (void)Sink;
}

int main() {
  std::thread T1(multiply, 1); // SITE
  std::thread T2(multiply, 2);
  T1.join();
  T2.join();
}
