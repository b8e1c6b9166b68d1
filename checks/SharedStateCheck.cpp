//===- checks/SharedStateCheck.cpp - conc-shared-state ---------------------===//
#include "checks/SharedStateCheck.h"

#include "checks/ThreadWording.h"
#include "model/ProgramModel.h"

#include "llvm/ADT/StringExtras.h"

#include <optional>
#include <set>

namespace conc {

static std::string accessVerb(const AccessFact &A) {
  return A.IsWrite ? "written" : "read";
}

/// The fix for a race inside an OpenMP region, in OpenMP's own terms.
static std::string openmpAdvice(const Race &R) {
  const AccessFact &W = R.Write, &O = R.Other;
  if (!W.IndexVar.empty() && W.IndexVar == O.IndexVar)
    return "one iteration writes an element another iteration uses (a loop-carried "
           "dependence): the iterations cannot run in parallel as written";
  if (R.Variable.IsScalar && W.IsReadModifyWrite && (!O.IsWrite || O.IsReadModifyWrite))
    return "use a reduction clause, or '#pragma omp atomic'";
  if (R.Variable.Kind == VariableKind::Local && W.IsWrite && !W.IsReadModifyWrite)
    return "make it private to each thread (a private or lastprivate clause), or "
           "guard it with '#pragma omp critical'";
  return "guard every access with '#pragma omp critical' (or atomic), or separate "
         "them with a barrier";
}

/// The fix for the variable's kind: one-for-one where there is one.
static std::string advice(const VariableFact &V, bool CounterLike) {
  if (CounterLike)
    return "make it std::atomic<" + V.Type + ">";
  switch (V.Kind) {
  case VariableKind::Local:
    return V.IsScalar ? "make it std::atomic<" + V.Type +
                            ">, or guard every access with one mutex"
                      : "guard every access with one mutex, or give each thread its own "
                        "copy (capture it by value)";
  case VariableKind::Field:
    return V.IsScalar ? "guard every access with the mutex that guards the object, or "
                        "make it std::atomic<" + V.Type + ">"
                      : "guard every access with the mutex that guards the object";
  case VariableKind::Global:
    break;
  }
  return "guard every access with one mutex, or give each thread its own copy "
         "(thread_local)";
}

/// Variables some access of which would not compile, or would not be one
/// atomic operation, on std::atomic<T> (AccessFact::AtomicReady).
static std::set<std::string> notAtomicReady(const ProgramModel &Model) {
  std::set<std::string> Out;
  for (const AccessFact &A : Model.accesses())
    if (!A.AtomicReady)
      Out.insert(A.VariableUsr);
  return Out;
}

void SharedStateCheck::concludeProgram(const ProgramModel &Model) {
  std::optional<std::set<std::string>> NotReady;
  for (const Race &R : Model.findRaces()) {
    const VariableFact &V = R.Variable;
    bool SameAccess = R.Write.Where == R.Other.Where;
    std::string Message = "'" + V.Name + "' is written on " + describeContext(R.WriteContext);
    if (SameAccess)
      Message += ", which may run in several instances at once,";
    else if (R.WriteContext.Name == R.OtherContext.Name &&
             R.WriteContext.EntryUsr == R.OtherContext.EntryUsr)
      Message += " and " + accessVerb(R.Other) + " on another instance of it";
    else
      Message += " and " + accessVerb(R.Other) + " on " + describeContext(R.OtherContext);
    Message += " with no lock held in common";
    // The advice: the one-for-one fix where there is one.
    bool CounterLike = V.Kind != VariableKind::Field && V.IsScalar &&
                       R.Write.IsReadModifyWrite &&
                       (!R.Other.IsWrite || R.Other.IsReadModifyWrite);
    bool InRegion = ProgramModel::isOpenMPRegion(R.Write.FunctionUsr) &&
                    ProgramModel::isOpenMPRegion(R.Other.FunctionUsr);
    Message += "; " + (InRegion ? openmpAdvice(R) : advice(V, CounterLike));

    Finding &F = report(R.Write.Where, Message);
    // The fix-it, where the declaration allows it (VariableFact::AtomicFix)
    // and every access in the program is one std::atomic<T> has.
    if (CounterLike && V.Kind == VariableKind::Global && !V.AtomicFix.Replacement.empty()) {
      if (!NotReady)
        NotReady = notAtomicReady(Model);
      if (!NotReady->count(V.Usr)) {
        if (!V.AtomicInclude.Replacement.empty())
          F.Fixes.push_back(V.AtomicInclude);
        F.Fixes.push_back(V.AtomicFix);
      }
    }
    if (!SameAccess)
      F.Notes.push_back({R.Other.Where, "'" + V.Name + "' is " + accessVerb(R.Other) +
                                            " here on " + describeContext(R.OtherContext)});
    auto NoteContext = [&](const ThreadContext &C, const std::vector<std::string> &Path,
                           const AccessFact &Access) {
      if (!C.Starts.empty())
        F.Notes.push_back({C.Starts.front().Where,
                           describeContext(C) + " is started here" +
                               (C.Many ? " (several may run at once)" : "")});
      if (Path.size() > 1)
        F.Notes.push_back({C.Starts.empty() ? Access.Where : C.Starts.front().Where,
                           "call path: " + callPathText(Path)});
    };
    NoteContext(R.WriteContext, R.WritePath, R.Write);
    if (!SameAccess && R.OtherContext.Name != R.WriteContext.Name)
      NoteContext(R.OtherContext, R.OtherPath, R.Other);
    if (V.Where.Line)
      F.Notes.push_back({V.Where, "'" + V.Name + "' is declared here"});
    F.Properties["variable"] = V.Name;
    F.Properties["write-context"] = R.WriteContext.Name;
    F.Properties["other-context"] = R.OtherContext.Name;
    F.Properties["suggested-fix"] =
        InRegion      ? "openmp"
        : CounterLike ? "atomic"
                    : V.Kind == VariableKind::Global ? "mutex-or-thread_local" : "mutex";
  }
}

} // namespace conc
