//===- checks/CheckRegistry.h - The one sorted list of checks --------------===//
//
// Adding a check means adding one line to CheckRegistry.cpp (kept sorted; a
// unit test fails otherwise), a docs page and a lit test. scripts/add-check.py
// writes all of them.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_CHECKREGISTRY_H
#define CONC_CHECKS_CHECKREGISTRY_H

#include "checks/ConcCheck.h"

#include "llvm/ADT/ArrayRef.h"

#include <memory>

namespace conc {

struct CheckInfo {
  const char *Id;
  const char *Summary;
  Severity DefaultLevel;
  std::unique_ptr<ConcCheck> (*Create)(CheckContext &);
  /// Concludes over the whole-program model: the analyzer gathers facts.
  /// The others decide within one translation unit: those are the checks
  /// the clang-tidy module (tidy/) offers.
  bool WholeProgram = false;
  /// The CheckOptions the check reads.
  llvm::ArrayRef<CheckOptionInfo> Options = {};
};

/// Every check, sorted by id.
llvm::ArrayRef<CheckInfo> allChecks();

/// The check `Id`; null when there is none.
const CheckInfo *findCheck(llvm::StringRef Id);

/// Whether `Value` is a valid text for option `O`; the error says what is
/// expected (the caller adds where the value was written).
llvm::Error validateOptionValue(const CheckOptionInfo &O, llvm::StringRef Value);

/// The elements of a List option's text: split at ';' and ',', trimmed,
/// empty ones dropped.
std::vector<std::string> splitOptionList(llvm::StringRef Value);

/// Whether `Text` matches `Pattern`, where '*' matches any run of characters
/// (the glob of --checks=, NOLINT(...) and --warnings-as-errors=).
bool globMatch(llvm::StringRef Pattern, llvm::StringRef Text);

/// clang-tidy's --checks= syntax: comma-separated globs, '-' negates, '*'
/// matches any run of characters, the last matching glob decides.
class CheckFilter {
public:
  /// Fails with a message naming the bad glob (an empty one, or no check
  /// matched at all is fine: that is the user's choice).
  /// `Origin` names where the globs came from in that message.
  static llvm::Expected<CheckFilter> parse(llvm::StringRef Globs,
                                           llvm::StringRef Origin = "--checks=");
  bool isEnabled(llvm::StringRef Id) const;

private:
  struct Glob {
    bool Positive;
    std::string Pattern;
  };
  std::vector<Glob> Globs;
};

/// The docs page of a check, relative to the repository root.
std::string docsPath(llvm::StringRef Id);

} // namespace conc

#endif
