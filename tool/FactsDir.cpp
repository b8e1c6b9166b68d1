//===- tool/FactsDir.cpp ---------------------------------------------------===//
#include "tool/FactsDir.h"


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

} // namespace conc
