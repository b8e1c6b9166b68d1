//===- tool/FaultInjection.h - Make a named unit crash or hang, for tests --===//
//
// A testing aid, not a feature: the tests of crash containment and --timeout
// need a unit that crashes or hangs inside the analysis, and no real input
// makes Clang 19 crash on demand. The environment variable
//
//   CONC_ADVISOR_TEST_FAULT=KIND:FILENAME[,KIND:FILENAME...]
//
// makes the analysis of every unit whose main file is named FILENAME (the
// last path component) fail in the AST consumer, i.e. inside Clang's run:
//   segv   raise SIGSEGV (a crash)
//   abort  call abort() (what a failed assertion does)
//   fatal  llvm::report_fatal_error
//   hang   sleep forever (stopped only by --timeout)
//   kill   raise SIGKILL (nothing in the process survives it: only useful
//          with --timeout, where the unit runs in a worker process)
// Unset, it costs one getenv per unit.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_FAULTINJECTION_H
#define CONC_TOOL_FAULTINJECTION_H

#include "llvm/ADT/StringRef.h"

namespace conc {

/// Does what CONC_ADVISOR_TEST_FAULT asks for `MainFile`, or nothing.
void injectTestFault(llvm::StringRef MainFile);

} // namespace conc

#endif
