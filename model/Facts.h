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
constexpr int FactsVersion = 1;

/// A function (or a unit of code that runs as one: a lambda's call operator,
/// an OpenMP parallel region, whose USR is its function's USR + "@omp:L:C").
struct FunctionFact {
  std::string Usr;
  std::string Name; ///< For messages: 'logingest::Listener::run', 'lambda at a.cpp:3:9'.
  SourcePoint Where;
  bool IsProgramEntry = false; ///< `main`
};

/// A call from one function to another, as written (a virtual call names the
/// static callee; overrides are facts of their own).
struct CallFact {
  std::string CallerUsr;
  std::string CalleeUsr;
  SourcePoint Where;
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

/// A variable whose storage outlives a function call: a global, a
/// namespace-scope or function-local static, a static data member.
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
  /// Locks held at the access (each the USR of the mutex variable or
  /// field), sorted and unique.
  std::vector<std::string> Locks;
  /// The access happens in the function before it starts any thread
  /// (in source order, not in a loop): a start happens after it.
  bool BeforeThreadStart = false;
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
};

} // namespace conc

#endif
