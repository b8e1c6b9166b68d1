//===- tool/UnitWorker.h - One translation unit in a process of its own ----===//
//
// A thread cannot be stopped from outside, so --timeout runs each unit in a
// worker process: this program again, started with
//
//   conc-advisor --unit-worker REQUEST RESULT
//
// REQUEST (YAML, written by the parent) holds the compile command and the
// settings; the worker loads the same rules, analyses the unit under the
// crash guard and writes RESULT (status, errors, findings, inputs) and
// RESULT.facts.yaml (model/FactsIO). The parent waits at most the timeout,
// then kills it. A worker that dies without a result is a crashed unit.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_UNITWORKER_H
#define CONC_TOOL_UNITWORKER_H

#include "tool/Analyzer.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace conc {

/// The hidden first argument that makes conc-advisor a worker.
inline constexpr const char *UnitWorkerFlag = "--unit-worker";

/// Runs the unit in a worker process (Settings.WorkerExecutable), stopped
/// after Settings.TimeoutSeconds.
UnitResult analyzeUnitInWorker(const CompileEntry &Entry, const AnalysisSettings &Settings);

/// The worker's main: `Args` is `--unit-worker REQUEST RESULT`. 0 when
/// RESULT was written; 2 with a message on `Err` when the request is bad.
int runUnitWorker(llvm::ArrayRef<std::string> Args, llvm::raw_ostream &Err);

} // namespace conc

#endif
