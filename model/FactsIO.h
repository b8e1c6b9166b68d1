//===- model/FactsIO.h - Facts of one translation unit as YAML -------------===//
//
// Facts travel between the per-unit map step and the whole-program reduce
// step as YAML files (the facts cache, shards run on other machines). The
// writer is canonical, so a cache keyed by content hash sees the same bytes
// for the same facts; the reader validates everything, because a facts file
// may be stale, truncated or written by another version of the tool.
//
// The format, version 1 (keys short because a big unit has many facts; one
// fact per line so that an error names the fact's line):
//
//   version: 1
//   file: /src/a.cpp
//   functions:
//     - {usr: c:@F@main#, name: main, file: /src/a.cpp, line: 3, column: 5, main: true}
//   calls:
//     - {caller: c:@F@main#, callee: c:@F@f#, file: /src/a.cpp, line: 4, column: 3}
//   overrides:
//     - {method: c:@S@D@F@run#, overridden: c:@S@B@F@run#}
//   thread-starts:
//     - {caller: c:@F@main#, entry: c:@F@w#, api: std::thread, file: /src/a.cpp,
//        line: 5, column: 15, many: true}
//   variables:
//     - {usr: c:@n, name: n, type: int, file: /src/a.cpp, line: 1, column: 5,
//        const: true, atomic: true, thread-local: true, scalar: true}
//   accesses:
//     - {function: c:@F@w#, variable: c:@n, file: /src/a.cpp, line: 7, column: 3,
//        write: true, rmw: true, locks: [c:@mu], before-start: true}
//   unsafe-calls:                       (version 3)
//     - {caller: c:@F@w#, api: strtok, file: /src/a.cpp, line: 8, column: 9}
//   forks:                              (version 3)
//     - {caller: c:@F@w#, api: fork, file: /src/a.cpp, line: 9, column: 11,
//        sequential: true, child-unknown: true, child-call: printf,
//        child-file: /src/a.cpp, child-line: 10, child-column: 5}
//
//   work-calls:                         (version 5)
//     - {caller: c:@F@w#, api: recv, kind: socket, file: /src/a.cpp, line: 9,
//        column: 5, blocking: true, strong: true, loop-depth: 1, locks: [c:@mu]}
//   compute-loops:                      (version 5)
//     - {function: c:@F@w#, file: /src/a.cpp, line: 12, column: 3, depth: 2,
//        operations: 4, enclosing-loops: 0, locks: [c:@mu]}
//   looped-calls:                       (version 5)
//     - {caller: c:@F@w#, callee: c:@F@step#}
//   site-loops:                         (version 5)
//     - {file: /src/a.cpp, line: 5, column: 15, loop-file: /src/a.cpp,
//        loop-line: 4, loop-column: 3, shape: counted, per-item: true, bound: 8}
//   process-starts:                     (version 5)
//     - {caller: c:@F@main#, api: fork, kind: fork, file: /src/a.cpp, line: 20,
//        column: 13, many: true, child-known: true, child-begin-file: ...,
//        child-begin-line: 21, child-begin-column: 3, child-end-file: ...,
//        child-end-line: 24, child-end-column: 3, child-callees: [c:@F@work#],
//        child-execs: true}
//
// `version` and `file` are required; a missing list is empty. In a fork,
// the child-* point is written exactly when child-call is. In an entry
// every string and number is required (a string may be empty: `entry: ""`
// is a start whose entry is unknown); a flag or `locks` that is absent is
// false or empty, and the writer leaves those out. A string that is not
// valid UTF-8 (a path on a Linux file system can be any bytes) is written
// as `!!binary` base64, so every string round-trips exactly.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_MODEL_FACTSIO_H
#define CONC_MODEL_FACTSIO_H

#include "model/Facts.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace conc {

/// The facts as YAML text: `version` first, then every list in canonical
/// order (canonicalizeFacts), so the same facts always give the same bytes.
/// Written as version FactsVersion whatever `Facts.Version` says.
std::string writeFacts(const TranslationUnitFacts &Facts);

/// Parses and validates facts written by writeFacts (or by hand). `Name`
/// (usually the file's path) starts every error: "NAME:LINE: message".
/// Never throws; any text, however malformed, gives facts or an error.
llvm::Expected<TranslationUnitFacts> readFacts(llvm::StringRef Text,
                                               llvm::StringRef Name);

/// Sorts each access's locks and each list of `Facts` into canonical order
/// (the total orders below) and removes exact duplicates.
void canonicalizeFacts(TranslationUnitFacts &Facts);

/// Total orders over facts in which every field takes part: two facts are
/// equivalent only if they are equal. Shared by the writer and the program
/// model, so both dedupe and sort the same way.
bool factLess(const FunctionFact &A, const FunctionFact &B);
bool factLess(const CallFact &A, const CallFact &B);
bool factLess(const OverrideFact &A, const OverrideFact &B);
bool factLess(const ThreadStartFact &A, const ThreadStartFact &B);
bool factLess(const VariableFact &A, const VariableFact &B);
bool factLess(const AccessFact &A, const AccessFact &B);
bool factLess(const UnsafeCallFact &A, const UnsafeCallFact &B);
bool factLess(const ForkFact &A, const ForkFact &B);
bool factLess(const WorkCallFact &A, const WorkCallFact &B);
bool factLess(const ComputeLoopFact &A, const ComputeLoopFact &B);
bool factLess(const ProcessStartFact &A, const ProcessStartFact &B);
bool factLess(const LoopedCallFact &A, const LoopedCallFact &B);
bool factLess(const SiteLoopFact &A, const SiteLoopFact &B);
bool factLess(const PythonEntryFact &A, const PythonEntryFact &B);
bool factLess(const PythonCallFact &A, const PythonCallFact &B);
bool factLess(const ThreadCountFact &A, const ThreadCountFact &B);

/// Equality consistent with factLess.
template <typename T> bool factEqual(const T &A, const T &B) {
  return !factLess(A, B) && !factLess(B, A);
}

} // namespace conc

#endif
