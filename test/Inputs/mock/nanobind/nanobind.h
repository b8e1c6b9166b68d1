// Mock <nanobind/nanobind.h> for conc-advisor's lit tests: nanobind's
// binding and GIL APIs in the shapes conc-advice-gil-held reads,
// declarations and empty bodies, written for the tests.
#pragma once
namespace nanobind {
class handle {};
class object : public handle {};
class gil_scoped_release {
public:
  gil_scoped_release();
  ~gil_scoped_release();
};
class gil_scoped_acquire {
public:
  gil_scoped_acquire();
  ~gil_scoped_acquire();
};
template <typename... Guards> struct call_guard {};
class module_ : public object {
public:
  template <typename F, typename... Extra>
  module_ &def(const char *Name, F &&Fn, const Extra &...E) {
    return *this;
  }
};
} // namespace nanobind
#define NB_MODULE(name, variable) void nanobind_init_##name(::nanobind::module_ &variable)
