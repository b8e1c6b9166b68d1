//===- checks/ThreadWording.cpp --------------------------------------------===//
#include "checks/ThreadWording.h"

#include "llvm/ADT/StringExtras.h"

namespace conc {

std::string describeContext(const ThreadContext &C) {
  if (C.IsMain)
    return C.Name == "calling thread" ? "the calling thread" : "the main thread";
  return "the thread running '" + C.Name + "'";
}

std::string callPathText(const std::vector<std::string> &Path) {
  std::vector<std::string> Names;
  for (const std::string &P : Path)
    Names.push_back(ProgramModel::readableName(P));
  return llvm::join(Names, " -> ");
}

} // namespace conc
