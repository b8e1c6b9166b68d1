#include <future>

int parse(int Chunk);

int parseAll() {
  std::future<int> A = std::async(parse, 1);
  std::future<int> B = std::async([] { return parse(2); });
  auto C = std::async(std::launch::deferred, parse, 3);
  return A.get() + B.get() + C.get();
}
