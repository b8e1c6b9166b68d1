//===- tool/FactsDir.cpp ---------------------------------------------------===//
#include "tool/FactsDir.h"

#include "model/FactsIO.h"
#include "tool/UnitCache.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <atomic>
#include <set>
#include <thread>

namespace conc {

std::string factsFileName(const CompileEntry &Entry) {
  std::string Command = Entry.File + '\0' + Entry.Directory;
  for (const std::string &A : Entry.Arguments)
    Command += '\0' + A;
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  OS << llvm::sys::path::filename(Entry.File) << "-"
     << llvm::format_hex_no_prefix(llvm::xxh3_64bits(Command), 16) << ".facts.yaml";
  return Name;
}

static llvm::Error fileError(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

/// One unit from its facts file `FactsPath` and the cache entry beside it.
static llvm::Expected<UnitResult> loadUnit(const std::string &FactsPath) {
  llvm::StringRef Stem = llvm::StringRef(FactsPath).drop_back(strlen(".facts.yaml"));
  std::string EntryPath = (Stem + ".cache.yaml").str();
  auto FactsText = readWholeFile(FactsPath);
  if (!FactsText)
    return fileError(FactsPath + ": cannot read: " + FactsText.getError().message());
  auto EntryText = readWholeFile(EntryPath);
  if (!EntryText)
    return fileError(EntryPath + ": cannot read the unit's findings beside " +
                     llvm::sys::path::filename(FactsPath) + ": " +
                     EntryText.getError().message());
  std::optional<CacheEntry> Entry = parseCacheEntry((*EntryText)->getBuffer());
  if (!Entry)
    return fileError(EntryPath + ": damaged, or not a cache entry of this version");
  // The facts beside the entry must be the ones it was written with.
  if (Entry->FactsHash != sha256Hex((*FactsText)->getBuffer()))
    return fileError(FactsPath + ": not the facts its cache entry was written with");
  auto Facts = readFacts((*FactsText)->getBuffer(), FactsPath);
  if (!Facts)
    return Facts.takeError();
  UnitResult Unit;
  Unit.File = Facts->File;
  Unit.FromCache = true;
  Unit.Facts = std::move(*Facts);
  Unit.Findings = std::move(Entry->Findings);
  return Unit;
}

/// A unit that failed in the run that wrote `Path` (a failure record).
static llvm::Expected<UnitResult> loadFailedUnit(const std::string &Path) {
  auto Text = readWholeFile(Path);
  if (!Text)
    return fileError(Path + ": cannot read: " + Text.getError().message());
  auto Unit = parseFailedUnit((*Text)->getBuffer(), Path);
  if (Unit)
    Unit->FromCache = true;
  return Unit;
}

static constexpr llvm::StringLiteral FactsSuffix = ".facts.yaml", FailedSuffix = ".failed.yaml";

llvm::Expected<std::vector<UnitResult>> loadFactsDir(llvm::StringRef Dir, unsigned Jobs) {
  std::vector<std::string> Paths;
  std::set<std::string> FailedStems;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Path = It->path();
    if (Path.ends_with(FactsSuffix))
      Paths.push_back(Path.str());
    else if (Path.ends_with(FailedSuffix)) {
      Paths.push_back(Path.str());
      FailedStems.insert(Path.drop_back(FailedSuffix.size()).str());
    }
  }
  if (EC)
    return fileError(Dir + ": cannot read the facts directory: " + EC.message());
  if (Paths.empty())
    return fileError(Dir + ": no facts (*.facts.yaml) in the facts directory");
  // Facts beside a failure record are an earlier run's: the unit failed
  // since (storeFailedUnit writes the record first).
  llvm::erase_if(Paths, [&](const std::string &P) {
    return llvm::StringRef(P).ends_with(FactsSuffix) &&
           FailedStems.count(llvm::StringRef(P).drop_back(FactsSuffix.size()).str());
  });
  llvm::sort(Paths);

  std::vector<UnitResult> Units(Paths.size());
  std::vector<std::string> Errors(Paths.size());
  std::atomic<size_t> Next{0};
  auto Worker = [&] {
    for (size_t I = Next++; I < Paths.size(); I = Next++) {
      auto Unit = llvm::StringRef(Paths[I]).ends_with(FailedSuffix) ? loadFailedUnit(Paths[I])
                                                                    : loadUnit(Paths[I]);
      if (Unit)
        Units[I] = std::move(*Unit);
      else
        Errors[I] = llvm::toString(Unit.takeError());
    }
  };
  unsigned Threads = std::max(1u, std::min<unsigned>(Jobs, Paths.size()));
  std::vector<std::thread> Pool;
  for (unsigned J = 1; J < Threads; ++J)
    Pool.emplace_back(Worker);
  Worker();
  for (std::thread &T : Pool)
    T.join();
  // The first error in file-name order, whatever -j did.
  for (const std::string &E : Errors)
    if (!E.empty())
      return fileError(E);
  return Units;
}

} // namespace conc
