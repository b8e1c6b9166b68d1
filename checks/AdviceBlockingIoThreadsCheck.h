//===- checks/AdviceBlockingIoThreadsCheck.h - conc-advice-blocking-io-threads ===//
//
// A thread per connection that mostly waits on sockets: use an event loop.
//
// Docs: docs/checks/conc-advice-blocking-io-threads.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_ADVICEBLOCKINGIOTHREADSCHECK_H
#define CONC_CHECKS_ADVICEBLOCKINGIOTHREADSCHECK_H

#include "checks/ConcCheck.h"

namespace conc {

class AdviceBlockingIoThreadsCheck : public ConcCheck {
public:
  static constexpr const char *Id = "conc-advice-blocking-io-threads";
  AdviceBlockingIoThreadsCheck(CheckContext &Context) : ConcCheck(Id, Severity::Warning, Context) {}

  void registerMatchers(clang::ast_matchers::MatchFinder &) override {}
  void run(const clang::ast_matchers::MatchFinder::MatchResult &) override {}
  void concludeProgram(const ProgramModel &Model) override;
};

} // namespace conc

#endif
