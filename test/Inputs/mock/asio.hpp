#pragma once
namespace asio {
class thread_pool {
public:
  thread_pool();
  explicit thread_pool(unsigned long num_threads);
  void join();
};
template <class Executor, class F> void post(Executor &ex, F &&f) {}
} // namespace asio
