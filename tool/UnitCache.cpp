//===- tool/UnitCache.cpp --------------------------------------------------===//
#include "tool/UnitCache.h"

#include "model/FactsIO.h"
#include "tool/AtomicFile.h"
#include "tool/FactsDir.h"

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

static void emitPoint(YAML::Emitter &E, const SourcePoint &P) {
  E << YAML::Key << "file" << YAML::Value << YAML::DoubleQuoted << P.File;
  E << YAML::Key << "line" << YAML::Value << P.Line;
  E << YAML::Key << "column" << YAML::Value << P.Column;
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
  E << YAML::Key << "findings" << YAML::Value << YAML::BeginSeq;
  for (const Finding &F : Findings) {
    E << YAML::BeginMap;
    E << YAML::Key << "check" << YAML::Value << F.CheckId;
    E << YAML::Key << "level" << YAML::Value << severityName(F.Level);
    emitPoint(E, F.Where);
    E << YAML::Key << "message" << YAML::Value << YAML::DoubleQuoted << F.Message;
    E << YAML::Key << "notes" << YAML::Value << YAML::BeginSeq;
    for (const RelatedNote &N : F.Notes) {
      E << YAML::Flow << YAML::BeginMap;
      emitPoint(E, N.Where);
      E << YAML::Key << "message" << YAML::Value << YAML::DoubleQuoted << N.Message;
      E << YAML::EndMap;
    }
    E << YAML::EndSeq;
    E << YAML::Key << "fixes" << YAML::Value << YAML::BeginSeq;
    for (const FixIt &X : F.Fixes) {
      E << YAML::Flow << YAML::BeginMap;
      emitPoint(E, X.Begin);
      E << YAML::Key << "end-line" << YAML::Value << X.End.Line;
      E << YAML::Key << "end-column" << YAML::Value << X.End.Column;
      E << YAML::Key << "offset" << YAML::Value << X.Offset;
      E << YAML::Key << "length" << YAML::Value << X.Length;
      E << YAML::Key << "replacement" << YAML::Value << YAML::DoubleQuoted << X.Replacement;
      E << YAML::EndMap;
    }
    E << YAML::EndSeq;
    E << YAML::Key << "properties" << YAML::Value << YAML::BeginMap;
    for (const auto &[K, V] : F.Properties)
      E << YAML::Key << YAML::DoubleQuoted << K << YAML::Value << YAML::DoubleQuoted << V;
    E << YAML::EndMap;
    E << YAML::EndMap;
  }
  E << YAML::EndSeq;
  E << YAML::EndMap;
  return std::string(E.c_str()) + "\n";
}

static SourcePoint readPoint(const YAML::Node &N) {
  return {N["file"].as<std::string>(), N["line"].as<unsigned>(), N["column"].as<unsigned>()};
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
    for (const YAML::Node &N : Root["findings"]) {
      Finding F;
      F.CheckId = N["check"].as<std::string>();
      std::optional<Severity> Level = parseSeverity(N["level"].as<std::string>());
      if (!Level)
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       Name + ":" + llvm::Twine(N.Mark().line + 1) +
                                           ": unknown level");
      F.Level = *Level;
      F.Where = readPoint(N);
      F.Message = N["message"].as<std::string>();
      for (const YAML::Node &R : N["notes"])
        F.Notes.push_back({readPoint(R), R["message"].as<std::string>()});
      for (const YAML::Node &X : N["fixes"]) {
        FixIt Fix;
        Fix.Begin = readPoint(X);
        Fix.End = {Fix.Begin.File, X["end-line"].as<unsigned>(),
                   X["end-column"].as<unsigned>()};
        Fix.Offset = X["offset"].as<unsigned>();
        Fix.Length = X["length"].as<unsigned>();
        Fix.Replacement = X["replacement"].as<std::string>();
        F.Fixes.push_back(std::move(Fix));
      }
      for (const auto &KV : N["properties"])
        F.Properties[KV.first.as<std::string>()] = KV.second.as<std::string>();
      Entry.Findings.push_back(std::move(F));
    }
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
