#include <future>

namespace acme {
class WorkerPool {
public:
  explicit WorkerPool(int Threads);
};
} // namespace acme

int parse(int Chunk);

int run() {
  acme::WorkerPool Pool(4);
  auto Part = std::async(parse, 1);
  return Part.get();
}
