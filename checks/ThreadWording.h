//===- checks/ThreadWording.h - How findings name threads and call paths -===//
//
// The whole-program checks speak of threads and call paths the same way;
// one place keeps their wording alike.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_THREADWORDING_H
#define CONC_CHECKS_THREADWORDING_H

#include "model/ProgramModel.h"

#include <string>
#include <vector>

namespace conc {

/// "the main thread", "the calling thread" (a library), or "the thread
/// running 'NAME'".
std::string describeContext(const ThreadContext &C);

/// "a -> b -> c", each element readable (ProgramModel::readableName).
std::string callPathText(const std::vector<std::string> &Path);

} // namespace conc

#endif
