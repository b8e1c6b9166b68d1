//===- checks/AdviceSupport.cpp --------------------------------------------===//
#include "checks/AdviceSupport.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <set>

namespace conc {

std::string threadApiKind(const RuleSet &Rules, llvm::StringRef Api) {
  if (Api.starts_with("#pragma omp"))
    return "team";
  for (const ThreadApiRule &R : Rules.ThreadApis)
    if (R.Api == Api)
      return R.Kind;
  return "";
}

bool startsThreadPerCall(const RuleSet &Rules, llvm::StringRef Api) {
  for (const ThreadApiRule &R : Rules.ThreadApis)
    if (R.Api == Api)
      return R.Kind == "thread" || (R.Kind == "task" && R.LaunchPolicy);
  return false;
}

const SiteLoopFact *siteLoopAt(const ProgramModel &Model, const SourcePoint &Where) {
  for (const SiteLoopFact &L : Model.siteLoops())
    if (L.Site == Where)
      return &L;
  return nullptr;
}

std::vector<ThreadStartFact> threadSites(const ProgramModel &Model) {
  std::vector<ThreadStartFact> Out;
  std::set<SourcePoint> Seen;
  for (const ThreadStartFact &S : Model.threadStarts())
    if (Seen.insert(S.Where).second)
      Out.push_back(S);
  llvm::sort(Out, [](const ThreadStartFact &A, const ThreadStartFact &B) {
    return A.Where < B.Where;
  });
  return Out;
}

bool hasEvidenceOfKind(const Workload &W, llvm::ArrayRef<const char *> Kinds) {
  return llvm::any_of(W.Evidence, [&](const WorkloadEvidence &E) {
    return llvm::any_of(Kinds, [&](const char *K) { return E.Kind == K; });
  });
}

std::string quotedFunction(const ProgramModel &Model, llvm::StringRef Usr) {
  std::string Name = ProgramModel::readableName(Model.functionName(Usr));
  return ProgramModel::isOpenMPRegion(Usr) ? "the " + Name : "'" + Name + "'";
}

std::vector<std::string> childUnsafeCalls(const ProgramModel &Model,
                                          const ProcessStartFact &Start) {
  std::set<std::string> Names;
  if (!Start.ChildKnown)
    return {};
  std::vector<std::string> Reached = reachableFrom(Model, Start.ChildCallees);
  for (const UnsafeCallFact &U : Model.unsafeCalls()) {
    bool InChild = U.CallerUsr == Start.CallerUsr && U.Where.File == Start.ChildBegin.File &&
                   !(U.Where < Start.ChildBegin) && !(Start.ChildEnd < U.Where);
    if (InChild || std::binary_search(Reached.begin(), Reached.end(), U.CallerUsr))
      Names.insert(U.Api);
  }
  return std::vector<std::string>(Names.begin(), Names.end());
}

} // namespace conc
