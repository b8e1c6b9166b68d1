//===- probe/RecordsFile.h - The lines of a preload records file ----------===//
//
// Splits a records file (format: probe/RecordFormat.h) into its whole lines,
// skipping the NUL bytes nobody wrote and the lines a process was killed
// while copying. Kept apart from ProfileBuilder so that a unit test can feed
// it files the preload would only leave behind by being killed mid-line.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_PROBE_RECORDSFILE_H
#define CONC_PROBE_RECORDSFILE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>

namespace conc {

/// What a scan found besides the lines.
struct RecordsScan {
  /// Lines cut short: text that ends in a NUL byte or at the end of the file
  /// instead of a newline (its process was killed while copying it, or was
  /// still writing when the file was read).
  uint64_t TornLines = 0;
  /// Lines the preload could not store (the header's count).
  uint64_t LostLines = 0;
};

/// Calls `OnLine` with each whole line of the records file `Data`, in file
/// order, without its newline. An empty file (no process recorded anything)
/// has no lines. Fails when `Data` is not a records file of this format.
llvm::Expected<RecordsScan> scanRecords(llvm::StringRef Data,
                                        llvm::function_ref<void(llvm::StringRef)> OnLine);

} // namespace conc

#endif
