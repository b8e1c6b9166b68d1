//===- tool/AtomicFile.h - Write a whole file or nothing -------------------===//
//
// Reports are written beside their destination and renamed into place, so a
// failed or killed run leaves the previous file or none, never half a file.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_ATOMICFILE_H
#define CONC_TOOL_ATOMICFILE_H

#include "llvm/Support/Error.h"

namespace conc {

/// Fails early, before any work, if `Path` could not be written later: its
/// directory is missing or it names a directory.
llvm::Error checkWritable(llvm::StringRef Path);

llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Contents);

} // namespace conc

#endif
