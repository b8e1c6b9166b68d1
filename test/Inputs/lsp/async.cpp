#include <future>
int work();
int run() {
  auto Result = std::async(work);
  return Result.get();
}
