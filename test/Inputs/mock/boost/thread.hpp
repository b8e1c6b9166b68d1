#pragma once
namespace boost {
class thread {
public:
  thread() noexcept;
  template <class F> explicit thread(F f) {}
  template <class F, class A1> thread(F f, A1 a1) {}
  thread(thread &&) noexcept;
  void join();
  void detach();
};
} // namespace boost
