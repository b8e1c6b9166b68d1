#include <future>
int parse(int Chunk);
int run() {
  auto A = std::async(parse, 1); // NOLINT
  // NOLINTNEXTLINE(conc-async-default-policy)
  auto B = std::async(parse, 2);
  return A.get() + B.get();
}
