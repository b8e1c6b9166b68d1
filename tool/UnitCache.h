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
// Nothing in DIR is trusted: an entry ends with the SHA-256 of its own text
// and names the SHA-256 of its facts file, so an entry that was truncated,
// partly overwritten or edited, or that sits beside facts not its own, is a
// miss even when it is well-formed YAML. Both files are written atomically.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_UNITCACHE_H
#define CONC_TOOL_UNITCACHE_H

#include "tool/Analyzer.h"
#include "tool/CompileDatabase.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

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

/// The hex SHA-256 of `Bytes`.
std::string sha256Hex(llvm::StringRef Bytes);

/// A whole file read into memory, not mapped: the cache and the merge read
/// thousands of files once each, and unmapping each one flushed the TLB of
/// every core (perf, 1,000 synthetic units: munmap was 9% of the merge).
llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> readWholeFile(const llvm::Twine &Path);

/// A unit's cache entry (SOURCE-HASH.cache.yaml).
struct CacheEntry {
  std::string Key;
  /// SHA-256 of the unit's facts file, as written beside the entry.
  std::string FactsHash;
  /// Every file the unit read, with the SHA-256 of its contents.
  std::vector<std::pair<std::string, std::string>> Inputs;
  std::vector<Finding> Findings;
};

/// The entry in `Text`, or nullopt when its checksum does not match or it is
/// not an entry this version writes. Never throws.
std::optional<CacheEntry> parseCacheEntry(llvm::StringRef Text);

/// The key of a unit: `Salt` (what all units share: versions, rules,
/// checks) and the unit's own parse command and file.
std::string unitCacheKey(const CompileEntry &Entry, const std::vector<std::string> &Args,
                         const std::string &Salt);

/// The unit's cached result, when the entry exists, its key is `Key` and
/// every input hashes as recorded.
std::optional<UnitResult> loadCachedUnit(llvm::StringRef Dir, const CompileEntry &Entry,
                                         const std::string &Key, ContentHasher &Hasher);

/// Records a parsed unit (not a failed one): facts, findings, inputs. A
/// failure record an earlier run left for the unit is removed first.
llvm::Error storeCachedUnit(llvm::StringRef Dir, const CompileEntry &Entry,
                            const std::string &Key, const UnitResult &Unit,
                            ContentHasher &Hasher);

/// Records a unit that failed (to parse, crashed, timed out) as
/// SOURCE-HASH.failed.yaml, so that `conc-advisor merge` over the directory
/// (the union of --shard runs) reports it as one run over all units does.
/// Then removes the unit's facts and cache entry, which an earlier run left
/// and which no longer describe it: when both are there, the failure is the
/// newer. Never read as a cache hit: a failed unit is parsed again.
llvm::Error storeFailedUnit(llvm::StringRef Dir, const CompileEntry &Entry,
                            const UnitResult &Unit);

/// The failed unit a failure record holds (Failed set), or an error naming
/// `Name` when the text is not one. Never throws.
llvm::Expected<UnitResult> parseFailedUnit(llvm::StringRef Text, llvm::StringRef Name);

} // namespace conc

#endif
