// std::async tasks count primes by trial division.
#include <future>
#include <vector>

static long countPrimes(long From, long To) {
  long Count = 0;
  for (long N = From; N < To; ++N) {
    bool Prime = N > 1;
    for (long D = 2; D * D <= N; ++D)
      if (N % D == 0) {
        Prime = false;
        break;
      }
    Count += Prime;
  }
  return Count;
}

int main() {
  std::vector<std::future<long>> Parts;
  for (long P = 0; P < 2; ++P)
    Parts.push_back(std::async(std::launch::async, countPrimes, P * 1500000, (P + 1) * 1500000)); // SITE
  long Total = 0;
  for (auto &F : Parts)
    Total += F.get();
  return Total == 0;
}
