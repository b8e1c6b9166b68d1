//===- tool/UnitCache.h - Reuse the results of unchanged units ------------===//
//
// With --facts-dir, each unit's results are kept beside its facts: the
// per-unit findings, the files the unit read with a hash of each, and a key
// that hashes everything else that determines the results (the tool and
// facts versions, the rules, the enabled checks, the parse command). A
// later run whose key matches and whose every input still hashes the same
// reuses them without parsing. A cache entry that cannot be read is a miss,
// never an error: the unit is parsed again and the entry rewritten.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_UNITCACHE_H
#define CONC_TOOL_UNITCACHE_H

#include "tool/Analyzer.h"
#include "tool/CompileDatabase.h"

#include "llvm/Support/Error.h"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace conc {

/// Hashes file contents, each file once per run (units share headers).
class ContentHasher {
public:
  /// The hex SHA-256 of the file's bytes, or "" when it cannot be read.
  std::string hash(const std::string &Path);

private:
  std::mutex Lock;
  std::map<std::string, std::string> Known;
};

/// The key of a unit: `Salt` (what all units share: versions, rules,
/// checks) and the unit's own parse command and file.
std::string unitCacheKey(const CompileEntry &Entry, const std::vector<std::string> &Args,
                         const std::string &Salt);

/// A cache entry as storeCachedUnit writes it.
struct CacheEntry {
  std::string Key;
  /// (absolute path, hex SHA-256) of every file the unit read.
  std::vector<std::pair<std::string, std::string>> Inputs;
  std::vector<Finding> Findings; ///< the unit's own (not whole-program) findings
};

/// Parses an entry; errors start with `Name` and a line.
llvm::Expected<CacheEntry> readCacheEntry(llvm::StringRef Text, llvm::StringRef Name);

/// The unit's cached result, when the entry exists, its key is `Key` and
/// every input hashes as recorded.
std::optional<UnitResult> loadCachedUnit(llvm::StringRef Dir, const CompileEntry &Entry,
                                         const std::string &Key, ContentHasher &Hasher);

/// Records a parsed unit (not a failed one): facts, findings, inputs.
llvm::Error storeCachedUnit(llvm::StringRef Dir, const CompileEntry &Entry,
                            const std::string &Key, const UnitResult &Unit,
                            ContentHasher &Hasher);

} // namespace conc

#endif
