//===- checks/SharedStateCheck.cpp - conc-shared-state ---------------------===//
#include "checks/SharedStateCheck.h"

#include "model/ProgramModel.h"

#include "llvm/ADT/StringExtras.h"

namespace conc {

static std::string describeContext(const ThreadContext &C) {
  if (C.IsMain)
    return C.Name == "calling thread" ? "the calling thread" : "the main thread";
  return "the thread running '" + C.Name + "'";
}

static std::string accessVerb(const AccessFact &A) {
  return A.IsWrite ? "written" : "read";
}

void SharedStateCheck::concludeProgram(const ProgramModel &Model) {
  for (const Race &R : Model.findRaces()) {
    const VariableFact &V = R.Variable;
    bool SameAccess = R.Write.Where == R.Other.Where;
    std::string Message = "'" + V.Name + "' is written on " + describeContext(R.WriteContext);
    if (SameAccess)
      Message += ", which may run in several instances at once,";
    else
      Message += " and " + accessVerb(R.Other) + " on " + describeContext(R.OtherContext);
    Message += " with no lock held in common";
    // The advice: the one-for-one fix where there is one.
    bool CounterLike = V.IsScalar && R.Write.IsReadModifyWrite &&
                       (!R.Other.IsWrite || R.Other.IsReadModifyWrite);
    if (CounterLike)
      Message += "; make it std::atomic<" + V.Type + ">";
    else
      Message += "; guard every access with one mutex, or give each thread its own "
                 "copy (thread_local)";

    Finding &F = report(R.Write.Where, Message);
    if (!SameAccess)
      F.Notes.push_back({R.Other.Where, "'" + V.Name + "' is " + accessVerb(R.Other) +
                                            " here on " + describeContext(R.OtherContext)});
    auto NoteContext = [&](const ThreadContext &C, const std::vector<std::string> &Path) {
      if (!C.Starts.empty())
        F.Notes.push_back({C.Starts.front().Where,
                           describeContext(C) + " is started here" +
                               (C.Many ? " (several may run at once)" : "")});
      if (Path.size() > 1)
        F.Notes.push_back({C.Starts.empty() ? R.Write.Where : C.Starts.front().Where,
                           "call path: " + llvm::join(Path, " -> ")});
    };
    NoteContext(R.WriteContext, R.WritePath);
    if (!SameAccess && R.OtherContext.Name != R.WriteContext.Name)
      NoteContext(R.OtherContext, R.OtherPath);
    if (V.Where.Line)
      F.Notes.push_back({V.Where, "'" + V.Name + "' is declared here"});
    F.Properties["variable"] = V.Name;
    F.Properties["write-context"] = R.WriteContext.Name;
    F.Properties["other-context"] = R.OtherContext.Name;
    F.Properties["suggested-fix"] = CounterLike ? "atomic" : "mutex-or-thread_local";
  }
}

} // namespace conc
