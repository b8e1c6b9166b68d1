//===- tool/UnitCache.cpp --------------------------------------------------===//
#include "tool/UnitCache.h"

#include "model/FactsIO.h"
#include "tool/AtomicFile.h"
#include "tool/FactsDir.h"
#include "tool/FindingsYaml.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

#include <yaml-cpp/yaml.h>

namespace conc {

static std::string sha256Hex(llvm::StringRef Bytes) {
  std::array<uint8_t, 32> Digest = llvm::SHA256::hash(
      llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(Bytes.data()), Bytes.size()));
  return llvm::toHex(Digest, /*LowerCase=*/true);
}

std::string ContentHasher::hash(const std::string &Path) {
  {
    std::lock_guard<std::mutex> G(Lock);
    auto It = Known.find(Path);
    if (It != Known.end())
      return It->second;
  }
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
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

static std::string writeEntry(const std::string &Key,
                              const std::vector<std::pair<std::string, std::string>> &Inputs,
                              const std::vector<Finding> &Findings) {
  YAML::Emitter E;
  E << YAML::BeginMap;
  E << YAML::Key << "key" << YAML::Value << Key;
  E << YAML::Key << "inputs" << YAML::Value << YAML::BeginSeq;
  for (const auto &[Path, Hash] : Inputs)
    E << YAML::Flow << YAML::BeginMap << YAML::Key << "path" << YAML::Value
      << YAML::DoubleQuoted << Path << YAML::Key << "hash" << YAML::Value << Hash
      << YAML::EndMap;
  E << YAML::EndSeq;
  E << YAML::Key << "findings" << YAML::Value;
  emitFindings(E, Findings);
  E << YAML::EndMap;
  return std::string(E.c_str()) + "\n";
}

llvm::Expected<CacheEntry> readCacheEntry(llvm::StringRef Text, llvm::StringRef Name) {
  CacheEntry Entry;
  try {
    YAML::Node Root = YAML::Load(Text.str());
    if (!Root.IsMap())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     Name + ":1: expected a mapping for the cache entry");
    Entry.Key = Root["key"].as<std::string>();
    for (const YAML::Node &I : Root["inputs"])
      Entry.Inputs.push_back({I["path"].as<std::string>(), I["hash"].as<std::string>()});
    auto Findings = readFindings(Root["findings"]);
    if (!Findings)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     Name + ": not a cache entry of this version: bad findings");
    Entry.Findings = std::move(*Findings);
  } catch (const YAML::Exception &E) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Name + ":" + llvm::Twine(std::max(E.mark.line, 0) + 1) +
                                       ": not a cache entry of this version: " + E.msg);
  } catch (const std::exception &E) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Name + ":1: not a cache entry: " + E.what());
  }
  return Entry;
}

std::optional<UnitResult> loadCachedUnit(llvm::StringRef Dir, const CompileEntry &Entry,
                                         const std::string &Key, ContentHasher &Hasher) {
  std::string EntryPath = cachePath(Dir, Entry, ".cache.yaml");
  auto Text = llvm::MemoryBuffer::getFile(EntryPath);
  auto FactsText = llvm::MemoryBuffer::getFile(cachePath(Dir, Entry, ".facts.yaml"));
  if (!Text || !FactsText)
    return std::nullopt;
  // Not what this version writes, or damaged: parse again.
  llvm::Expected<CacheEntry> Cached = readCacheEntry((*Text)->getBuffer(), EntryPath);
  if (!Cached) {
    llvm::consumeError(Cached.takeError());
    return std::nullopt;
  }
  if (Cached->Key != Key)
    return std::nullopt;
  UnitResult Unit;
  Unit.File = Entry.File;
  Unit.FromCache = true;
  for (const auto &[Path, Hash] : Cached->Inputs) {
    if (Hasher.hash(Path) != Hash)
      return std::nullopt; // changed, or gone
    Unit.Inputs.push_back(Path);
  }
  Unit.Findings = std::move(Cached->Findings);
  auto Facts = readFacts((*FactsText)->getBuffer(), cachePath(Dir, Entry, ".facts.yaml"));
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
  std::vector<std::pair<std::string, std::string>> Inputs;
  for (const std::string &Path : Unit.Inputs)
    Inputs.push_back({Path, Hasher.hash(Path)});
  // Facts first: an entry whose facts are missing is a miss.
  if (auto E = writeFileAtomically(cachePath(Dir, Entry, ".facts.yaml"),
                                   writeFacts(Unit.Facts)))
    return E;
  return writeFileAtomically(cachePath(Dir, Entry, ".cache.yaml"),
                             writeEntry(Key, Inputs, Unit.Findings));
}

} // namespace conc
