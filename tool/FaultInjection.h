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
// and kills the process (SIGKILL) while it writes an output file named
// FILENAME (writeFileAtomically: -o, --export-fixes, --facts-dir entries,
// the probe's outputs), for the tests that a killed run leaves the old file
// or the new one and never part of one:
//   kill-writing  when half of the new contents are in the temporary file
//   kill-renamed  just after the temporary file was renamed into place
// FILENAME is a glob pattern (`*.cache.yaml`: every cache entry).
// Unset, it costs one getenv per unit and per file written.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_FAULTINJECTION_H
#define CONC_TOOL_FAULTINJECTION_H

#include "llvm/ADT/StringRef.h"

namespace conc {

/// Does what CONC_ADVISOR_TEST_FAULT asks for `MainFile`, or nothing.
void injectTestFault(llvm::StringRef MainFile);

/// Kills the process if CONC_ADVISOR_TEST_FAULT asks for `Stage`
/// (kill-writing, kill-renamed) on the file `Path` being written.
void injectWriteFault(llvm::StringRef Stage, llvm::StringRef Path);

} // namespace conc

#endif
