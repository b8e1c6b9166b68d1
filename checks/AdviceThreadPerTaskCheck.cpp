//===- checks/AdviceThreadPerTaskCheck.cpp - conc-advice-thread-per-task ---===//
//
// A thread started once per item of a loop (a range-for over work, a
// serving while-loop, a counted loop up to a container's size) pays thread
// creation for every item and runs as many threads as there are items. A
// counted loop up to a constant or a worker count starts a fixed set of
// workers: that is the pool pattern, not reported. The same holds for a
// thread started in a handler: a function called once per item or request
// (in such a loop, up to three calls up, or registered with a server as a
// request handler). Sites in such a loop whose work waits on sockets are
// left to conc-advice-blocking-io-threads, which does not look at handlers.
//
//===----------------------------------------------------------------------===//
#include "checks/AdviceThreadPerTaskCheck.h"

#include "checks/AdviceSupport.h"
#include "checks/WorkloadNotes.h"
#include "model/ProgramModel.h"

#include <map>
#include <optional>
#include <set>

namespace conc {

namespace {
/// How a handler runs once per item: the per-item call that reaches it.
struct PerItemCall {
  std::string CallerUsr; ///< the code with the loop (or the registration)
  std::string CalleeUsr; ///< what it calls per item
  std::vector<std::string> Chain; ///< from CalleeUsr down to the handler
};
} // namespace

/// The per-item call (a LoopedCallFact marked PerItem) through which
/// `Handler` runs once per item or request, following callers at most
/// `MaxDepth` calls up; nullopt when it runs a fixed number of times.
static std::optional<PerItemCall> perItemCallOf(const ProgramModel &Model,
                                                const std::string &Handler) {
  constexpr unsigned MaxDepth = 3;
  std::vector<std::vector<std::string>> Level{{Handler}};
  std::set<std::string> Seen{Handler};
  std::map<std::string, std::string> Next; // caller -> the callee it reaches Handler by
  for (unsigned Depth = 0; Depth < MaxDepth && !Level.back().empty(); ++Depth) {
    for (const std::string &Usr : Level.back())
      for (const LoopedCallFact *L : Model.loopedCallsTo(Usr))
        if (L->PerItem) {
          PerItemCall P{L->CallerUsr, Usr, {}};
          for (std::string U = Usr;; U = Next[U]) {
            P.Chain.push_back(U);
            if (U == Handler)
              break;
          }
          return P;
        }
    std::vector<std::string> Up;
    for (const std::string &Usr : Level.back())
      for (const CallFact *C : Model.callsTo(Usr))
        if (Seen.insert(C->CallerUsr).second) {
          Next[C->CallerUsr] = Usr;
          Up.push_back(C->CallerUsr);
        }
    Level.push_back(std::move(Up));
  }
  return std::nullopt;
}

/// Where `Caller` calls `Callee`, if a call fact says so.
static std::optional<SourcePoint> callPoint(const ProgramModel &Model, llvm::StringRef Caller,
                                            llvm::StringRef Callee) {
  for (const CallFact *C : Model.callsTo(Callee))
    if (C->CallerUsr == Caller)
      return C->Where;
  return std::nullopt;
}

void AdviceThreadPerTaskCheck::concludeProgram(const ProgramModel &Model) {
  WorkloadClassifier Classifier(Model);
  for (const ThreadStartFact &S : threadSites(Model)) {
    if (threadApiKind(rules(), S.Api) != "thread")
      continue;
    const SiteLoopFact *Loop = siteLoopAt(Model, S.Where);
    std::optional<PerItemCall> Handler;
    if (!Loop || !Loop->PerItem) {
      // Not per item here; per item if its function is.
      if (Loop || S.CallerUsr.empty() || !(Handler = perItemCallOf(Model, S.CallerUsr)))
        continue;
    }
    Workload W = Classifier.classifyThreadStart(S);
    // conc-advice-blocking-io-threads says more of a per-item loop whose
    // threads wait on sockets; a handler's thread it does not report.
    if (!Handler && W.Class == WorkloadClass::Io && hasEvidenceOfKind(W, {"socket", "poll"}))
      continue;
    std::string Entry = S.EntryUsr.empty() ? "its function" : quotedFunction(Model, S.EntryUsr);
    std::string Message;
    std::optional<SourcePoint> Call;
    if (Handler) {
      Call = callPoint(Model, Handler->CallerUsr, Handler->CalleeUsr);
      std::string How = Call ? "is called in a loop over requests or items in " +
                                   quotedFunction(Model, Handler->CallerUsr)
                             : "is registered with a server as a request handler in " +
                                   quotedFunction(Model, Handler->CallerUsr);
      std::string Runs = Handler->Chain.size() == 1
                             ? quotedFunction(Model, Handler->CalleeUsr) + " " + How
                             : quotedFunction(Model, S.CallerUsr) + " runs from " +
                                   quotedFunction(Model, Handler->CalleeUsr) + ", which " +
                                   How;
      Message = "'" + S.Api + "' starts a new thread to run " + Entry + " every time " +
                quotedFunction(Model, S.CallerUsr) + " runs, and " + Runs +
                ": a thread per request or item, so the program pays a thread creation per "
                "item and runs as many threads as there are items at once; ";
    } else {
      std::string Per = Loop->Shape == "while" ? "every iteration of this loop (a request, a "
                                                 "connection, a message)"
                                               : "every item of this loop";
      Message = "'" + S.Api + "' starts a new thread for " + Per + " to run " + Entry +
                ", so the loop pays a thread creation per item and runs as many threads as "
                "there are items; ";
    }
    switch (W.Class) {
    case WorkloadClass::Cpu:
      Message += "the work looks CPU-bound: start a fixed pool of about one thread per core "
                 "once and submit each item to it as a task";
      break;
    case WorkloadClass::Io:
      Message += "the work looks I/O-bound: reuse threads from a pool sized by how many "
                 "items may wait at once, or use asynchronous I/O";
      break;
    default:
      Message += "reuse threads from a pool sized by the work (about one per core for "
                 "CPU-bound work, more for work that waits)";
      break;
    }
    Finding &F = report(S.Where, Message);
    if (Loop)
      F.Notes.push_back({Loop->Loop, "the loop is here"});
    else if (Call)
      F.Notes.push_back({*Call, "called per item here"});
    addWorkloadNotes(F, W, "the work of each thread");
    F.Properties["api"] = S.Api;
    F.Properties["loop-shape"] = Loop ? Loop->Shape : "handler";
  }
}

} // namespace conc
