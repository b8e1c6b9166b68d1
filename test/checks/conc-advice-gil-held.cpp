// RUN: %conc-advisor --checks='-*,conc-advice-gil-held' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <Python.h>
#include <nanobind/nanobind.h>
#include <pybind11/pybind11.h>
#include <thread>
#include <unistd.h>
#include <zlib.h>

namespace py = pybind11;
namespace nb = nanobind;

// CPU-bound: the classifier finds its loop nest.
double kernel(int N) {
  double S = 0;
  for (int I = 0; I < N; ++I)
    for (int J = 0; J < N; ++J)
      S += I * J * 0.5;
  return S;
}

//===--- CPython extension functions ---===//

static PyObject *slow_sum(PyObject *Self, PyObject *Args) {
  int N = 0;
  PyArg_ParseTuple(Args, "i", &N);
  double S = kernel(N);
// CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'slow_sum' is called from Python (bound with 'PyMethodDef' at conc-advice-gil-held.cpp:{{[0-9]+}}) and does CPU-bound work here with the GIL held (call of 'kernel', CPU-bound (high confidence)): in CPython only one thread runs Python at a time, so every other Python thread waits until this call returns; release the GIL around the C++ work: 'Py_BEGIN_ALLOW_THREADS' before the C++ work and 'Py_END_ALLOW_THREADS' after it, and touch no Python object while it is released [conc-advice-gil-held]
// CHECK-MESSAGES: :[[@LINE+35]]:18: note: bound to Python here
  return PyLong_FromLong((long)S);
}

// The same work between Py_BEGIN_ALLOW_THREADS and Py_END_ALLOW_THREADS.
static PyObject *fast_sum(PyObject *Self, PyObject *Args) {
  int N = 0;
  double S = 0;
  PyArg_ParseTuple(Args, "i", &N);
  Py_BEGIN_ALLOW_THREADS
  S = kernel(N);
  Py_END_ALLOW_THREADS
  return PyLong_FromLong((long)S);
}

// Blocking with the GIL held.
static PyObject *nap(PyObject *Self, PyObject *Args) {
  sleep(1);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'nap' is called from Python (bound with 'PyMethodDef' at conc-advice-gil-held.cpp:{{[0-9]+}}) and does blocking work here with the GIL held (blocking call 'sleep' (sleep)): in CPython only one thread runs Python at a time, so every other Python thread waits until this call returns; release the GIL around the C++ work: 'Py_BEGIN_ALLOW_THREADS' before the C++ work and 'Py_END_ALLOW_THREADS' after it, and touch no Python object while it is released [conc-advice-gil-held]
// CHECK-MESSAGES: :[[@LINE+18]]:13: note: bound to Python here
  return PyLong_FromLong(0);
}

// Blocking, released.
static PyObject *quiet_nap(PyObject *Self, PyObject *Args) {
  Py_BEGIN_ALLOW_THREADS
  sleep(1);
  Py_END_ALLOW_THREADS
  return PyLong_FromLong(0);
}

// Cheap: nothing to release the GIL for.
static PyObject *answer(PyObject *Self, PyObject *Args) { return PyLong_FromLong(42); }

static PyMethodDef Methods[] = {
    {"slow_sum", slow_sum, METH_VARARGS, "sum"},
    {"fast_sum", fast_sum, METH_VARARGS, "sum"},
    {"nap", (PyCFunction)nap, METH_NOARGS, "sleep"},
    {"quiet_nap", (PyCFunction)quiet_nap, METH_NOARGS, "sleep"},
    {"answer", answer, METH_NOARGS, "42"},
    {nullptr, nullptr, 0, nullptr}};

//===--- pybind11 and nanobind ---===//

PYBIND11_MODULE(demo, m) {
  m.def("slow", [](int N) { return kernel(N); });
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'lambda at conc-advice-gil-held.cpp:{{[0-9]+}}:17' is called from Python (bound with 'pybind11::module_::def' at conc-advice-gil-held.cpp:{{[0-9]+}}) and does CPU-bound work here with the GIL held (call of 'kernel', CPU-bound (high confidence)): in CPython only one thread runs Python at a time, so every other Python thread waits until this call returns; release the GIL around the C++ work: a 'pybind11::gil_scoped_release' in a scope around the C++ work, or bind it with 'pybind11::call_guard<pybind11::gil_scoped_release>()', and touch no Python object while it is released [conc-advice-gil-held]
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: bound to Python here
  m.def("fast", [](int N) {
    py::gil_scoped_release Release;
    return kernel(N);
  });
  m.def("guarded", &kernel, py::call_guard<py::gil_scoped_release>());
  m.def("pack", [](const unsigned char *Data, unsigned Size) {
    unsigned long Sizes[1] = {Size};
    unsigned char Out[64];
    return compress(Out, Sizes, Data, Size);
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'lambda at conc-advice-gil-held.cpp:{{[0-9]+}}:17' is called from Python (bound with 'pybind11::module_::def' at conc-advice-gil-held.cpp:{{[0-9]+}}) and does CPU-bound work here with the GIL held (CPU-heavy call 'compress' (compression)): in CPython only one thread runs Python at a time, so every other Python thread waits until this call returns; release the GIL around the C++ work: a 'pybind11::gil_scoped_release' in a scope around the C++ work, or bind it with 'pybind11::call_guard<pybind11::gil_scoped_release>()', and touch no Python object while it is released [conc-advice-gil-held]
// CHECK-MESSAGES: :[[@LINE-5]]:3: note: bound to Python here
  });
  m.def("pack_released", [](const unsigned char *Data, unsigned Size) {
    unsigned long Sizes[1] = {Size};
    unsigned char Out[64];
    {
      py::gil_scoped_release Release;
      compress(Out, Sizes, Data, Size);
    }
    return Sizes[0];
  });
  m.def("add", [](int A, int B) { return A + B; });
}

NB_MODULE(nbdemo, m) {
  m.def("nb_slow", [](int N) { return kernel(N); });
// CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'lambda at conc-advice-gil-held.cpp:{{[0-9]+}}:20' is called from Python (bound with 'nanobind::module_::def' at conc-advice-gil-held.cpp:{{[0-9]+}}) and does CPU-bound work here with the GIL held (call of 'kernel', CPU-bound (high confidence)): in CPython only one thread runs Python at a time, so every other Python thread waits until this call returns; release the GIL around the C++ work: a 'nanobind::gil_scoped_release' in a scope around the C++ work, or bind it with 'nanobind::call_guard<nanobind::gil_scoped_release>()', and touch no Python object while it is released [conc-advice-gil-held]
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: bound to Python here
  m.def("nb_fast", [](int N) {
    nb::gil_scoped_release Release;
    return kernel(N);
  });
}

//===--- Threads that call into Python ---===//

void worker(py::object Callback) { Callback(); }
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'pybind11::object::operator()' calls into Python on a thread started with 'std::thread' at conc-advice-gil-held.cpp:{{[0-9]+}}, which does not hold the GIL: only the thread holding it may touch Python objects, and a C++ thread starts without it; take the GIL first: a 'pybind11::gil_scoped_acquire' in a scope around the calls, or 'PyGILState_Ensure()' before them and 'PyGILState_Release()' after [conc-advice-gil-held]
// CHECK-MESSAGES: :[[@LINE+25]]:15: note: the thread is started here

void safeWorker(py::object Callback) {
  py::gil_scoped_acquire Acquire;
  Callback();
}

void cWorker() { PyList_New(0); }
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'PyList_New' calls into Python on a thread started with 'std::thread' at conc-advice-gil-held.cpp:{{[0-9]+}}, which does not hold the GIL: only the thread holding it may touch Python objects, and a C++ thread starts without it; take the GIL first: 'PyGILState_Ensure()' before them and 'PyGILState_Release()' after [conc-advice-gil-held]
// CHECK-MESSAGES: :[[@LINE+18]]:15: note: the thread is started here

void cSafeWorker() {
  PyGILState_STATE State = PyGILState_Ensure();
  PyList_New(0);
  PyGILState_Release(State);
}

// Needs the GIL, and every call of it takes it first.
void logFromPython() { py::print("done"); }
void reporter() {
  py::gil_scoped_acquire Acquire;
  logFromPython();
}

void startThreads(py::object Callback) {
  std::thread A(worker, Callback);
  std::thread B(safeWorker, Callback);
  std::thread C(cWorker);
  std::thread D(cSafeWorker);
  std::thread E(reporter);
  A.join();
  B.join();
  C.join();
  D.join();
  E.join();
}
