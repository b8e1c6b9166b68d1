#pragma once
// BS::thread_pool 5.x is a class template with a defaulted argument.
namespace BS {
template <unsigned char OptFlags = 0> class thread_pool {
public:
  explicit thread_pool(unsigned N = 0) {}
  template <class F> void detach_task(F &&f) {}
  template <class F> int submit_task(F &&f) { return 0; }
};
} // namespace BS
