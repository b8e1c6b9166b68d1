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

std::optional<UnitResult> loadCachedUnit(llvm::StringRef Dir, const CompileEntry &Entry,
                                         const std::string &Key, ContentHasher &Hasher) {
  auto Text = llvm::MemoryBuffer::getFile(cachePath(Dir, Entry, ".cache.yaml"));
  auto FactsText = llvm::MemoryBuffer::getFile(cachePath(Dir, Entry, ".facts.yaml"));
  if (!Text || !FactsText)
    return std::nullopt;
  UnitResult Unit;
  Unit.File = Entry.File;
  Unit.FromCache = true;
  try {
    YAML::Node Root = YAML::Load((*Text)->getBuffer().str());
    if (!Root.IsMap() || Root["key"].as<std::string>() != Key)
      return std::nullopt;
    for (const YAML::Node &I : Root["inputs"]) {
      std::string Path = I["path"].as<std::string>();
      if (Hasher.hash(Path) != I["hash"].as<std::string>())
        return std::nullopt; // changed, or gone
      Unit.Inputs.push_back(Path);
    }
    auto Findings = readFindings(Root["findings"]);
    if (!Findings)
      return std::nullopt;
    Unit.Findings = std::move(*Findings);
  } catch (const std::exception &) {
    return std::nullopt; // not what this version writes: parse again
  }
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
