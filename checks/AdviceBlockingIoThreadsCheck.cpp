//===- checks/AdviceBlockingIoThreadsCheck.cpp - conc-advice-blocking-io-threads
//
// One thread per connection or request whose work mostly waits on sockets
// (or polls one): each waiting thread holds a stack and costs a context
// switch per wake-up, so thousands of connections need thousands of
// threads. An event loop (epoll, io_uring, Asio) waits for all of them from
// a few threads.
//
//===----------------------------------------------------------------------===//
#include "checks/AdviceBlockingIoThreadsCheck.h"

#include "checks/AdviceSupport.h"
#include "checks/WorkloadNotes.h"
#include "model/ProgramModel.h"

namespace conc {

void AdviceBlockingIoThreadsCheck::concludeProgram(const ProgramModel &Model) {
  WorkloadClassifier Classifier(Model);
  for (const ThreadStartFact &S : threadSites(Model)) {
    if (threadApiKind(rules(), S.Api) != "thread" || S.EntryUsr.empty())
      continue;
    const SiteLoopFact *Loop = siteLoopAt(Model, S.Where);
    if (!Loop || !Loop->PerItem)
      continue;
    Workload W = Classifier.classifyThreadStart(S);
    if (W.Class != WorkloadClass::Io || !hasEvidenceOfKind(W, {"socket", "poll"}))
      continue;
    Finding &F = report(
        S.Where, "'" + S.Api + "' starts a thread per connection or request to run " +
                     quotedFunction(Model, S.EntryUsr) +
                     ", which mostly waits on sockets; every waiting thread holds a stack "
                     "and a context switch per wake-up: an event loop (epoll, io_uring, "
                     "Asio) waits for many connections from a few threads");
    F.Notes.push_back({Loop->Loop, "the loop is here"});
    addWorkloadNotes(F, W, "the work of each thread");
    F.Properties["api"] = S.Api;
  }
}

} // namespace conc
