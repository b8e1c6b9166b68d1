//===- core/Rules.h - The API knowledge of conc-advisor, loaded from YAML --===//
//
// No API list lives in C++: every thread, task, pool and process API the
// checks recognize is read from rules/*.yaml (and from files users add with
// --rules=). This header is the in-memory form; Rules.cpp is the one
// validating loader.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CORE_RULES_H
#define CONC_CORE_RULES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace conc {

/// Where a rule was written, so that errors and duplicates can point at it.
struct RuleOrigin {
  std::string File;
  unsigned Line = 0;
};

/// How an API appears in code.
enum class ApiForm {
  Constructor, ///< Constructing an object of class `api` (std::thread).
  Function,    ///< Calling the free function `api` (pthread_create, fork).
  Method,      ///< Calling the member function `api` (QThread::start).
};
const char *apiFormName(ApiForm F);

/// std::async-style launch policy: the call starts a thread only when the
/// policy argument (of type `Type`, first argument) has `RequiredEnumerator`
/// set, or when it is absent (the default policy may start one).
struct LaunchPolicyRule {
  std::string Type;               ///< e.g. std::launch
  std::string RequiredEnumerator; ///< e.g. async
};

/// An API that starts a thread, submits a task, or creates a pool.
struct ThreadApiRule {
  std::string Api; ///< Qualified name without leading "::".
  ApiForm Form = ApiForm::Function;
  std::string Kind; ///< thread | task | pool
  /// Argument index of the callable the new thread/task runs.
  std::optional<unsigned> EntryArg;
  /// For methods: the entry is this (virtual) member of the object's class,
  /// e.g. QThread::start runs the object's run().
  std::string EntryMethod;
  std::optional<LaunchPolicyRule> LaunchPolicy;
  /// For functions that store the new thread's handle through a pointer
  /// argument (pthread_create(&t, ...)): its index. It links the thread to a
  /// later detach of that handle.
  std::optional<unsigned> HandleArg;
  /// For functions that take creation attributes (pthread_create's attr):
  /// its index. Attributes set to detached make the new thread detached.
  std::optional<unsigned> AttrArg;
  /// kind: pool only. The argument that is the pool's thread count, and the
  /// threads per core the pool starts when it is not given (BS::thread_pool
  /// and tf::Executor: one; asio::thread_pool: two); 0 when unknown.
  std::optional<unsigned> SizeArg;
  unsigned DefaultThreadsPerCore = 0;
  RuleOrigin Origin;
};

/// An API that creates or replaces a process.
struct ProcessApiRule {
  std::string Api;
  ApiForm Form = ApiForm::Function;
  std::string Kind; ///< fork | spawn | exec | shell
  /// Argument index naming the program or command line, when there is one.
  std::optional<unsigned> ProgramArg;
  RuleOrigin Origin;
};

/// A call that detaches a thread: it runs on unjoined and may outlive the
/// function (and the object) that started it.
struct DetachApiRule {
  std::string Api;
  /// Method: the call's object is the thread (std::thread::detach).
  /// Function: HandleArg, or AttrArg with StateArg and DetachedState.
  ApiForm Form = ApiForm::Method;
  /// The argument that is the thread's handle (pthread_detach(t)).
  std::optional<unsigned> HandleArg;
  /// Or a creation attribute made detached: the argument pointing at the
  /// attribute object, the argument that is the state, and the name (an
  /// enumerator or a macro) of the state meaning "detached"
  /// (pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED)).
  std::optional<unsigned> AttrArg;
  std::optional<unsigned> StateArg;
  std::string DetachedState;
  RuleOrigin Origin;
};

/// An OpenMP directive that forks a team of threads ("parallel for", ...).
struct OpenMPDirectiveRule {
  std::string Directive; ///< Spelling as in the pragma, e.g. "parallel for".
  RuleOrigin Origin;
};

/// A container member that constructs its element in place from its
/// arguments (emplace_back): constructing a std::thread that way starts it.
struct InPlaceMethodRule {
  std::string Name;
  RuleOrigin Origin;
};

/// An RAII type whose construction holds the mutexes passed to it until the
/// end of the scope (std::lock_guard, std::scoped_lock, std::unique_lock).
struct LockGuardRule {
  std::string Api;
  RuleOrigin Origin;
};

/// A call that acquires or releases a lock: a method whose object is the
/// lock (std::mutex::lock) or a function whose `lock-arg` argument is
/// (pthread_mutex_lock).
struct LockFunctionRule {
  std::string Api;
  ApiForm Form = ApiForm::Function;
  bool Acquires = true; ///< action: acquire | release
  std::optional<unsigned> LockArg;
  RuleOrigin Origin;
};

/// A type whose operations are atomic (std::atomic<T>): its objects are
/// synchronized by construction.
struct AtomicTypeRule {
  std::string Api;
  RuleOrigin Origin;
};

/// A call after which a thread started earlier has finished: joining it
/// (std::thread::join, pthread_join) or waiting for all of a pool's tasks.
struct ThreadJoinRule {
  std::string Api;
  RuleOrigin Origin;
};

/// A function that returns the calling thread's number in its team
/// (omp_get_thread_num): an array indexed by it gives each thread its own
/// element.
struct ThreadIdFunctionRule {
  std::string Api;
  RuleOrigin Origin;
};

/// A function that need not be thread-safe (POSIX.1-2017 XSH 2.9.1, glibc's
/// MT-Unsafe): calling it from two threads at once may corrupt its hidden
/// static state or return one thread's result to the other.
struct MtUnsafeFunctionRule {
  std::string Api;
  /// The thread-safe replacement ("strtok_r"), or empty when there is none.
  std::string Replacement;
  RuleOrigin Origin;
};

/// A function a forked child of a threaded program may call before exec
/// (POSIX.1-2017 XSH 2.4.3, async-signal-safe functions).
struct AsyncSignalSafeRule {
  std::string Api;
  RuleOrigin Origin;
};

/// A call that signals what kind of work the code making it does: a
/// blocking call (rules/io.yaml: the thread waits for a file, a socket, a
/// timer, another thread) or a CPU-heavy call (rules/cpu.yaml: compression,
/// hashing, regex, sorting, math kernels). The workload classifier
/// (model/WorkloadClassifier.h) weighs them.
struct WorkloadCallRule {
  std::string Api;
  ApiForm Form = ApiForm::Function;
  /// What it does: file, socket, sleep, ... (blocking-calls); compression,
  /// hash, ... (cpu-heavy-calls). Shown in the evidence.
  std::string Kind;
  /// Strong: one call is evidence by itself (sleep, recv, deflate). Weak:
  /// often cheap or in memory (printf to a console, one sqrt); it counts
  /// only in a loop, or when nothing stronger is found.
  bool Strong = true;
  RuleOrigin Origin;
};

/// How a measured on-CPU ratio (CPU time / wall time of a thread or
/// process) maps to a workload class; conc-probe classifies with these and
/// the analyzer compares its static class against them, so the two cannot
/// drift apart.
struct WorkloadThresholds {
  double CpuMinRatio = 0.7; ///< cpu when the ratio is at least this
  double IoMaxRatio = 0.3;  ///< io when the ratio is at most this; else mixed
  /// Below this total wall time the ratio is noise: the class is unknown.
  uint64_t MinWallTimeUs = 1000;
  RuleOrigin Origin; ///< Empty File: the defaults above, no rules file set them.
};

/// A name in a plain list of rules: a type or function of the CPython C
/// API, pybind11 or nanobind (PyMethodDef, pybind11::gil_scoped_release),
/// a prefix of such names (python-api-prefixes), a core-count function.
struct NamedApiRule {
  std::string Api;
  RuleOrigin Origin;
};

/// A CPython call that releases or takes the GIL for the code after it:
/// PyEval_SaveThread (release; what Py_BEGIN_ALLOW_THREADS expands to),
/// PyGILState_Ensure (acquire).
struct GilFunctionRule {
  std::string Api;
  bool Releases = true; ///< action: release | acquire
  /// The macro users write that expands to the call, for messages; may be
  /// empty.
  std::string Macro;
  RuleOrigin Origin;
};

/// A call that fixes how many threads the OpenMP teams started after it
/// have (omp_set_num_threads): its argument `CountArg` is the count.
struct ThreadCountFunctionRule {
  /// What the count is: the threads of each team, the parallel regions that
  /// may be active inside one another (omp_set_max_active_levels), or a
  /// flag that allows nested regions at all (omp_set_nested).
  enum class Sets { NumThreads, MaxActiveLevels, Nested };
  std::string Api;
  unsigned CountArg = 0;
  Sets What = Sets::NumThreads;
  RuleOrigin Origin;
};

struct RuleSet {
  std::vector<ThreadApiRule> ThreadApis;
  std::vector<ProcessApiRule> ProcessApis;
  std::vector<DetachApiRule> DetachApis;
  std::vector<OpenMPDirectiveRule> OpenMPDirectives;
  std::vector<InPlaceMethodRule> InPlaceConstructMethods;
  std::vector<LockGuardRule> LockGuards;
  std::vector<LockFunctionRule> LockFunctions;
  std::vector<AtomicTypeRule> AtomicTypes;
  std::vector<ThreadJoinRule> ThreadJoins;
  std::vector<ThreadIdFunctionRule> ThreadIdFunctions;
  std::vector<MtUnsafeFunctionRule> MtUnsafeFunctions;
  std::vector<AsyncSignalSafeRule> AsyncSignalSafeFunctions;
  std::vector<WorkloadCallRule> BlockingCalls; ///< rules/io.yaml
  std::vector<WorkloadCallRule> CpuHeavyCalls; ///< rules/cpu.yaml
  WorkloadThresholds Workload;
  // rules/python.yaml: C++ code inside CPython (conc-advice-gil-held).
  std::vector<NamedApiRule> PythonMethodTables;    ///< PyMethodDef
  std::vector<NamedApiRule> PythonBindingFunctions; ///< pybind11::module_::def
  std::vector<NamedApiRule> GilReleaseGuards;      ///< pybind11::gil_scoped_release
  std::vector<NamedApiRule> GilAcquireGuards;      ///< pybind11::gil_scoped_acquire
  std::vector<NamedApiRule> GilCallGuards;         ///< pybind11::call_guard
  std::vector<GilFunctionRule> GilFunctions;         ///< PyEval_SaveThread
  std::vector<NamedApiRule> PythonApiPrefixes;     ///< Py, pybind11
  // rules/threads.yaml: how many threads (conc-advice-oversubscription).
  std::vector<NamedApiRule> CoreCountFunctions;     ///< std::thread::hardware_concurrency
  std::vector<ThreadCountFunctionRule> ThreadCountFunctions; ///< omp_set_num_threads
  /// Calls that register a callable a server runs once per request
  /// (httplib::Server::Get): conc-advice-thread-per-task.
  std::vector<NamedApiRule> RequestHandlerRegistrations;
  /// rules/workload.yaml: a constant count of CPU-bound threads above this
  /// is more than most machines have cores (oversubscription-threads-above).
  long long OversubscriptionThreads = 0;
  RuleOrigin OversubscriptionOrigin;
  /// Every file loaded, in load order (part of the identity of an analysis).
  std::vector<std::string> Files;

  const ThreadApiRule *findThreadApi(llvm::StringRef Api, ApiForm Form) const;
  const ProcessApiRule *findProcessApi(llvm::StringRef Api, ApiForm Form) const;
  const DetachApiRule *findDetachApi(llvm::StringRef Api, ApiForm Form) const;
  const MtUnsafeFunctionRule *findMtUnsafeFunction(llvm::StringRef Api) const;
  bool isAsyncSignalSafe(llvm::StringRef Api) const;
  const WorkloadCallRule *findBlockingCall(llvm::StringRef Api, ApiForm Form) const;
  const WorkloadCallRule *findCpuHeavyCall(llvm::StringRef Api, ApiForm Form) const;
  const GilFunctionRule *findGilFunction(llvm::StringRef Api) const;
  /// Whether `Api` names the Python C API or a Python object wrapper: it
  /// starts with a python-api-prefixes entry followed by "::", "_" or a
  /// capital letter (PyList_New, pybind11::object, not Pyramid), and is not
  /// itself a GIL guard or GIL function.
  bool isPythonApi(llvm::StringRef Api) const;
};

/// Parses one rules document and appends its rules to `Into`. `Name` is used
/// in messages. Errors read "NAME:LINE: message". Rules that duplicate one
/// already in `Into` (from this or an earlier file) are errors.
llvm::Error parseRules(llvm::StringRef Text, llvm::StringRef Name,
                       RuleSet &Into);

/// Reads and parses each file in order.
llvm::Expected<RuleSet> loadRuleFiles(llvm::ArrayRef<std::string> Paths);

/// The built-in rule files shipped in `Dir` (every *.yaml, sorted by name).
llvm::Expected<std::vector<std::string>> builtinRuleFiles(llvm::StringRef Dir);

} // namespace conc

#endif
