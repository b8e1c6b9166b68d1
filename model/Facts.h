//===- model/Facts.h - What one translation unit tells the program model --===//
//
// The map step of the analysis (DESIGN.md, "Data flow"): each translation
// unit is reduced to these plain facts, keyed by USR so that facts from
// different units name the same function or variable the same way. The
// reduce step (model/ProgramModel.h) merges the facts of every unit and
// concludes over them. Facts are plain data: written to and read from YAML
// (model/FactsIO.h), so they can be cached, sharded and merged anywhere.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_MODEL_FACTS_H
#define CONC_MODEL_FACTS_H

#include "core/Finding.h"

#include <string>
#include <vector>

namespace conc {

/// Bumped whenever the meaning or shape of a fact changes; readers reject
/// other versions (a cached fact of another version is recomputed).
constexpr int FactsVersion = 8;

/// A function (or a unit of code that runs as one: a lambda's call operator,
/// an OpenMP parallel region, whose USR is its function's USR + "@omp:L:C").
struct FunctionFact {
  std::string Usr;
  std::string Name; ///< For messages: 'logingest::Listener::run', 'lambda at a.cpp:3:9'.
  SourcePoint Where;
  bool IsProgramEntry = false; ///< `main`
  /// For a method, or a lambda that captures `this`: the USR of the class
  /// whose `this` it uses. A class one of whose methods is a thread entry
  /// shares its object with that thread.
  std::string ClassUsr;
};

/// A call from one function to another, as written (a virtual call names the
/// static callee; overrides are facts of their own).
struct CallFact {
  std::string CallerUsr;
  std::string CalleeUsr;
  SourcePoint Where;
  /// Locks held at the call, sorted and unique: a function every caller
  /// calls with a lock held runs with it held (leveldb's "REQUIRES: mutex_
  /// held" helpers).
  std::vector<std::string> Locks;
  /// The GIL at the call (GilState): "" as the caller's caller left it,
  /// "released" or "acquired" by code before it in the caller.
  std::string Gil;
};

/// `MethodUsr` overrides `OverriddenUsr`: a virtual call to the latter may
/// run the former.
struct OverrideFact {
  std::string MethodUsr;
  std::string OverriddenUsr;
};

/// A thread, task or OpenMP team start: code in `CallerUsr` starts `EntryUsr`
/// (empty when unknown) on another thread.
struct ThreadStartFact {
  std::string CallerUsr;
  std::string EntryUsr;
  std::string Api;  ///< 'std::thread', '#pragma omp parallel for', ...
  SourcePoint Where;
  /// More than one instance of the entry may run at once: the site is in a
  /// loop, or it is a pool's task submission or an OpenMP team.
  bool Many = false;
};

/// What a VariableFact's storage is.
enum class VariableKind {
  /// A global, a namespace-scope or function-local static, a static data
  /// member: one object for the whole program.
  Global,
  /// A local that a lambda captures by reference or an OpenMP region shares:
  /// one object per call of its owner function, reached from the threads
  /// that call starts.
  Local,
  /// A non-static data member reached through `this` or a pointer or
  /// reference: all objects of the class are one location (as RacerD
  /// abstracts them), reported only for classes that show they are shared.
  Field,
};

/// The text VariableFact::AtomicInclude inserts.
constexpr const char *AtomicIncludeLine = "#include <atomic>\n";

/// A memory location more than one function may touch.
struct VariableFact {
  std::string Usr;
  std::string Name; ///< Qualified, for messages.
  std::string Type; ///< As written, for messages and fix-its.
  SourcePoint Where;
  bool IsConst = false;       ///< const/constexpr: never written after initialization
  /// Synchronized by construction: of an atomic type rules/sync.yaml names
  /// (std::atomic<T>, ...), or a mutex (locked somewhere, or of a class
  /// whose lock()/unlock() rules/sync.yaml names).
  bool IsAtomic = false;
  bool IsThreadLocal = false; ///< one copy per thread: never shared
  bool IsScalar = false;      ///< integer, floating point, pointer or enum
  VariableKind Kind = VariableKind::Global;
  /// Local: the USR of the function whose frame holds it. Field: the USR of
  /// its class.
  std::string OwnerUsr;
  /// A global whose declaration can safely become std::atomic<T>: defined
  /// in the unit's main file, alone in its declaration, declared nowhere
  /// else in the unit, an integer or object pointer, neither const nor
  /// volatile, C++17. The edit of its type (AtomicFix) and, when the unit
  /// does not declare std::atomic yet, the `#include <atomic>` before the
  /// file's first #include (AtomicInclude). Empty Replacement: no fix.
  /// Whether every access suits std::atomic<T> is the model's to tell
  /// (AccessFact::AtomicReady): one unit sees only its own accesses.
  FixIt AtomicFix;
  FixIt AtomicInclude;
};

/// A read or write of a VariableFact's variable inside a function.
struct AccessFact {
  std::string FunctionUsr;
  std::string VariableUsr;
  SourcePoint Where;
  bool IsWrite = false;
  /// `++x`, `x += 1`, `x = x + 1`: a read and a write of one value, the case
  /// that std::atomic<T> fixes one-for-one.
  bool IsReadModifyWrite = false;
  /// The access compiles unchanged, and is one atomic operation, if the
  /// variable becomes std::atomic<T>: `++x`, `x--`, `x += k`, `x -= k` (and
  /// for integers `&=`, `|=`, `^=`). `x = x + 1`, `x *= 2`, `&x`, plain
  /// reads and writes are not.
  bool AtomicReady = false;
  /// Locks held at the access (each the USR of the mutex variable or
  /// field), sorted and unique.
  std::vector<std::string> Locks;
  /// No thread this function started is running at the access: it comes
  /// before the first start (not in a loop with one), or after every
  /// thread started so far was joined or its OpenMP region ended.
  bool Sequential = false;
  /// OpenMP: the access is in the region function itself, after this many
  /// barriers (explicit, or implied at the end of a worksharing construct)
  /// at the region's top level. Accesses of one region in different phases
  /// never run at once. -1: unknown (not directly in a region).
  int Phase = -1;
  /// OpenMP: which one thread of the team runs the access, when only one
  /// does; empty when any may. Equal ids name one thread, so two accesses
  /// with one id run in program order: a `single` or `section` construct
  /// ("construct:<point>@<region>"; the statements before a `sections`
  /// construct's first `section` are its implicit first section), or a team
  /// thread number ("thread-num:N@<region>": `master`, `masked`, code under
  /// `if (omp_get_thread_num() == N)`). Two `section`s of one construct
  /// have different ids: other threads may run them at once.
  std::string OneThread;
  /// An array element whose subscript is `Scale * Counter + IndexOffset`,
  /// where Counter is the iteration variable of the worksharing loop that
  /// runs the access; each iteration touches its own element, so only
  /// different offsets (a loop-carried dependence) conflict, and with a
  /// Scale other than 1 only offsets that differ by a multiple of it.
  /// IndexVar is "<Counter's USR>#<dimension>", followed by "*<Scale>"
  /// when Scale is not 1. Empty: the element is not known.
  std::string IndexVar;
  long long IndexOffset = 0;
  /// OpenMP, code one thread runs (OneThread): the flags this thread sets
  /// after the access ("<flag's USR>|<lock>": a write of the flag under
  /// that lock or `omp atomic`, later in the same code, in no loop), and
  /// the flags it waited for before the access (a `while`/`do` loop that
  /// reads the flag under that lock, before the access in the same code).
  /// An access released by a flag comes before every access acquired by
  /// the same flag and lock: a spin-wait orders them. Sorted and unique.
  std::vector<std::string> Releases;
  std::vector<std::string> Acquires;
  /// OpenMP tasks made by code one thread runs (TaskGenerator: that code's
  /// OneThread id). Its `taskwait`s and the ends of its `taskgroup`s number
  /// epochs; a task made in epoch E is complete before epoch E + 1 starts.
  /// InTask: the access is in such a task, made in TaskEpoch; else it is in
  /// the making code, in TaskEpoch. Empty generator: none of these.
  std::string TaskGenerator;
  int TaskEpoch = 0;
  bool InTask = false;
};

/// A call of a function rules/mt-unsafe.yaml names (strtok, localtime, ...)
/// in the code `CallerUsr` (a function, a lambda's call operator, an OpenMP
/// region: the same USR the call graph uses).
struct UnsafeCallFact {
  std::string CallerUsr;
  std::string Api;
  SourcePoint Where;
};

/// A fork (a process API of kind fork) in `CallerUsr`, with what the AST
/// says about the child's code before exec.
struct ForkFact {
  std::string CallerUsr;
  std::string Api;
  SourcePoint Where;
  /// No thread `CallerUsr` started is running at the fork: no start of it
  /// comes before the fork in source order (or shares a loop with it),
  /// OpenMP regions (over before the fork) excepted.
  bool Sequential = false;
  /// The child's branch (`if (pid == 0)`, `case 0:`, ...) was not found:
  /// what the child runs is unknown.
  bool ChildUnknown = false;
  /// The first call in the child's branch, before exec or _exit, that is
  /// not async-signal-safe; empty when there is none.
  std::string ChildCall;
  SourcePoint ChildCallWhere;
};

/// A call rules/io.yaml (blocking) or rules/cpu.yaml (CPU-heavy) names, in
/// the code `CallerUsr`: evidence of the kind of work that code does.
struct WorkCallFact {
  std::string CallerUsr;
  std::string Api;
  std::string Kind;      ///< the rule's kind: socket, sleep, compression, ...
  bool Blocking = false; ///< from blocking-calls; else cpu-heavy-calls
  bool Strong = false;   ///< the rule's weight
  SourcePoint Where;
  /// Loops around the call in its own code (a loop repeats the wait or the
  /// work; a loop around a blocking call is the shape of I/O-bound code).
  unsigned LoopDepth = 0;
  /// Locks held at the call, sorted and unique.
  std::vector<std::string> Locks;
  std::string Gil; ///< as CallFact::Gil
};

/// A loop nest in `FunctionUsr` that does arithmetic and makes no call
/// other than to library code that neither blocks nor is a user function
/// (operator[], size(), std::sqrt): the shape of CPU-bound code.
struct ComputeLoopFact {
  std::string FunctionUsr;
  SourcePoint Where; ///< the outermost loop of the nest
  unsigned Depth = 1;      ///< loops nested in it, itself included
  unsigned Operations = 0; ///< arithmetic operations written in it
  unsigned EnclosingLoops = 0; ///< loops around the nest that do call
  std::vector<std::string> Locks; ///< held around the nest, sorted
  std::string Gil; ///< as CallFact::Gil
};

/// A call from `CallerUsr` to `CalleeUsr` made inside a loop of the
/// caller: what the callee does, it does repeatedly.
struct LoopedCallFact {
  std::string CallerUsr;
  std::string CalleeUsr;
  /// Some loop around the call is over work items (SiteLoopFact::PerItem:
  /// a serving while-loop, a range-for, a counted loop up to a size()), or
  /// the callee is a request handler registered with a server
  /// (rules/threads.yaml's request-handler-registrations): it runs once per
  /// request, not a fixed number of times.
  bool PerItem = false;
};

/// The loop around a thread or process site: is it a loop over work items
/// (a thread per item or request), or one that starts a fixed number of
/// workers?
struct SiteLoopFact {
  SourcePoint Site;
  SourcePoint Loop;
  /// range: for (x : items); while: while/do or for(;;) (a serving loop);
  /// counted: for (i = 0; i < n; ++i); openmp: an OpenMP construct whose
  /// team's threads run the site; other.
  std::string Shape;
  /// A loop over work items: range, while, or counted up to a container's
  /// size(). A counted loop up to a constant or a variable starts workers.
  bool PerItem = false;
  /// counted up to a constant: the number of iterations; else -1.
  long long Bound = -1;
  /// counted up to the core count times a constant (hardware_concurrency()
  /// * 2, directly or through a local initialized so; rules/threads.yaml's
  /// core-count-functions): the constant (1 for the core count itself);
  /// else 0.
  long long CoreFactor = 0;
};

/// A thread count fixed in the code:
/// - a num_threads(K) clause on an OpenMP team, or an if clause that is
///   constant false ('if', K = 1: the team has one thread); RegionUsr names
///   the region;
/// - a call of one of rules/threads.yaml's thread-count-functions
///   (omp_set_num_threads(K), omp_set_max_active_levels(K); Api says which,
///   its rule what K counts); RegionUsr empty;
/// - a thread pool's construction (Api: a thread-apis rule of kind pool):
///   K threads, or, with K = 0, CoreFactor threads per core (its default
///   size, or hardware_concurrency() * 2 written); both 0 when unknown.
struct ThreadCountFact {
  std::string CallerUsr;
  std::string Api; ///< 'num_threads', 'omp_set_num_threads', 'BS::thread_pool'
  SourcePoint Where;
  long long Count = 0;
  std::string RegionUsr;
  long long CoreFactor = 0;
};

/// A process creation site (rules/processes.yaml), for the workload
/// classifier and the process advice.
struct ProcessStartFact {
  std::string CallerUsr;
  std::string Api;
  std::string Kind; ///< fork | spawn | exec | shell
  SourcePoint Where;
  bool Many = false; ///< in a loop
  /// fork: the child's own code was found (`if (pid == 0) {...}`): it runs
  /// from ChildBegin to ChildEnd in `CallerUsr` and calls ChildCallees.
  bool ChildKnown = false;
  SourcePoint ChildBegin, ChildEnd;
  std::vector<std::string> ChildCallees; ///< sorted, unique
  /// The child's code calls exec: it becomes another program.
  bool ChildExecs = false;
};

/// The state of CPython's global interpreter lock at a point of some code
/// (rules/python.yaml names what changes it): "" when the code did not
/// change it (a function Python calls holds it; a thread C++ starts does
/// not), "released" after Py_BEGIN_ALLOW_THREADS or in the scope of a
/// gil_scoped_release, "acquired" after PyGILState_Ensure or in the scope
/// of a gil_scoped_acquire.
namespace gil {
constexpr const char *Released = "released";
constexpr const char *Acquired = "acquired";
} // namespace gil

/// A function Python calls: named in a CPython method table (PyMethodDef)
/// or bound with pybind11/nanobind's def(). It starts with the GIL held.
struct PythonEntryFact {
  std::string FunctionUsr;
  SourcePoint Where;   ///< where it is bound (the def() call, the table entry)
  std::string Binding; ///< the rule that binds it: 'pybind11::module_::def', 'PyMethodDef'
  /// Bound with a call guard that releases the GIL around the whole call
  /// (py::call_guard<py::gil_scoped_release>()).
  bool Released = false;
};

/// A call into the Python C API or a Python object wrapper
/// (rules/python.yaml's python-api-prefixes): it needs the GIL.
struct PythonCallFact {
  std::string CallerUsr;
  std::string Api;
  SourcePoint Where;
  std::string Gil; ///< as CallFact::Gil
};

struct TranslationUnitFacts {
  int Version = FactsVersion;
  std::string File; ///< the main file
  std::vector<FunctionFact> Functions;
  std::vector<CallFact> Calls;
  std::vector<OverrideFact> Overrides;
  std::vector<ThreadStartFact> ThreadStarts;
  std::vector<VariableFact> Variables;
  std::vector<AccessFact> Accesses;
  std::vector<UnsafeCallFact> UnsafeCalls;
  std::vector<ForkFact> Forks;
  std::vector<WorkCallFact> WorkCalls;
  std::vector<ComputeLoopFact> ComputeLoops;
  std::vector<LoopedCallFact> LoopedCalls;
  std::vector<ProcessStartFact> ProcessStarts;
  std::vector<SiteLoopFact> SiteLoops;
  std::vector<PythonEntryFact> PythonEntries;
  std::vector<PythonCallFact> PythonCalls;
  std::vector<ThreadCountFact> ThreadCounts;
};

} // namespace conc

#endif
