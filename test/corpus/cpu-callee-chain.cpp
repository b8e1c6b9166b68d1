// The thread calls a helper in a loop; the helper does the arithmetic.
#include <thread>
#include <vector>

static double dot(const std::vector<double> &A, const std::vector<double> &B) {
  double S = 0;
  for (size_t I = 0; I < A.size(); ++I)
    S += A[I] * B[I];
  return S;
}

static void worker(int Seed) {
  std::vector<double> A(1 << 16, Seed), B(1 << 16, 0.5);
  double Acc = 0;
  for (int Rep = 0; Rep < 8000; ++Rep)
    Acc += dot(A, B);
  volatile double Sink = Acc;
  (void)Sink;
}

int main() {
  std::thread A(worker, 1); // SITE
  std::thread B(worker, 2);
  A.join();
  B.join();
}
