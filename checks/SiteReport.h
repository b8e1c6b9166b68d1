//===- checks/SiteReport.h - Shared wording of creation-site findings ------===//
//
// conc-thread-site and conc-process-site report the same kind of fact (an
// API call that creates concurrency, perhaps in a loop) and must read alike.
// This collects one site across template instantiations and turns it into
// one Finding.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_SITEREPORT_H
#define CONC_CHECKS_SITEREPORT_H

#include "core/Finding.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace clang {
class Stmt;
} // namespace clang

namespace conc {

struct PendingSite {
  SourcePoint Where;
  std::string Api;
  /// "starts a thread running", "creates a child process", ...
  std::string Action;
  /// Entry descriptions ("'worker'", "the lambda at a.cpp:3:9"); a site in a
  /// template may run a different entry per instantiation.
  std::set<std::string> Entries;
  /// Machine-readable entry names, parallel to Entries for the properties.
  std::set<std::string> EntryNames;
  std::vector<RelatedNote> Notes;
  std::optional<SourcePoint> Loop;
  std::string LoopNote = "the enclosing loop is here";
  std::string RepeatPhrase = "in a loop";
  /// What one site in a loop multiplies: "threads", "processes", "tasks".
  std::string Plural;
  std::string Suffix; ///< e.g. " (launch policy: async)"
  std::map<std::string, std::string> Properties;
};

/// Marks `Site` as repeated by `Repeater` (from enclosingLoop), noted at `At`:
/// a loop, or an OpenMP team every thread of which runs the site.
void setRepetition(PendingSite &Site, const clang::Stmt &Repeater,
                   std::optional<SourcePoint> At);

/// Collects sites of one TU, merging repeats of one site (template
/// instantiations), and emits them as findings in a stable order.
class SiteCollector {
public:
  void add(PendingSite Site);
  /// Builds the findings; each site once.
  std::vector<Finding> finish(const std::string &CheckId, Severity Level);

private:
  std::map<std::tuple<SourcePoint, std::string, std::string>, PendingSite> Sites;
};

} // namespace conc

#endif
