//===- tool/FactsDir.cpp ---------------------------------------------------===//
#include "tool/FactsDir.h"

#include "model/FactsIO.h"
#include "tool/AtomicFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

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

llvm::Error writeFactsDir(llvm::StringRef Dir, llvm::ArrayRef<CompileEntry> Entries,
                          llvm::ArrayRef<UnitResult> Units) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return llvm::createStringError(EC, "%s: cannot create the facts directory: %s",
                                   Dir.str().c_str(), EC.message().c_str());
  for (size_t I = 0; I < Units.size() && I < Entries.size(); ++I) {
    if (Units[I].Failed)
      continue;
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, factsFileName(Entries[I]));
    if (auto E = writeFileAtomically(Path, writeFacts(Units[I].Facts)))
      return E;
  }
  return llvm::Error::success();
}

} // namespace conc
