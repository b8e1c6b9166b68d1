// Threads hash a buffer with FNV-1a, many rounds.
#include <cstdint>
#include <thread>
#include <vector>

static uint64_t hashRounds(int Rounds) {
  std::vector<unsigned char> Buf(1 << 20, 7);
  uint64_t H = 1469598103934665603ull;
  for (int R = 0; R < Rounds; ++R)
    for (unsigned char C : Buf) {
      H ^= C;
      H *= 1099511628211ull;
    }
  return H;
}

int main() {
  uint64_t Out[2];
  std::thread A([&] { Out[0] = hashRounds(250); }); // SITE
  std::thread B([&] { Out[1] = hashRounds(250); });
  A.join();
  B.join();
  return Out[0] == Out[1] ? 0 : 1;
}
