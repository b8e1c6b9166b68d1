//===- tool/UnitCache.cpp --------------------------------------------------===//
#include "tool/UnitCache.h"

#include "model/FactsIO.h"
#include "tool/AtomicFile.h"
#include "tool/FactsDir.h"
#include "tool/FindingsYaml.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <openssl/sha.h>
#include <yaml-cpp/yaml.h>

namespace conc {

std::string sha256Hex(llvm::StringRef Bytes) {
  // libcrypto's, not llvm::SHA256: the merge hashes every facts file (about
  // a gigabyte for 10,000 units) and a warm run every input, and libcrypto
  // uses the CPU's SHA instructions (perf, 1,000 synthetic units: LLVM's
  // SHA-256 was 6% of the merge).
  std::array<uint8_t, SHA256_DIGEST_LENGTH> Digest;
  SHA256(reinterpret_cast<const unsigned char *>(Bytes.data()), Bytes.size(), Digest.data());
  return llvm::toHex(Digest, /*LowerCase=*/true);
}

llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> readWholeFile(const llvm::Twine &Path) {
  return llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/true,
                                     /*IsVolatile=*/true);
}

std::string ContentHasher::hash(const std::string &Path) {
  {
    std::lock_guard<std::mutex> G(Lock);
    auto It = Known.find(Path);
    if (It != Known.end())
      return It->second;
  }
  auto Buffer = readWholeFile(Path);
  std::string Hash = Buffer ? sha256Hex((*Buffer)->getBuffer()) : "";
  std::lock_guard<std::mutex> G(Lock);
  Known.emplace(Path, Hash);
  return Hash;
}

std::string unitCacheKey(const CompileEntry &Entry, const std::vector<std::string> &Args,
                         const std::string &Salt) {
  std::string All = Salt;
  for (const std::string &S : {Entry.Directory, Entry.File})
    All += '\0' + S;
  for (const std::string &A : Args)
    All += '\0' + A;
  return sha256Hex(All);
}

static std::string cachePath(llvm::StringRef Dir, const CompileEntry &Entry,
                             llvm::StringRef Suffix) {
  std::string Name = factsFileName(Entry);
  llvm::StringRef Stem = llvm::StringRef(Name).drop_back(strlen(".facts.yaml"));
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Stem + Suffix);
  return std::string(Path);
}

/// The line that ends every entry: the SHA-256 of all the text before it.
static constexpr llvm::StringLiteral ChecksumKey = "checksum: ";

static std::string writeEntry(const CacheEntry &Entry) {
  YAML::Emitter E;
  E << YAML::BeginMap;
  E << YAML::Key << "key" << YAML::Value << Entry.Key;
  E << YAML::Key << "facts-hash" << YAML::Value << Entry.FactsHash;
  E << YAML::Key << "inputs" << YAML::Value << YAML::BeginSeq;
  for (const auto &[Path, Hash] : Entry.Inputs)
    E << YAML::Flow << YAML::BeginMap << YAML::Key << "path" << YAML::Value
      << YAML::DoubleQuoted << Path << YAML::Key << "hash" << YAML::Value << Hash
      << YAML::EndMap;
  E << YAML::EndSeq;
  E << YAML::Key << "findings" << YAML::Value;
  emitFindings(E, Entry.Findings);
  E << YAML::EndMap;
  std::string Body = std::string(E.c_str()) + "\n";
  return Body + ChecksumKey.str() + sha256Hex(Body) + "\n";
}

std::optional<CacheEntry> parseCacheEntry(llvm::StringRef Text) {
  // The checksum line first: a truncated, partly overwritten or edited
  // entry is a miss before any of it is believed.
  if (!Text.consume_back("\n"))
    return std::nullopt;
  size_t LineStart = Text.rfind('\n') + 1; // 0 when there is one line
  llvm::StringRef Body = Text.take_front(LineStart), Last = Text.drop_front(LineStart);
  if (!Last.consume_front(ChecksumKey) || Last != sha256Hex(Body))
    return std::nullopt;
  CacheEntry Entry;
  YAML::Node Root;
  try {
    Root = YAML::Load(Body.str());
    if (!Root.IsMap())
      return std::nullopt;
    Entry.Key = Root["key"].as<std::string>();
    Entry.FactsHash = Root["facts-hash"].as<std::string>();
    const YAML::Node &Inputs = Root["inputs"];
    if (!Inputs.IsSequence())
      return std::nullopt;
    for (const YAML::Node &I : Inputs)
      Entry.Inputs.push_back({I["path"].as<std::string>(), I["hash"].as<std::string>()});
  } catch (const std::exception &) {
    return std::nullopt; // not what this version writes
  }
  auto Findings = readFindings(static_cast<const YAML::Node &>(Root)["findings"]);
  if (!Findings)
    return std::nullopt;
  Entry.Findings = std::move(*Findings);
  return Entry;
}

std::optional<UnitResult> loadCachedUnit(llvm::StringRef Dir, const CompileEntry &Entry,
                                         const std::string &Key, ContentHasher &Hasher) {
  std::string FactsPath = cachePath(Dir, Entry, ".facts.yaml");
  auto Text = readWholeFile(cachePath(Dir, Entry, ".cache.yaml"));
  auto FactsText = readWholeFile(FactsPath);
  if (!Text || !FactsText)
    return std::nullopt;
  std::optional<CacheEntry> Cached = parseCacheEntry((*Text)->getBuffer());
  if (!Cached || Cached->Key != Key ||
      Cached->FactsHash != sha256Hex((*FactsText)->getBuffer()))
    return std::nullopt; // damaged, another command's, or facts not its own
  UnitResult Unit;
  Unit.File = Entry.File;
  Unit.FromCache = true;
  for (const auto &[Path, Hash] : Cached->Inputs) {
    if (Hasher.hash(Path) != Hash)
      return std::nullopt; // changed, or gone
    Unit.Inputs.push_back(Path);
  }
  Unit.Findings = std::move(Cached->Findings);
  auto Facts = readFacts((*FactsText)->getBuffer(), FactsPath);
  if (!Facts) {
    llvm::consumeError(Facts.takeError());
    return std::nullopt;
  }
  Unit.Facts = std::move(*Facts);
  return Unit;
}

llvm::Error storeCachedUnit(llvm::StringRef Dir, const CompileEntry &Entry,
                            const std::string &Key, const UnitResult &Unit,
                            ContentHasher &Hasher) {
  CacheEntry Cached;
  Cached.Key = Key;
  for (const std::string &Path : Unit.Inputs)
    Cached.Inputs.push_back({Path, Hasher.hash(Path)});
  Cached.Findings = Unit.Findings;
  std::string FactsText = writeFacts(Unit.Facts);
  Cached.FactsHash = sha256Hex(FactsText);
  // Before the facts: a run killed in between leaves the unit failed (the
  // record) or parsed (its facts), never both.
  if (std::error_code EC = llvm::sys::fs::remove(cachePath(Dir, Entry, ".failed.yaml")))
    return llvm::createStringError(EC, "cannot remove the unit's old failure record");
  // Facts first: an entry whose facts are missing or not the ones it
  // names is a miss.
  if (auto E = writeFileAtomically(cachePath(Dir, Entry, ".facts.yaml"), FactsText))
    return E;
  return writeFileAtomically(cachePath(Dir, Entry, ".cache.yaml"), writeEntry(Cached));
}

/// The first key of a failure record, with its format's version.
static constexpr llvm::StringLiteral FailedVersionKey = "failed-unit";
static constexpr int FailedVersion = 1;

llvm::Error storeFailedUnit(llvm::StringRef Dir, const CompileEntry &Entry,
                            const UnitResult &Unit) {
  YAML::Emitter E;
  E << YAML::BeginMap;
  E << YAML::Key << FailedVersionKey.str() << YAML::Value << FailedVersion;
  E << YAML::Key << "file" << YAML::Value << YAML::DoubleQuoted << Unit.File;
  E << YAML::Key << "failure" << YAML::Value << failureId(Unit.Failure);
  E << YAML::Key << "errors" << YAML::Value << YAML::BeginSeq;
  for (const std::string &Error : Unit.Errors)
    E << YAML::DoubleQuoted << Error;
  E << YAML::EndSeq << YAML::EndMap;
  if (auto Err = writeFileAtomically(cachePath(Dir, Entry, ".failed.yaml"),
                                     std::string(E.c_str()) + "\n"))
    return Err;
  // The entry first: without it the facts are not read as a cache hit.
  for (const char *Suffix : {".cache.yaml", ".facts.yaml"})
    if (std::error_code EC = llvm::sys::fs::remove(cachePath(Dir, Entry, Suffix)))
      return llvm::createStringError(EC, "cannot remove the failed unit's old facts");
  return llvm::Error::success();
}

llvm::Expected<UnitResult> parseFailedUnit(llvm::StringRef Text, llvm::StringRef Name) {
  auto Bad = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Name + ": not a failed-unit record: " + Why);
  };
  UnitResult Unit;
  Unit.Failed = true;
  try {
    YAML::Node Root = YAML::Load(Text.str());
    if (!Root.IsMap())
      return Bad("not a mapping");
    const YAML::Node Version = Root[FailedVersionKey.str()];
    if (!Version || Version.as<int>() != FailedVersion)
      return Bad("no '" + FailedVersionKey + ": " + llvm::Twine(FailedVersion) + "'");
    for (const char *Key : {"file", "failure", "errors"})
      if (!Root[Key])
        return Bad(llvm::Twine("no '") + Key + "'");
    Unit.File = Root["file"].as<std::string>();
    std::string Failure = Root["failure"].as<std::string>();
    bool Known = false;
    for (UnitFailure F : {UnitFailure::ParseError, UnitFailure::Crash, UnitFailure::Timeout})
      if (Failure == failureId(F)) {
        Unit.Failure = F;
        Known = true;
      }
    if (!Known)
      return Bad("unknown failure '" + Failure + "'");
    const YAML::Node Errors = Root["errors"];
    if (!Errors.IsSequence())
      return Bad("'errors' is not a list");
    for (const YAML::Node &Error : Errors)
      Unit.Errors.push_back(Error.as<std::string>());
  } catch (const std::exception &Ex) {
    return Bad(Ex.what());
  }
  if (Unit.File.empty())
    return Bad("no file");
  return Unit;
}

} // namespace conc
