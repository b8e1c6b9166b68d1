// Each round computes for a while, then sleeps about as long.
#include <chrono>
#include <thread>

static double round(int Seed) {
  double S = Seed;
  for (int I = 0; I < 15000000; ++I)
    S = S * 1.0000001 + (I % 3);
  return S;
}

static void worker(int Seed) {
  double Acc = 0;
  for (int R = 0; R < 6; ++R) {
    Acc += round(Seed + R);
    std::this_thread::sleep_for(std::chrono::milliseconds(15));
  }
  volatile double Sink = Acc;
  (void)Sink;
}

int main() {
  std::thread A(worker, 1); // SITE
  A.join();
}
