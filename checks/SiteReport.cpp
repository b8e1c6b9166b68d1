//===- checks/SiteReport.cpp -----------------------------------------------===//
#include "checks/SiteReport.h"

#include "clang/AST/StmtOpenMP.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace conc {

void setRepetition(PendingSite &Site, const clang::Stmt &Repeater,
                   std::optional<SourcePoint> At) {
  if (!At)
    return;
  Site.Loop = At;
  if (llvm::isa<clang::OMPExecutableDirective>(Repeater) &&
      !llvm::isa<clang::OMPLoopDirective>(Repeater)) {
    Site.LoopNote = "every thread of this OpenMP team runs it";
    Site.RepeatPhrase = "inside a parallel region";
  }
}

void SiteCollector::add(PendingSite Site) {
  auto Key = std::make_tuple(Site.Where, Site.Api, Site.Action);
  auto [It, Inserted] = Sites.try_emplace(Key, Site);
  if (Inserted)
    return;
  PendingSite &Old = It->second;
  Old.Entries.insert(Site.Entries.begin(), Site.Entries.end());
  Old.EntryNames.insert(Site.EntryNames.begin(), Site.EntryNames.end());
  // Properties that differ between instantiations list every value.
  for (const auto &[Key, Value] : Site.Properties) {
    std::string &Old = It->second.Properties[Key];
    llvm::SmallVector<llvm::StringRef, 4> Values;
    llvm::StringRef(Old).split(Values, ';', -1, /*KeepEmpty=*/false);
    if (llvm::is_contained(Values, Value))
      continue;
    std::vector<std::string> All(Values.begin(), Values.end());
    All.push_back(Value);
    llvm::sort(All);
    Old = llvm::join(All, ";");
  }
  for (RelatedNote &N : Site.Notes) {
    bool Seen = false;
    for (const RelatedNote &O : Old.Notes)
      Seen |= O.Where == N.Where && O.Message == N.Message;
    if (!Seen)
      Old.Notes.push_back(std::move(N));
  }
}

std::vector<Finding> SiteCollector::finish(const std::string &CheckId,
                                           Severity Level) {
  std::vector<Finding> Out;
  for (auto &[Key, Site] : Sites) {
    Finding F;
    F.CheckId = CheckId;
    F.Level = Level;
    F.Where = Site.Where;
    std::string Entries;
    if (!Site.Entries.empty()) {
      std::vector<std::string> List(Site.Entries.begin(), Site.Entries.end());
      Entries = List.size() == 1 ? List[0]
                                 : "one of " + llvm::join(List, ", ");
    }
    F.Message = "'" + Site.Api + "' " + Site.Action;
    if (!Entries.empty())
      F.Message += " " + Entries;
    F.Message += Site.Suffix;
    F.Properties = Site.Properties;
    F.Properties["api"] = Site.Api;
    if (!Site.EntryNames.empty())
      F.Properties["entry"] = llvm::join(Site.EntryNames, ";");
    F.Properties["in-loop"] = Site.Loop ? "true" : "false";
    if (Site.Loop) {
      F.Message += "; " + Site.RepeatPhrase + ", so this site may create many " + Site.Plural;
      F.Notes.push_back({*Site.Loop, Site.LoopNote});
    }
    for (RelatedNote &N : Site.Notes)
      F.Notes.push_back(std::move(N));
    Out.push_back(std::move(F));
  }
  Sites.clear();
  return Out;
}

} // namespace conc
