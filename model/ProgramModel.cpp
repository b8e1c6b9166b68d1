//===- model/ProgramModel.cpp - Merge, call graph, thread contexts, races -===//
//
// Functions are numbered by USR order once all facts are in, so every list
// kept by node number is also in USR order, and every traversal visits
// nodes in an order that depends only on the facts, not on the order in
// which units were added. Each context is one breadth-first search, kept
// as a bit per function; the search is run again, once per context, for
// the parent links that give the shortest call paths reported with races.
//
//===----------------------------------------------------------------------===//
#include "model/ProgramModel.h"
#include "model/FactsIO.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <iterator>
#include <optional>
#include <tuple>

namespace conc {

void ProgramModel::add(const TranslationUnitFacts &F) {
  Finalized = false;
  Functions.insert(Functions.end(), F.Functions.begin(), F.Functions.end());
  Calls.insert(Calls.end(), F.Calls.begin(), F.Calls.end());
  Overrides.insert(Overrides.end(), F.Overrides.begin(), F.Overrides.end());
  ThreadStarts.insert(ThreadStarts.end(), F.ThreadStarts.begin(), F.ThreadStarts.end());
  Variables.insert(Variables.end(), F.Variables.begin(), F.Variables.end());
  Accesses.insert(Accesses.end(), F.Accesses.begin(), F.Accesses.end());
  UnsafeCalls.insert(UnsafeCalls.end(), F.UnsafeCalls.begin(), F.UnsafeCalls.end());
  Forks.insert(Forks.end(), F.Forks.begin(), F.Forks.end());
  WorkCalls.insert(WorkCalls.end(), F.WorkCalls.begin(), F.WorkCalls.end());
  ComputeLoops.insert(ComputeLoops.end(), F.ComputeLoops.begin(), F.ComputeLoops.end());
  ProcessStarts.insert(ProcessStarts.end(), F.ProcessStarts.begin(), F.ProcessStarts.end());
  LoopedCalls.insert(LoopedCalls.end(), F.LoopedCalls.begin(), F.LoopedCalls.end());
  SiteLoops.insert(SiteLoops.end(), F.SiteLoops.begin(), F.SiteLoops.end());
  PythonEntries.insert(PythonEntries.end(), F.PythonEntries.begin(), F.PythonEntries.end());
  PythonCalls.insert(PythonCalls.end(), F.PythonCalls.begin(), F.PythonCalls.end());
  ThreadCounts.insert(ThreadCounts.end(), F.ThreadCounts.begin(), F.ThreadCounts.end());
}

void ProgramModel::reserve(llvm::ArrayRef<const TranslationUnitFacts *> Units) {
  auto Room = [&](auto &List, auto Member) {
    size_t Size = List.size();
    for (const TranslationUnitFacts *U : Units)
      Size += (U->*Member).size();
    List.reserve(Size);
  };
  using U = TranslationUnitFacts;
  Room(Functions, &U::Functions);
  Room(Calls, &U::Calls);
  Room(Overrides, &U::Overrides);
  Room(ThreadStarts, &U::ThreadStarts);
  Room(Variables, &U::Variables);
  Room(Accesses, &U::Accesses);
  Room(UnsafeCalls, &U::UnsafeCalls);
  Room(Forks, &U::Forks);
  Room(WorkCalls, &U::WorkCalls);
  Room(ComputeLoops, &U::ComputeLoops);
  Room(ProcessStarts, &U::ProcessStarts);
  Room(LoopedCalls, &U::LoopedCalls);
  Room(SiteLoops, &U::SiteLoops);
  Room(PythonEntries, &U::PythonEntries);
  Room(PythonCalls, &U::PythonCalls);
  Room(ThreadCounts, &U::ThreadCounts);
}

template <typename T> static void append(std::vector<T> &To, std::vector<T> &&From) {
  // Taking the unit's list whole would drop the room reserve() made.
  if (To.empty() && To.capacity() < From.size())
    To = std::move(From);
  else
    To.insert(To.end(), std::make_move_iterator(From.begin()),
              std::make_move_iterator(From.end()));
}

void ProgramModel::add(TranslationUnitFacts &&F) {
  Finalized = false;
  append(Functions, std::move(F.Functions));
  append(Calls, std::move(F.Calls));
  append(Overrides, std::move(F.Overrides));
  append(ThreadStarts, std::move(F.ThreadStarts));
  append(Variables, std::move(F.Variables));
  append(Accesses, std::move(F.Accesses));
  append(UnsafeCalls, std::move(F.UnsafeCalls));
  append(Forks, std::move(F.Forks));
  append(WorkCalls, std::move(F.WorkCalls));
  append(ComputeLoops, std::move(F.ComputeLoops));
  append(ProcessStarts, std::move(F.ProcessStarts));
  append(LoopedCalls, std::move(F.LoopedCalls));
  append(SiteLoops, std::move(F.SiteLoops));
  append(PythonEntries, std::move(F.PythonEntries));
  append(PythonCalls, std::move(F.PythonCalls));
  append(ThreadCounts, std::move(F.ThreadCounts));
}

void ProgramModel::finalize() {
  // Reuse the canonical sort and dedupe of the writer, so the model and the
  // facts files agree on what "the same fact" means.
  TranslationUnitFacts All;
  All.Calls = std::move(Calls);
  All.Overrides = std::move(Overrides);
  All.ThreadStarts = std::move(ThreadStarts);
  All.Accesses = std::move(Accesses);
  All.UnsafeCalls = std::move(UnsafeCalls);
  All.Forks = std::move(Forks);
  All.WorkCalls = std::move(WorkCalls);
  All.ComputeLoops = std::move(ComputeLoops);
  All.ProcessStarts = std::move(ProcessStarts);
  All.LoopedCalls = std::move(LoopedCalls);
  All.SiteLoops = std::move(SiteLoops);
  All.PythonEntries = std::move(PythonEntries);
  All.PythonCalls = std::move(PythonCalls);
  All.ThreadCounts = std::move(ThreadCounts);
  canonicalizeFacts(All);
  ThreadCounts = std::move(All.ThreadCounts);
  PythonEntries = std::move(All.PythonEntries);
  PythonCalls = std::move(All.PythonCalls);
  SiteLoops = std::move(All.SiteLoops);
  LoopedCalls = std::move(All.LoopedCalls);
  WorkCalls = std::move(All.WorkCalls);
  ComputeLoops = std::move(All.ComputeLoops);
  ProcessStarts = std::move(All.ProcessStarts);
  UnsafeCalls = std::move(All.UnsafeCalls);
  Forks = std::move(All.Forks);
  Calls = std::move(All.Calls);
  Overrides = std::move(All.Overrides);
  ThreadStarts = std::move(All.ThreadStarts);
  Accesses = std::move(All.Accesses);
  mergeFunctionsAndVariables();
  buildGraph();
  buildContexts();
  computeEntryLocks();
  findSharedClasses();
  Finalized = true;
}

/// One fact per USR. Which of several differing facts supplies the name and
/// location must not depend on the order of units: the first by (known
/// location first, location, name, ...) does.
void ProgramModel::mergeFunctionsAndVariables() {
  auto FunctionPreference = [](const FunctionFact &F) {
    return std::tuple<const std::string &, bool, const SourcePoint &, const std::string &,
                      bool>(F.Usr, F.Where.File.empty(), F.Where, F.Name,
                            F.IsProgramEntry);
  };
  llvm::sort(Functions, [&](const FunctionFact &A, const FunctionFact &B) {
    return FunctionPreference(A) < FunctionPreference(B);
  });
  std::vector<FunctionFact> MergedFunctions;
  for (FunctionFact &F : Functions) {
    if (!MergedFunctions.empty() && MergedFunctions.back().Usr == F.Usr) {
      // `main` in any unit is `main`.
      MergedFunctions.back().IsProgramEntry |= F.IsProgramEntry;
      continue;
    }
    MergedFunctions.push_back(std::move(F));
  }
  Functions = std::move(MergedFunctions);

  auto VariablePreference = [](const VariableFact &V) {
    return std::tuple<const std::string &, bool, const SourcePoint &, const std::string &,
                      const std::string &, bool, bool, bool, bool>(
        V.Usr, V.Where.File.empty(), V.Where, V.Name, V.Type, V.IsConst, V.IsAtomic,
        V.IsThreadLocal, V.IsScalar);
  };
  llvm::sort(Variables, [&](const VariableFact &A, const VariableFact &B) {
    return VariablePreference(A) < VariablePreference(B);
  });
  std::vector<VariableFact> MergedVariables;
  for (VariableFact &V : Variables) {
    if (!MergedVariables.empty() && MergedVariables.back().Usr == V.Usr) {
      // Units should agree; if they do not, assume the variable can be
      // shared and written, so that a disagreement reports rather than
      // hides a race.
      VariableFact &M = MergedVariables.back();
      M.IsConst &= V.IsConst;
      M.IsAtomic &= V.IsAtomic;
      M.IsThreadLocal &= V.IsThreadLocal;
      M.IsScalar &= V.IsScalar;
      // A fix every unit offers the same: a unit that declares it another
      // way (`extern int n;` in a header) would not compile after it.
      if (!(M.AtomicFix == V.AtomicFix) || !(M.AtomicInclude == V.AtomicInclude)) {
        M.AtomicFix = FixIt();
        M.AtomicInclude = FixIt();
      }
      continue;
    }
    MergedVariables.push_back(std::move(V));
  }
  Variables = std::move(MergedVariables);

  VariableOf.clear();
  for (unsigned I = 0; I < Variables.size(); ++I)
    VariableOf[Variables[I].Usr] = I;
}

void ProgramModel::buildGraph() {
  NodeOf.clear();
  auto Note = [&](const std::string &Usr) {
    if (!Usr.empty())
      NodeOf.try_emplace(Usr, None);
  };
  for (const FunctionFact &F : Functions)
    Note(F.Usr);
  for (const CallFact &C : Calls) {
    Note(C.CallerUsr);
    Note(C.CalleeUsr);
  }
  for (const OverrideFact &O : Overrides) {
    Note(O.MethodUsr);
    Note(O.OverriddenUsr);
  }
  for (const ThreadStartFact &S : ThreadStarts) {
    Note(S.CallerUsr);
    Note(S.EntryUsr);
  }
  for (const AccessFact &A : Accesses)
    Note(A.FunctionUsr);
  for (const UnsafeCallFact &U : UnsafeCalls)
    Note(U.CallerUsr);
  for (const ForkFact &F : Forks)
    Note(F.CallerUsr);

  NodeUsr.clear();
  for (const auto &E : NodeOf)
    NodeUsr.push_back(E.getKey());
  llvm::sort(NodeUsr);
  for (unsigned I = 0; I < NodeUsr.size(); ++I)
    NodeOf[NodeUsr[I]] = I;

  const size_t N = NodeUsr.size();
  FunctionOf.assign(N, None);
  for (unsigned I = 0; I < Functions.size(); ++I)
    if (!Functions[I].Usr.empty())
      FunctionOf[NodeOf.lookup(Functions[I].Usr)] = I;

  Succ.assign(N, {});
  for (const CallFact &C : Calls)
    if (!C.CallerUsr.empty() && !C.CalleeUsr.empty())
      Succ[NodeOf.lookup(C.CallerUsr)].push_back(NodeOf.lookup(C.CalleeUsr));
  // A call to the overridden method may run the override: an edge from the
  // one to the other makes everything that reaches the first reach the
  // second, and through chains of overrides, every overrider.
  for (const OverrideFact &O : Overrides)
    if (!O.MethodUsr.empty() && !O.OverriddenUsr.empty())
      Succ[NodeOf.lookup(O.OverriddenUsr)].push_back(NodeOf.lookup(O.MethodUsr));
  for (std::vector<unsigned> &S : Succ) {
    llvm::sort(S);
    S.erase(std::unique(S.begin(), S.end()), S.end());
  }

  // Incoming calls per node, counted then filled, so each node's list keeps
  // the canonical order of Calls.
  std::vector<unsigned> CalleeNode(Calls.size(), None);
  CallsToBegin.assign(N + 1, 0);
  for (unsigned I = 0; I < Calls.size(); ++I)
    if (!Calls[I].CalleeUsr.empty()) {
      CalleeNode[I] = NodeOf.lookup(Calls[I].CalleeUsr);
      ++CallsToBegin[CalleeNode[I] + 1];
    }
  for (size_t V = 0; V < N; ++V)
    CallsToBegin[V + 1] += CallsToBegin[V];
  CallsTo.assign(CallsToBegin[N], 0);
  std::vector<unsigned> Fill(CallsToBegin.begin(), CallsToBegin.end() - 1);
  for (unsigned I = 0; I < Calls.size(); ++I)
    if (CalleeNode[I] != None)
      CallsTo[Fill[CalleeNode[I]]++] = I;

  LoopedCallsByCallee.resize(LoopedCalls.size());
  for (unsigned I = 0; I < LoopedCalls.size(); ++I)
    LoopedCallsByCallee[I] = I;
  llvm::sort(LoopedCallsByCallee, [&](unsigned A, unsigned B) {
    return std::tie(LoopedCalls[A].CalleeUsr, A) < std::tie(LoopedCalls[B].CalleeUsr, B);
  });
}

std::vector<const CallFact *> ProgramModel::callsTo(llvm::StringRef CalleeUsr) const {
  std::vector<const CallFact *> Out;
  unsigned Node = nodeOf(CalleeUsr);
  if (Node != None && Node + 1 < CallsToBegin.size())
    for (unsigned K = CallsToBegin[Node]; K < CallsToBegin[Node + 1]; ++K)
      Out.push_back(&Calls[CallsTo[K]]);
  return Out;
}

std::vector<const LoopedCallFact *>
ProgramModel::loopedCallsTo(llvm::StringRef CalleeUsr) const {
  std::vector<const LoopedCallFact *> Out;
  auto It = llvm::partition_point(LoopedCallsByCallee, [&](unsigned I) {
    return llvm::StringRef(LoopedCalls[I].CalleeUsr) < CalleeUsr;
  });
  for (; It != LoopedCallsByCallee.end() && LoopedCalls[*It].CalleeUsr == CalleeUsr; ++It)
    Out.push_back(&LoopedCalls[*It]);
  return Out;
}

/// Neighbours are visited in ascending order (by USR), so the parent links
/// give a shortest path, the same one on every run.
void ProgramModel::search(llvm::ArrayRef<unsigned> From, llvm::BitVector &Out,
                          std::vector<unsigned> *Parent) const {
  Out.clear();
  Out.resize(NodeUsr.size());
  std::vector<unsigned> Queue;
  for (unsigned R : From)
    if (!Out.test(R)) {
      Out.set(R);
      Queue.push_back(R);
      if (Parent)
        (*Parent)[R] = R;
    }
  for (size_t Head = 0; Head < Queue.size(); ++Head) {
    unsigned V = Queue[Head];
    for (unsigned W : Succ[V])
      if (!Out.test(W)) {
        Out.set(W);
        Queue.push_back(W);
        if (Parent)
          (*Parent)[W] = V;
      }
  }
}

/// The roots of the calling thread of a library: the smallest function of
/// each strongly connected component that nothing outside it calls and that
/// holds no thread entry. For an acyclic graph these are the functions with
/// no callers; the components catch uncalled mutual recursion too.
static std::vector<unsigned> libraryRoots(const std::vector<std::vector<unsigned>> &Succ,
                                          const std::vector<char> &IsEntry) {
  const unsigned None = ~0u;
  const size_t N = Succ.size();
  // Tarjan's algorithm, iterative: call graphs can be deep enough to
  // overflow the stack.
  std::vector<unsigned> Index(N, None), Low(N, 0), Comp(N, None);
  std::vector<char> OnStack(N, 0);
  std::vector<unsigned> Stack;
  std::vector<std::pair<unsigned, unsigned>> Frames; // (node, next successor)
  unsigned Counter = 0, Comps = 0;
  for (unsigned S = 0; S < N; ++S) {
    if (Index[S] != None)
      continue;
    auto Enter = [&](unsigned V) {
      Index[V] = Low[V] = Counter++;
      Stack.push_back(V);
      OnStack[V] = 1;
      Frames.push_back({V, 0});
    };
    Enter(S);
    while (!Frames.empty()) {
      unsigned V = Frames.back().first;
      unsigned I = Frames.back().second;
      if (I < Succ[V].size()) {
        ++Frames.back().second;
        unsigned W = Succ[V][I];
        if (Index[W] == None)
          Enter(W);
        else if (OnStack[W])
          Low[V] = std::min(Low[V], Index[W]);
        continue;
      }
      if (Low[V] == Index[V]) {
        unsigned W;
        do {
          W = Stack.back();
          Stack.pop_back();
          OnStack[W] = 0;
          Comp[W] = Comps;
        } while (W != V);
        ++Comps;
      }
      Frames.pop_back();
      if (!Frames.empty())
        Low[Frames.back().first] = std::min(Low[Frames.back().first], Low[V]);
    }
  }
  std::vector<char> Excluded(Comps, 0);
  std::vector<unsigned> Smallest(Comps, None);
  for (unsigned V = 0; V < N; ++V) {
    if (IsEntry[V])
      Excluded[Comp[V]] = 1;
    Smallest[Comp[V]] = std::min(Smallest[Comp[V]], V);
    for (unsigned W : Succ[V])
      if (Comp[W] != Comp[V])
        Excluded[Comp[W]] = 1; // called from outside
  }
  std::vector<unsigned> Roots;
  for (unsigned C = 0; C < Comps; ++C)
    if (!Excluded[C])
      Roots.push_back(Smallest[C]);
  llvm::sort(Roots);
  return Roots;
}

void ProgramModel::buildContexts() {
  const size_t N = NodeUsr.size();
  std::vector<unsigned> Entries;
  for (const ThreadStartFact &S : ThreadStarts)
    if (!S.EntryUsr.empty())
      Entries.push_back(NodeOf.lookup(S.EntryUsr));
  llvm::sort(Entries);
  Entries.erase(std::unique(Entries.begin(), Entries.end()), Entries.end());
  std::vector<char> IsEntry(N, 0);
  for (unsigned E : Entries)
    IsEntry[E] = 1;

  Contexts.assign(1 + Entries.size(), ThreadContext());
  Roots.assign(Contexts.size(), {});
  Members.assign(Contexts.size(), llvm::BitVector());

  ThreadContext &Main = Contexts[0];
  Main.IsMain = true;
  for (unsigned V = 0; V < N; ++V)
    if (FunctionOf[V] != None && Functions[FunctionOf[V]].IsProgramEntry)
      Roots[0].push_back(V);
  if (!Roots[0].empty()) {
    Main.Name = nodeName(Roots[0].front());
    if (Roots[0].size() == 1)
      Main.EntryUsr = NodeUsr[Roots[0].front()].str();
  } else {
    // A library: the thread that calls into it runs every function that
    // nothing calls, except those only other threads run.
    Main.Name = "calling thread";
    Roots[0] = libraryRoots(Succ, IsEntry);
  }
  for (unsigned I = 0; I < Entries.size(); ++I) {
    ThreadContext &C = Contexts[I + 1];
    C.EntryUsr = NodeUsr[Entries[I]].str();
    C.Name = nodeName(Entries[I]);
    Roots[I + 1] = {Entries[I]};
  }
  for (unsigned C = 0; C < Contexts.size(); ++C)
    search(Roots[C], Members[C], nullptr);

  for (const ThreadStartFact &S : ThreadStarts) {
    if (S.EntryUsr.empty())
      continue;
    unsigned Entry = NodeOf.lookup(S.EntryUsr);
    unsigned C = 1 + (llvm::lower_bound(Entries, Entry) - Entries.begin());
    Contexts[C].Starts.push_back(S); // ThreadStarts is in canonical order
  }

  // How many instances: a start may run once per instance of each context
  // its caller runs in; two or more in all make the context "many". The
  // flags only ever turn on, so iterating to a fixed point terminates.
  struct Site {
    unsigned Context;
    std::vector<unsigned> CallerContexts;
  };
  std::vector<Site> Sites;
  for (unsigned C = 1; C < Contexts.size(); ++C) {
    const std::vector<ThreadStartFact> &Starts = Contexts[C].Starts;
    Contexts[C].Many =
        llvm::any_of(Starts, [](const ThreadStartFact &S) { return S.Many; });
    for (size_t I = 0; I < Starts.size(); ++I) {
      // Starts are sorted by (caller, location): one site is adjacent.
      if (I > 0 && Starts[I - 1].CallerUsr == Starts[I].CallerUsr &&
          Starts[I - 1].Where == Starts[I].Where)
        continue;
      Site S{C, {}};
      unsigned Caller = nodeOf(Starts[I].CallerUsr);
      if (Caller != None)
        for (unsigned CC = 0; CC < Contexts.size(); ++CC)
          if (Members[CC].test(Caller))
            S.CallerContexts.push_back(CC);
      Sites.push_back(std::move(S));
    }
  }
  for (bool Changed = true; Changed;) {
    Changed = false;
    std::vector<unsigned> Instances(Contexts.size(), 0);
    for (const Site &S : Sites) {
      unsigned Runs = 0;
      for (unsigned CC : S.CallerContexts)
        Runs += Contexts[CC].Many ? 2 : 1;
      Instances[S.Context] += std::max(Runs, 1u);
    }
    for (unsigned C = 1; C < Contexts.size(); ++C)
      if (!Contexts[C].Many && Instances[C] >= 2)
        Contexts[C].Many = Changed = true;
  }

  ByRank.resize(Contexts.size());
  for (unsigned C = 0; C < Contexts.size(); ++C)
    ByRank[C] = C;
  llvm::sort(ByRank, [&](unsigned A, unsigned B) {
    return std::tie(Contexts[A].Name, Contexts[A].EntryUsr, A) <
           std::tie(Contexts[B].Name, Contexts[B].EntryUsr, B);
  });
  RankOf.resize(Contexts.size());
  for (unsigned R = 0; R < ByRank.size(); ++R)
    RankOf[ByRank[R]] = R;

  HasUnstructuredStarts = false;
  StructuredParent.assign(Contexts.size(), "");
  for (unsigned C = 1; C < Contexts.size(); ++C) {
    const std::vector<ThreadStartFact> &Starts = Contexts[C].Starts;
    bool Region = !Starts.empty() && isOpenMPRegion(Contexts[C].EntryUsr);
    if (!Region)
      HasUnstructuredStarts = true;
    if (Region && llvm::all_of(Starts, [&](const ThreadStartFact &S) {
          return S.CallerUsr == Starts.front().CallerUsr;
        }))
      StructuredParent[C] = Starts.front().CallerUsr;
  }
}

bool ProgramModel::isOpenMPRegion(llvm::StringRef Usr) {
  return Usr.contains("@omp:");
}

void ProgramModel::computeEntryLocks() {
  const size_t N = NodeUsr.size();
  // Incoming edges with the locks the call holds; an override edge holds
  // what the call of the overridden method held.
  struct Edge {
    unsigned From;
    const std::vector<std::string> *Locks;
  };
  static const std::vector<std::string> NoLocks;
  std::vector<std::vector<Edge>> In(N);
  for (const CallFact &C : Calls)
    if (!C.CallerUsr.empty() && !C.CalleeUsr.empty())
      In[NodeOf.lookup(C.CalleeUsr)].push_back({NodeOf.lookup(C.CallerUsr), &C.Locks});
  for (const OverrideFact &O : Overrides)
    if (!O.MethodUsr.empty() && !O.OverriddenUsr.empty())
      In[NodeOf.lookup(O.MethodUsr)].push_back({NodeOf.lookup(O.OverriddenUsr), &NoLocks});
  std::vector<char> IsRoot(N, 0);
  for (const std::vector<unsigned> &R : Roots)
    for (unsigned V : R)
      IsRoot[V] = 1;
  // Greatest fixed point: start from "every lock" (Top) and shrink.
  std::vector<char> Top(N, 1);
  EntryLocks.assign(N, {});
  for (unsigned V = 0; V < N; ++V)
    if (IsRoot[V] || In[V].empty())
      Top[V] = 0;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (unsigned V = 0; V < N; ++V) {
      if (IsRoot[V] || In[V].empty())
        continue;
      std::optional<std::vector<std::string>> Meet;
      for (const Edge &E : In[V]) {
        if (Top[E.From])
          continue;
        std::vector<std::string> Held;
        std::set_union(EntryLocks[E.From].begin(), EntryLocks[E.From].end(),
                       E.Locks->begin(), E.Locks->end(), std::back_inserter(Held));
        if (!Meet) {
          Meet = std::move(Held);
        } else {
          std::vector<std::string> Both;
          std::set_intersection(Meet->begin(), Meet->end(), Held.begin(), Held.end(),
                                std::back_inserter(Both));
          Meet = std::move(Both);
        }
      }
      if (!Meet)
        continue;
      if (Top[V] || *Meet != EntryLocks[V]) {
        Top[V] = 0;
        EntryLocks[V] = std::move(*Meet);
        Changed = true;
      }
    }
  }
  // Code no root reaches runs in no context; its locks do not matter.
  for (unsigned V = 0; V < N; ++V)
    if (Top[V])
      EntryLocks[V].clear();
}

void ProgramModel::findSharedClasses() {
  SharedClasses.clear();
  for (unsigned C = 1; C < Contexts.size(); ++C)
    if (const FunctionFact *F = function(Contexts[C].EntryUsr))
      if (!F->ClassUsr.empty())
        SharedClasses.insert(F->ClassUsr);
}

bool ProgramModel::concurrent(unsigned CW, unsigned CO, const VariableFact &Var) const {
  // A local lives in a frame of its owner. Two threads that each run the
  // owner themselves touch two frames; a frame is shared only with the
  // threads its call started.
  if (Var.Kind == VariableKind::Local) {
    unsigned Owner = nodeOf(Var.OwnerUsr);
    if (Owner != None && Members[CW].test(Owner) && Members[CO].test(Owner))
      return false;
  }
  if (CW == CO)
    return seenBy(Contexts[CW], Var).Many;
  // Two OpenMP regions started by code that one thread runs (one instance
  // of one context) run one after the other: the thread waits at the end of
  // each. On the locals of a function whose regions they both are, always.
  const std::string &PW = StructuredParent[CW], &PO = StructuredParent[CO];
  if (!PW.empty() && !PO.empty()) {
    if (PW == PO && Var.Kind == VariableKind::Local && Var.OwnerUsr == PW)
      return false;
    std::vector<unsigned> RunW = contextsOf(PW), RunO = contextsOf(PO);
    if (RunW.size() == 1 && RunW == RunO && !Contexts[RunW.front()].Many)
      return false;
  }
  return true;
}

ThreadContext ProgramModel::seenBy(const ThreadContext &C, const VariableFact &Var) {
  if (Var.Kind != VariableKind::Local || C.IsMain)
    return C;
  // Only the threads a frame of the owner starts see its local: other
  // starts of the same entry, by other functions, are handed other locals.
  ThreadContext Own = C;
  Own.Starts.clear();
  for (const ThreadStartFact &S : C.Starts)
    if (S.CallerUsr == Var.OwnerUsr)
      Own.Starts.push_back(S);
  if (Own.Starts.empty())
    return C; // started elsewhere (a helper the owner hands the code to)
  Own.Many = false;
  for (size_t I = 0; I < Own.Starts.size(); ++I)
    Own.Many |= Own.Starts[I].Many || (I > 0 && !(Own.Starts[I].Where == Own.Starts[0].Where));
  return Own;
}

unsigned ProgramModel::nodeOf(llvm::StringRef Usr) const {
  auto It = NodeOf.find(Usr);
  return It == NodeOf.end() ? None : It->second;
}

std::string ProgramModel::readableName(llvm::StringRef Name) {
  if (!Name.starts_with("c:") || Name.contains(' '))
    return Name.str();
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Name.split(Parts, '@');
  std::string Out;
  // Markers a name follows: namespace, struct/class, union, enum, function,
  // and class or function templates ("ST>1#T", "FT>1#T"). The function's name
  // ends the qualified name; its parameter types follow.
  for (size_t I = 0; I + 1 < Parts.size(); ++I) {
    llvm::StringRef M = Parts[I];
    bool IsFunction = M == "F" || M.starts_with("FT>");
    if (!(IsFunction || M == "N" || M == "S" || M == "U" || M == "E" ||
          M.starts_with("ST>")))
      continue;
    llvm::StringRef Component = Parts[I + 1];
    Component = Component.substr(0, Component.find('#'));
    Out += (Out.empty() ? "" : "::") + Component.str();
    ++I;
    if (IsFunction)
      break;
  }
  return Out.empty() ? Name.str() : Out;
}

std::string ProgramModel::nodeName(unsigned Node) const {
  if (FunctionOf[Node] != None && !Functions[FunctionOf[Node]].Name.empty())
    return Functions[FunctionOf[Node]].Name;
  return NodeUsr[Node].str();
}

const FunctionFact *ProgramModel::function(llvm::StringRef Usr) const {
  unsigned Node = nodeOf(Usr);
  if (Node == None || FunctionOf[Node] == None)
    return nullptr;
  return &Functions[FunctionOf[Node]];
}

const VariableFact *ProgramModel::variable(llvm::StringRef Usr) const {
  auto It = VariableOf.find(Usr);
  return It == VariableOf.end() ? nullptr : &Variables[It->second];
}

std::string ProgramModel::functionName(llvm::StringRef Usr) const {
  unsigned Node = nodeOf(Usr);
  return Node == None ? Usr.str() : nodeName(Node);
}

std::vector<std::string> ProgramModel::callees(llvm::StringRef Usr) const {
  std::vector<std::string> Out;
  unsigned Node = nodeOf(Usr);
  if (Node != None)
    for (unsigned W : Succ[Node])
      Out.push_back(NodeUsr[W].str());
  return Out;
}

bool ProgramModel::FunctionSet::contains(llvm::StringRef Usr) const {
  unsigned Node = Model ? Model->nodeOf(Usr) : None;
  if (Node != None)
    return Nodes.test(Node);
  return std::binary_search(Other.begin(), Other.end(), Usr);
}

std::vector<std::string> ProgramModel::FunctionSet::usrs() const {
  // Nodes are numbered in USR order: both lists are sorted already.
  std::vector<std::string> Out;
  Out.reserve(size());
  auto O = Other.begin();
  for (unsigned V : Nodes.set_bits()) {
    llvm::StringRef Usr = Model->NodeUsr[V];
    for (; O != Other.end() && llvm::StringRef(*O) < Usr; ++O)
      Out.push_back(*O);
    Out.push_back(Usr.str());
  }
  Out.insert(Out.end(), O, Other.end());
  return Out;
}

ProgramModel::FunctionSet
ProgramModel::reachableFrom(llvm::ArrayRef<std::string> Roots) const {
  FunctionSet Set;
  Set.Model = this;
  std::vector<unsigned> From;
  for (const std::string &R : Roots) {
    unsigned Node = nodeOf(R);
    if (Node != None)
      From.push_back(Node);
    else
      Set.Other.push_back(R);
  }
  llvm::sort(Set.Other);
  Set.Other.erase(std::unique(Set.Other.begin(), Set.Other.end()), Set.Other.end());
  // A thread entry's reach is its context's members, found once in
  // buildContexts (Roots[C] == {entry} for C >= 1, in entry order): asked of
  // every thread site, a new search each time is quadratic in the program.
  if (Finalized && From.size() == 1 && Contexts.size() > 1) {
    const std::vector<std::vector<unsigned>> &ContextRoots = this->Roots;
    auto It = std::lower_bound(ContextRoots.begin() + 1, ContextRoots.end(), From.front(),
                               [](const std::vector<unsigned> &R, unsigned Node) {
                                 return R.front() < Node;
                               });
    if (It != ContextRoots.end() && It->size() == 1 && It->front() == From.front()) {
      Set.Nodes = Members[It - ContextRoots.begin()];
      return Set;
    }
  }
  search(From, Set.Nodes, nullptr);
  return Set;
}

std::vector<unsigned> ProgramModel::contextsOf(llvm::StringRef FunctionUsr) const {
  std::vector<unsigned> Out;
  unsigned Node = nodeOf(FunctionUsr);
  if (Node != None)
    for (unsigned C = 0; C < Members.size(); ++C)
      if (Members[C].test(Node))
        Out.push_back(C);
  return Out;
}

std::vector<ThreadStartFact> ProgramModel::programStarts(llvm::StringRef FunctionUsr) const {
  unsigned Node = nodeOf(FunctionUsr);
  std::vector<unsigned> Mains;
  for (unsigned R : Roots.empty() ? std::vector<unsigned>() : Roots[0])
    if (FunctionOf[R] != None && Functions[FunctionOf[R]].IsProgramEntry)
      Mains.push_back(R);
  if (Node == None || Mains.empty())
    return ThreadStarts;
  // Per main: the code it runs, closed over the threads that code starts.
  std::vector<char> Counted(ThreadStarts.size(), 0);
  bool Reached = false;
  llvm::BitVector Runs, More;
  for (unsigned M : Mains) {
    search({M}, Runs, nullptr);
    for (bool Grew = true; Grew;) {
      Grew = false;
      std::vector<unsigned> Entries;
      for (const ThreadStartFact &S : ThreadStarts) {
        unsigned Caller = nodeOf(S.CallerUsr), Entry = nodeOf(S.EntryUsr);
        if (Caller != None && Entry != None && Runs.test(Caller) && !Runs.test(Entry))
          Entries.push_back(Entry);
      }
      if (!Entries.empty()) {
        search(Entries, More, nullptr);
        Runs |= More;
        Grew = true;
      }
    }
    if (!Runs.test(Node))
      continue;
    Reached = true;
    for (size_t I = 0; I < ThreadStarts.size(); ++I) {
      unsigned Caller = nodeOf(ThreadStarts[I].CallerUsr);
      if (Caller != None && Runs.test(Caller))
        Counted[I] = 1;
    }
  }
  if (!Reached)
    return ThreadStarts;
  std::vector<ThreadStartFact> Out;
  for (size_t I = 0; I < ThreadStarts.size(); ++I)
    if (Counted[I])
      Out.push_back(ThreadStarts[I]);
  return Out;
}

std::vector<std::string> ProgramModel::functionsOf(unsigned Context) const {
  std::vector<std::string> Out;
  if (Context < Members.size())
    for (unsigned V : Members[Context].set_bits())
      Out.push_back(NodeUsr[V].str());
  return Out;
}

std::vector<std::string> ProgramModel::pathFrom(const std::vector<unsigned> &Parent,
                                                unsigned Node) const {
  std::vector<std::string> Path;
  for (;;) {
    Path.push_back(nodeName(Node));
    if (Parent[Node] == Node)
      break;
    Node = Parent[Node];
  }
  std::reverse(Path.begin(), Path.end());
  return Path;
}

std::vector<std::string> ProgramModel::callPath(unsigned Context,
                                                llvm::StringRef FunctionUsr) const {
  unsigned Node = nodeOf(FunctionUsr);
  if (Node == None || Context >= Members.size() || !Members[Context].test(Node))
    return {};
  // The parent links are not kept: the search is repeated, so that the
  // model holds bits, not a node per node per context.
  llvm::BitVector Seen;
  std::vector<unsigned> Parent(NodeUsr.size(), None);
  search(Roots[Context], Seen, &Parent);
  return pathFrom(Parent, Node);
}

/// The scale of an element's subscript (AccessFact::IndexVar): the number
/// after '*' in "counter#dimension*scale", else 1.
static long long indexScale(llvm::StringRef IndexVar) {
  long long Scale = 1;
  size_t Star = IndexVar.rfind('*');
  if (Star == llvm::StringRef::npos || IndexVar.substr(Star + 1).getAsInteger(10, Scale) ||
      Scale == 0)
    return 1;
  return Scale;
}

/// Location first, so that the reported race is the first in the source.
static bool accessLess(const AccessFact &A, const AccessFact &B) {
  if (!(A.Where == B.Where))
    return A.Where < B.Where;
  return factLess(A, B);
}

static bool disjoint(const std::vector<std::string> &A,
                     const std::vector<std::string> &B) {
  // Both sorted (canonicalizeFacts).
  for (auto I = A.begin(), J = B.begin(); I != A.end() && J != B.end();) {
    if (*I == *J)
      return false;
    if (*I < *J)
      ++I;
    else
      ++J;
  }
  return true;
}

bool ProgramModel::sequentialAlone(const AccessFact &A, const VariableFact &Var,
                                   unsigned Node, std::pair<unsigned, unsigned> Top) const {
  // Only the threads its own function starts can reach a local.
  if (Var.Kind == VariableKind::Local)
    return A.FunctionUsr == Var.OwnerUsr;
  // Before main starts a thread, and after it joined them, there is one.
  if (FunctionOf[Node] != None && Functions[FunctionOf[Node]].IsProgramEntry)
    return true;
  // In a program whose only threads are OpenMP teams, code that only the
  // main thread runs, outside its regions, runs alone.
  return !HasUnstructuredStarts && Top.second == None && Contexts[ByRank[Top.first]].IsMain &&
         !Contexts[ByRank[Top.first]].Many;
}

std::vector<Race> ProgramModel::findRaces() const {
  assert(Finalized && "findRaces() before finalize()");
  std::vector<Race> Races;
  if (!Finalized)
    return Races;

  std::vector<std::vector<unsigned>> ByVariable(Variables.size());
  for (unsigned I = 0; I < Accesses.size(); ++I) {
    auto It = VariableOf.find(Accesses[I].VariableUsr);
    if (It != VariableOf.end())
      ByVariable[It->second].push_back(I);
  }

  // The smallest racing pair of contexts (CA in A's, CB in B's, by rank)
  // needs only the first two contexts of each side by rank: the first of
  // each, unless they are one context that runs once; then the second of
  // one side. So accesses with the same first two contexts and the same
  // locks race with the same partners, and only the first of such a group
  // (by location) can be in the reported pair: groups, not accesses, are
  // paired, which keeps a variable accessed in thousands of places cheap.
  using TopTwo = std::pair<unsigned, unsigned>; // ranks; None if absent
  std::vector<TopTwo> TopOf(NodeUsr.size(), {None, None});
  std::vector<char> TopDone(NodeUsr.size(), 0);
  auto Top = [&](unsigned Node) {
    if (!TopDone[Node]) {
      TopDone[Node] = 1;
      for (unsigned R = 0; R < ByRank.size(); ++R)
        if (Members[ByRank[R]].test(Node)) {
          if (TopOf[Node].first == None) {
            TopOf[Node].first = R;
          } else {
            TopOf[Node].second = R;
            break;
          }
        }
    }
    return TopOf[Node];
  };
  // The smallest pair (by rank) of a context from `W` and one from `O`
  // that may run at the same time, or None.
  auto BestPair = [&](TopTwo W, TopTwo O,
                      const VariableFact &Var) -> std::pair<unsigned, unsigned> {
    for (unsigned RW : {W.first, W.second})
      for (unsigned RO : {O.first, O.second})
        if (RW != None && RO != None && concurrent(ByRank[RW], ByRank[RO], Var))
          return {RW, RO};
    return {None, None};
  };

  // What, besides contexts and locks, decides whether two accesses can
  // run at once (Facts.h, AccessFact): the OpenMP phase, the element of
  // the divided loop, one thread of the team, task completion,
  // the flags that order them (spin-waits).
  using Refinement = std::tuple<std::string, int, std::string, long long, std::string,
                                std::vector<std::string>, std::vector<std::string>,
                                std::string, int, bool>;
  auto RefinementOf = [](const AccessFact &A) {
    return Refinement(A.Phase >= 0 ? A.FunctionUsr : "", A.Phase, A.IndexVar,
                      A.IndexOffset, A.OneThread, A.Releases, A.Acquires,
                      A.TaskGenerator, A.TaskEpoch, A.InTask);
  };
  auto MayConflict = [](const Refinement &W, const Refinement &O) {
    const auto &[WFn, WPhase, WIndex, WOffset, WOne, WReleases, WAcquires, WGen, WEpoch,
                 WInTask] = W;
    const auto &[OFn, OPhase, OIndex, OOffset, OOne, OReleases, OAcquires, OGen, OEpoch,
                 OInTask] = O;
    if (!WGen.empty() && WGen == OGen &&
        ((WInTask && OEpoch > WEpoch) || (OInTask && WEpoch > OEpoch)))
      return false; // a taskwait or the end of a taskgroup completed the task
    if (!disjoint(WReleases, OAcquires) || !disjoint(OReleases, WAcquires))
      return false; // one thread sets a flag after the one, another waits for it
    if (!WFn.empty() && WFn == OFn && WPhase != OPhase)
      return false; // a barrier between them
    if (!WIndex.empty() && WIndex == OIndex && WOffset == OOffset)
      return false; // one iteration's own element
    if (!WIndex.empty() && WIndex == OIndex && (WOffset - OOffset) % indexScale(WIndex) != 0)
      return false; // a[2*i] and a[2*i+1]: no iteration's element is another's
    if (!WOne.empty() && WOne == OOne)
      return false; // one thread runs both, in program order
    return true;
  };

  struct Group {
    TopTwo Contexts;
    const std::vector<std::string> *Locks;
    const Refinement *How;
    const AccessFact *MinWrite = nullptr;
    const AccessFact *MinAny = nullptr;
  };
  struct Candidate {
    const AccessFact *Write, *Other;
    unsigned WriteRank, OtherRank;
  };
  auto CandidateLess = [](const Candidate &A, const Candidate &B) {
    if (!(A.Write->Where == B.Write->Where))
      return A.Write->Where < B.Write->Where;
    if (!(A.Other->Where == B.Other->Where))
      return A.Other->Where < B.Other->Where;
    if (std::tie(A.WriteRank, A.OtherRank) != std::tie(B.WriteRank, B.OtherRank))
      return std::tie(A.WriteRank, A.OtherRank) < std::tie(B.WriteRank, B.OtherRank);
    if (accessLess(*A.Write, *B.Write) || accessLess(*B.Write, *A.Write))
      return accessLess(*A.Write, *B.Write);
    return accessLess(*A.Other, *B.Other);
  };

  // Paths are found after all races, one search per context.
  struct PathRequest {
    unsigned Context, Node, Race;
    bool ForWrite;
  };
  std::vector<PathRequest> Requests;

  for (unsigned VI = 0; VI < Variables.size(); ++VI) {
    const VariableFact &Var = Variables[VI];
    if (Var.IsConst || Var.IsAtomic || Var.IsThreadLocal)
      continue;
    // A member is shared when its object is a thread's (its class's method
    // is a thread entry), or when some access holds a mutex member of the
    // same class: the object locks itself because other threads use it
    // (RacerD reasons the same way).
    if (Var.Kind == VariableKind::Field && !SharedClasses.count(Var.OwnerUsr) &&
        llvm::none_of(ByVariable[VI], [&](unsigned AI) {
          unsigned Node = nodeOf(Accesses[AI].FunctionUsr);
          auto OwnLock = [&](const std::string &Lock) {
            return llvm::StringRef(Lock).starts_with(Var.OwnerUsr + "@FI@");
          };
          return llvm::any_of(Accesses[AI].Locks, OwnLock) ||
                 (Node != None && llvm::any_of(EntryLocks[Node], OwnLock));
        }))
      continue;
    using GroupKey =
        std::tuple<unsigned, unsigned, std::vector<std::string>, Refinement>;
    std::map<GroupKey, Group> Groups;
    for (unsigned AI : ByVariable[VI]) {
      const AccessFact &A = Accesses[AI];
      unsigned Node = nodeOf(A.FunctionUsr);
      if (Node == None)
        continue;
      TopTwo T = Top(Node);
      if (T.first == None)
        continue; // runs in no context
      if (A.Sequential && sequentialAlone(A, Var, Node, T))
        continue;
      std::vector<std::string> Locks;
      std::set_union(A.Locks.begin(), A.Locks.end(), EntryLocks[Node].begin(),
                     EntryLocks[Node].end(), std::back_inserter(Locks));
      auto [It, New] =
          Groups.try_emplace({T.first, T.second, std::move(Locks), RefinementOf(A)});
      Group &G = It->second;
      if (New) {
        G.Contexts = T;
        G.Locks = &std::get<2>(It->first);
        G.How = &std::get<3>(It->first);
      }
      if (!G.MinAny || accessLess(A, *G.MinAny))
        G.MinAny = &A;
      if (A.IsWrite && (!G.MinWrite || accessLess(A, *G.MinWrite)))
        G.MinWrite = &A;
    }

    std::vector<const Group *> Writes, Others;
    for (const auto &KV : Groups) {
      if (KV.second.MinWrite)
        Writes.push_back(&KV.second);
      Others.push_back(&KV.second);
    }
    llvm::sort(Writes, [](const Group *A, const Group *B) {
      return accessLess(*A->MinWrite, *B->MinWrite);
    });
    llvm::sort(Others, [](const Group *A, const Group *B) {
      return accessLess(*A->MinAny, *B->MinAny);
    });
    std::optional<Candidate> Best;
    for (const Group *W : Writes) {
      // Sorted by location: a later write cannot come first any more.
      if (Best && Best->Write->Where < W->MinWrite->Where)
        break;
      for (const Group *O : Others) {
        if (Best && Best->Write->Where == W->MinWrite->Where &&
            Best->Other->Where < O->MinAny->Where)
          break;
        if (!disjoint(*W->Locks, *O->Locks))
          continue;
        if (!MayConflict(*W->How, *O->How))
          continue;
        auto [CW, CO] = BestPair(W->Contexts, O->Contexts, Var);
        if (CW == None)
          continue;
        Candidate C{W->MinWrite, O->MinAny, CW, CO};
        if (!Best || CandidateLess(C, *Best))
          Best = C;
      }
    }
    if (!Best)
      continue;
    Race R;
    R.Variable = Var;
    R.Write = *Best->Write;
    R.Other = *Best->Other;
    R.WriteContext = seenBy(Contexts[ByRank[Best->WriteRank]], Var);
    R.OtherContext = seenBy(Contexts[ByRank[Best->OtherRank]], Var);
    Requests.push_back({ByRank[Best->WriteRank], nodeOf(R.Write.FunctionUsr),
                        unsigned(Races.size()), true});
    Requests.push_back({ByRank[Best->OtherRank], nodeOf(R.Other.FunctionUsr),
                        unsigned(Races.size()), false});
    Races.push_back(std::move(R));
  }

  llvm::sort(Requests, [](const PathRequest &A, const PathRequest &B) {
    return A.Context < B.Context;
  });
  llvm::BitVector Seen;
  std::vector<unsigned> Parent(NodeUsr.size(), None);
  for (size_t I = 0; I < Requests.size(); ++I) {
    const PathRequest &Q = Requests[I];
    if (I == 0 || Requests[I - 1].Context != Q.Context)
      search(Roots[Q.Context], Seen, &Parent);
    Race &R = Races[Q.Race];
    (Q.ForWrite ? R.WritePath : R.OtherPath) = pathFrom(Parent, Q.Node);
  }
  return Races;
}

} // namespace conc
