#include <future>
int crunch(int N) { return N * N; }
int fanOut() {
  auto A = std::async(std::launch::async, crunch, 1);
  auto B = std::async(std::launch::async, crunch, 2);
  return A.get() + B.get();
}
