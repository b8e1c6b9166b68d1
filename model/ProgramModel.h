//===- model/ProgramModel.h - The whole program, merged from its units ----===//
//
// The reduce step of the analysis (DESIGN.md, "Data flow"): the facts of
// every translation unit, merged by USR, with the call graph and the thread
// contexts over them: which functions run on which threads, and whether a
// thread may run in more than one instance at once. Conclusions that need
// the whole program (shared state, fork in a threaded program, ...) are
// drawn here, never in a single unit.
//
// Everything is deterministic: the model depends only on the set of facts
// added, never on the order of the units or of the facts within them.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_MODEL_PROGRAMMODEL_H
#define CONC_MODEL_PROGRAMMODEL_H

#include "model/Facts.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <set>
#include <string>
#include <vector>

namespace conc {

/// A thread of execution the program may have: the main thread (or, in a
/// library without `main`, the thread that calls into it), or a thread,
/// task or OpenMP team that runs one entry function.
struct ThreadContext {
  /// The entry function. For the main context: the program entry when there
  /// is exactly one, else empty (a library; several programs).
  std::string EntryUsr;
  /// The entry's FunctionFact name, or its USR when no unit defined it; the
  /// main context is named after `main`, or "calling thread" in a library.
  std::string Name;
  /// More than one instance may run at once: a start is marked Many, there
  /// are two or more start sites (caller and location), or a start's caller
  /// runs in a context that is itself many or in two or more contexts.
  bool Many = false;
  bool IsMain = false;
  /// The starts of this context, in canonical order (empty for main).
  std::vector<ThreadStartFact> Starts;
};

/// Two accesses to one variable that may run at the same time on different
/// threads (or on two instances of one), at least one a write, with no
/// common lock.
struct Race {
  VariableFact Variable;
  AccessFact Write;
  AccessFact Other; ///< May be `Write` itself, run by two threads at once.
  ThreadContext WriteContext;
  ThreadContext OtherContext;
  /// Function names from the context's entry (or the main root it was
  /// reached from) to the accessing function, both included.
  std::vector<std::string> WritePath;
  std::vector<std::string> OtherPath;
};

class ProgramModel {
public:
  /// Adds the facts of one unit. Call finalize() after the last add().
  void add(const TranslationUnitFacts &Facts);
  /// The same, moving the facts: a whole program's facts are large.
  void add(TranslationUnitFacts &&Facts);
  /// Makes room for the facts of `Units` before they are added: growing
  /// the lists unit by unit moves every fact several times (a tenth of the
  /// merge of 3,000 units).
  void reserve(llvm::ArrayRef<const TranslationUnitFacts *> Units);
  /// Merges, dedupes and sorts the facts and builds the call graph and the
  /// thread contexts. May be called again after more add()s.
  void finalize();

  // The merged facts, sorted in canonical order (factLess), after finalize().
  // A function or variable seen in several units is one fact: its name and
  // location come from the first by (known location, location, name), a
  // program entry if any unit says so; a variable is const, atomic, thread
  // local or scalar only if every unit says so.
  const std::vector<FunctionFact> &functions() const { return Functions; }
  const std::vector<CallFact> &calls() const { return Calls; }
  const std::vector<OverrideFact> &overrides() const { return Overrides; }
  const std::vector<ThreadStartFact> &threadStarts() const { return ThreadStarts; }
  const std::vector<VariableFact> &variables() const { return Variables; }
  const std::vector<AccessFact> &accesses() const { return Accesses; }
  const std::vector<UnsafeCallFact> &unsafeCalls() const { return UnsafeCalls; }
  const std::vector<ForkFact> &forks() const { return Forks; }
  const std::vector<WorkCallFact> &workCalls() const { return WorkCalls; }
  const std::vector<ComputeLoopFact> &computeLoops() const { return ComputeLoops; }
  const std::vector<ProcessStartFact> &processStarts() const { return ProcessStarts; }
  const std::vector<LoopedCallFact> &loopedCalls() const { return LoopedCalls; }
  const std::vector<SiteLoopFact> &siteLoops() const { return SiteLoops; }
  const std::vector<PythonEntryFact> &pythonEntries() const { return PythonEntries; }
  const std::vector<PythonCallFact> &pythonCalls() const { return PythonCalls; }
  const std::vector<ThreadCountFact> &threadCounts() const { return ThreadCounts; }

  /// For messages: a name as it is, or, for a USR (a function no unit
  /// defined, such as a pure virtual one), the qualified name it spells
  /// ("c:@N@leveldb@S@Env@F@GetChildren#..." -> "leveldb::Env::GetChildren").
  static std::string readableName(llvm::StringRef NameOrUsr);

  /// The code of an OpenMP region (FactExtractor's openmpRegionUsr).
  static bool isOpenMPRegion(llvm::StringRef Usr);

  /// The merged fact, or null when no unit defined it.
  const FunctionFact *function(llvm::StringRef Usr) const;
  const VariableFact *variable(llvm::StringRef Usr) const;
  /// The function's name for messages: its FunctionFact's, else the USR.
  std::string functionName(llvm::StringRef Usr) const;

  /// Calls and override edges out of `Usr` (a call to a virtual method may
  /// run any of its overriders), sorted by USR.
  std::vector<std::string> callees(llvm::StringRef Usr) const;

  /// The call facts whose callee is `CalleeUsr`, in canonical order (as
  /// calls() lists them). An index, not a scan of calls(): checks ask it
  /// per thread site and per function, and a scan each time made the
  /// merge of 10,000 units quadratic.
  std::vector<const CallFact *> callsTo(llvm::StringRef CalleeUsr) const;
  /// The looped-call facts whose callee is `CalleeUsr`, in canonical order.
  std::vector<const LoopedCallFact *> loopedCallsTo(llvm::StringRef CalleeUsr) const;

  /// A set of functions as one bit per node of the call graph (and the
  /// USRs no fact names, kept as strings). Reachability is asked of every
  /// thread entry and process child; over a program of 10^5 functions a set
  /// of strings per question is what made that quadratic in allocations.
  class FunctionSet {
  public:
    bool contains(llvm::StringRef Usr) const;
    size_t size() const { return Nodes.count() + Other.size(); }
    /// The USRs, sorted.
    std::vector<std::string> usrs() const;

  private:
    friend class ProgramModel;
    const ProgramModel *Model = nullptr;
    llvm::BitVector Nodes;
    std::vector<std::string> Other; ///< sorted, unique
  };
  /// Every function `Roots` reach through calls and override edges (as
  /// callees() gives them), the roots themselves included.
  FunctionSet reachableFrom(llvm::ArrayRef<std::string> Roots) const;

  /// All contexts: [0] is the main context, the others are sorted by entry
  /// USR.
  const std::vector<ThreadContext> &contexts() const { return Contexts; }
  /// Indices into contexts() of those that may run `FunctionUsr`, ascending.
  std::vector<unsigned> contextsOf(llvm::StringRef FunctionUsr) const;
  /// USRs of the functions context `Context` runs, sorted.
  std::vector<std::string> functionsOf(unsigned Context) const;
  /// The shortest call path (function names, entry or main root first) by
  /// which context `Context` reaches `FunctionUsr`; empty if it does not.
  std::vector<std::string> callPath(unsigned Context, llvm::StringRef FunctionUsr) const;

  /// The thread starts of the program(s) that run `FunctionUsr`: those made
  /// by code some `main` reaching it runs, directly or on threads it starts
  /// (transitively). A compile database often holds several programs;
  /// another program's threads do not run beside this one. When no `main`
  /// reaches the function (a library), every start. Canonical order.
  std::vector<ThreadStartFact> programStarts(llvm::StringRef FunctionUsr) const;

  /// After finalize(): at most one race per variable that is not const,
  /// atomic or thread-local, sorted by variable USR. Of the racing pairs of
  /// a variable the smallest by (write location, other location, context
  /// names, context entry USRs, the accesses' other fields) is reported. An
  /// access races with itself when its function runs in two contexts, or in
  /// one that is many. Accesses `main` makes before it starts a thread race
  /// with nothing.
  std::vector<Race> findRaces() const;

private:
  static constexpr unsigned None = ~0u;

  // Facts as added; merged in finalize().
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
  std::vector<ProcessStartFact> ProcessStarts;
  std::vector<LoopedCallFact> LoopedCalls;
  std::vector<SiteLoopFact> SiteLoops;
  std::vector<PythonEntryFact> PythonEntries;
  std::vector<PythonCallFact> PythonCalls;
  std::vector<ThreadCountFact> ThreadCounts;
  bool Finalized = false;

  // The graph. Nodes are every USR a function fact, call, override, start
  // or access names, numbered in USR order so that sorting by node is
  // sorting by USR.
  llvm::StringMap<unsigned> NodeOf;
  std::vector<llvm::StringRef> NodeUsr; ///< Keys of NodeOf.
  std::vector<unsigned> FunctionOf;     ///< Node -> index in Functions or None.
  std::vector<std::vector<unsigned>> Succ;
  /// Node -> indices into Calls of the calls to it, ascending: CallsToBegin
  /// [Node] .. CallsToBegin[Node + 1] in CallsTo.
  std::vector<unsigned> CallsToBegin, CallsTo;
  /// Indices into LoopedCalls by (callee USR, index): looped calls may name
  /// USRs that are no node of the graph.
  std::vector<unsigned> LoopedCallsByCallee;
  llvm::StringMap<unsigned> VariableOf; ///< USR -> index in Variables.

  std::vector<ThreadContext> Contexts;
  /// The roots each context's search starts from (main: its roots; a
  /// thread: its entry), ascending.
  std::vector<std::vector<unsigned>> Roots;
  /// Per context, the nodes it runs: one bit per node. A thread often
  /// reaches much of the program (logging, containers), and bits keep
  /// hundreds of such contexts over 10^5 functions small.
  std::vector<llvm::BitVector> Members;
  /// Contexts in the order races are chosen by: name, then entry USR.
  std::vector<unsigned> ByRank;
  std::vector<unsigned> RankOf;

  /// Per node: the locks every call to it holds (a thread entry or root:
  /// none), sorted. A helper that runs only under its callers' lock is
  /// protected by it.
  std::vector<std::vector<std::string>> EntryLocks;
  /// Per context: for an OpenMP region, the function that runs it (its
  /// regions run one after another); else empty.
  std::vector<std::string> StructuredParent;
  /// Some start is not an OpenMP region (a std::thread, a pool task): code
  /// outside regions may then run beside other threads.
  bool HasUnstructuredStarts = false;
  /// Classes whose objects are shared with a thread: one of their methods
  /// is a thread entry. (Members of other classes are shared when some
  /// access holds a lock, as Infer's RacerD infers a class means to be
  /// thread-safe: see findRaces.)
  std::set<std::string> SharedClasses;

  void mergeFunctionsAndVariables();
  void buildGraph();
  void buildContexts();
  void computeEntryLocks();
  void findSharedClasses();
  /// A sequential access (AccessFact::Sequential) that no other thread can
  /// run beside. `Top` holds the first two contexts of its function by rank.
  bool sequentialAlone(const AccessFact &A, const VariableFact &Var, unsigned Node,
                       std::pair<unsigned, unsigned> Top) const;
  /// Context `C` as variable `Var` sees it: for a local, the starts its
  /// owner function makes (a local is its frame's; how many instances of the
  /// thread share it depends on those starts alone). Else `C` itself.
  static ThreadContext seenBy(const ThreadContext &C, const VariableFact &Var);
  /// Two accesses in contexts `CW` and `CO` may run at the same time.
  bool concurrent(unsigned CW, unsigned CO, const VariableFact &Var) const;
  /// Breadth-first search from `From`; sets the bits of `Out`, and when
  /// `Parent` is given, each reached node's parent (a root's is itself).
  void search(llvm::ArrayRef<unsigned> From, llvm::BitVector &Out,
              std::vector<unsigned> *Parent) const;
  std::vector<std::string> pathFrom(const std::vector<unsigned> &Parent,
                                    unsigned Node) const;
  unsigned nodeOf(llvm::StringRef Usr) const;
  std::string nodeName(unsigned Node) const;
};

} // namespace conc

#endif
