//===- checks/AdviceProcessForCpuCheck.cpp - conc-advice-process-for-cpu ---===//
//
// C++ has no interpreter lock: threads run CPU-bound work in parallel, in
// one address space, without copying it (fork) or passing data through
// pipes. A forked child whose work is CPU-bound is reported with that
// advice — unless the child's code calls functions that are not
// thread-safe, which is a reason to keep the process: then the finding is a
// note that names them. Crash isolation, leaks and privileges are reasons
// the code does not show; the docs say so.
//
//===----------------------------------------------------------------------===//
#include "checks/AdviceProcessForCpuCheck.h"

#include "checks/AdviceSupport.h"
#include "checks/WorkloadNotes.h"
#include "model/ProgramModel.h"

#include "llvm/ADT/StringExtras.h"

namespace conc {

void AdviceProcessForCpuCheck::concludeProgram(const ProgramModel &Model) {
  WorkloadClassifier Classifier(Model);
  std::set<SourcePoint> Seen;
  for (const ProcessStartFact &P : Model.processStarts()) {
    if (P.Kind != "fork" || !Seen.insert(P.Where).second)
      continue;
    Workload W = Classifier.classifyProcessStart(P);
    if (W.Class != WorkloadClass::Cpu)
      continue;
    std::vector<std::string> Unsafe = childUnsafeCalls(Model, P);
    std::string Message = "'" + P.Api + "' starts a process for CPU-bound work";
    if (Unsafe.empty()) {
      Message += "; threads run CPU-bound work in parallel too, in one address space, "
                 "without copying it or passing results through pipes: use a thread (or a "
                 "pool) unless the child must be isolated (a crash, a leak or a privilege "
                 "that must stay in the child)";
    } else {
      std::vector<std::string> Quoted;
      for (const std::string &U : Unsafe)
        Quoted.push_back("'" + U + "'");
      Message += "; keeping a process is justified here: the child calls " +
                 llvm::join(Quoted, ", ") +
                 ", not thread-safe, which threads running this work at once would race on";
    }
    Finding &F = report(P.Where, Message);
    if (!Unsafe.empty())
      F.Level = Severity::Note;
    addWorkloadNotes(F, W, "the child's work");
    F.Properties["api"] = P.Api;
    if (!Unsafe.empty())
      F.Properties["keep-process-because"] = llvm::join(Unsafe, ";");
  }
}

} // namespace conc
