// Mock <Python.h> for conc-advisor's lit tests: the few CPython C API
// declarations conc-advice-gil-held's tests use, written for them (the
// macros expand the way the C API manual documents).
#pragma once
typedef struct _object {
  long ob_refcnt;
} PyObject;
typedef struct _ts PyThreadState;
typedef PyObject *(*PyCFunction)(PyObject *, PyObject *);
typedef enum { PyGILState_LOCKED, PyGILState_UNLOCKED } PyGILState_STATE;
struct PyMethodDef {
  const char *ml_name;
  PyCFunction ml_meth;
  int ml_flags;
  const char *ml_doc;
};
typedef struct PyMethodDef PyMethodDef;
#define METH_VARARGS 0x0001
#define METH_NOARGS 0x0004
#ifdef __cplusplus
extern "C" {
#endif
PyThreadState *PyEval_SaveThread(void);
void PyEval_RestoreThread(PyThreadState *);
PyGILState_STATE PyGILState_Ensure(void);
void PyGILState_Release(PyGILState_STATE);
PyObject *PyLong_FromLong(long);
int PyArg_ParseTuple(PyObject *, const char *, ...);
PyObject *PyList_New(long);
int PyList_Append(PyObject *, PyObject *);
#ifdef __cplusplus
}
#endif
#define Py_BEGIN_ALLOW_THREADS                                                     \
  {                                                                                \
    PyThreadState *_save;                                                          \
    _save = PyEval_SaveThread();
#define Py_END_ALLOW_THREADS                                                       \
  PyEval_RestoreThread(_save);                                                     \
  }
