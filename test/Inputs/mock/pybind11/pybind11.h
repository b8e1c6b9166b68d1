// Mock <pybind11/pybind11.h> for conc-advisor's lit tests: the shapes of
// pybind11's binding, object and GIL APIs that conc-advice-gil-held reads,
// declarations and empty bodies, written for the tests.
#pragma once
namespace pybind11 {
class handle {};
class object : public handle {
public:
  object attr(const char *Name) const;
  template <typename... Args> object operator()(Args &&...A) const { return *this; }
};
class list : public object {
public:
  list();
  void append(const object &O);
};
template <typename... Args> void print(Args &&...A) {}
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
template <typename T> class class_ : public object {
public:
  class_(handle Scope, const char *Name);
  template <typename F, typename... Extra>
  class_ &def(const char *Name, F &&Fn, const Extra &...E) {
    return *this;
  }
};
} // namespace pybind11
#define PYBIND11_MODULE(name, variable) void pybind11_init_##name(::pybind11::module_ &variable)
