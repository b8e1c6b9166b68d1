// Threads search for the longest Collatz chain.
#include <thread>

static unsigned longest(unsigned long From, unsigned long To) {
  unsigned Best = 0;
  for (unsigned long N = From; N < To; ++N) {
    unsigned long X = N;
    unsigned Steps = 0;
    while (X != 1) {
      X = (X % 2) ? 3 * X + 1 : X / 2;
      ++Steps;
    }
    if (Steps > Best)
      Best = Steps;
  }
  return Best;
}

int main() {
  unsigned R[2];
  std::thread A([&] { R[0] = longest(1, 1500000); }); // SITE
  std::thread B([&] { R[1] = longest(1500000, 3000000); });
  A.join();
  B.join();
  return R[0] == 0;
}
