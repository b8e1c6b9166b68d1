//===- tool/Baseline.cpp ---------------------------------------------------===//
#include "tool/Baseline.h"

#include "tool/CompileDatabase.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

#include <map>
#include <tuple>

namespace conc {

namespace {

std::string collapseWhitespace(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text.trim()) {
    if (llvm::isSpace(C)) {
      if (!Out.empty() && Out.back() != ' ')
        Out += ' ';
    } else {
      Out += C;
    }
  }
  return Out;
}

std::string blankDigits(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text)
    if (!llvm::isDigit(C))
      Out += C;
    else if (Out.empty() || Out.back() != '#')
      Out += '#';
  return Out;
}

llvm::Error badBaseline(llvm::StringRef Path, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 Path + ": not a usable --baseline: " + Why);
}

} // namespace

std::string relativePath(llvm::StringRef File, llvm::StringRef Root) {
  if (Root.empty())
    return File.str();
  // Walk up from Root until File lies below: "../src/a.cpp" from build/.
  std::string Base = Root.rtrim('/').str();
  std::string Up;
  while (!Base.empty()) {
    if (File.starts_with(Base) && (File.size() == Base.size() || File[Base.size()] == '/'))
      return Up + File.drop_front(Base.size()).ltrim('/').str();
    Base = llvm::sys::path::parent_path(Base).rtrim('/').str();
    Up += "../";
  }
  return File.str();
}

std::vector<std::string> fingerprintFindings(const std::vector<Finding> &Findings,
                                             SourceTexts &Sources, llvm::StringRef Root) {
  std::vector<std::string> Prints;
  std::map<std::string, unsigned> Seen;
  const std::string Sep(1, '\0');
  for (const Finding &F : Findings) {
    std::string Key = F.CheckId + Sep + relativePath(F.Where.File, Root) + Sep +
                      collapseWhitespace(Sources.line(F.Where.File, F.Where.Line)) +
                      Sep + blankDigits(F.Message);
    unsigned Occurrence = Seen[Key]++;
    Key += Sep + std::to_string(Occurrence);
    auto Hash = llvm::SHA256::hash(llvm::arrayRefFromStringRef(Key));
    Prints.push_back(llvm::toHex(llvm::ArrayRef<uint8_t>(Hash).take_front(16),
                                 /*LowerCase=*/true));
  }
  return Prints;
}

llvm::Expected<std::set<std::string>> loadBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return badBaseline(Path, "cannot read it: " + Buffer.getError().message());
  return parseBaseline((*Buffer)->getBuffer(), Path);
}

llvm::Expected<std::set<std::string>> parseBaseline(llvm::StringRef Text,
                                                    llvm::StringRef Path) {
  llvm::Expected<llvm::json::Value> Root = parseJsonFile(Text, Path);
  if (!Root)
    return Root.takeError();
  const llvm::json::Object *Top = Root->getAsObject();
  const llvm::json::Array *Runs = Top ? Top->getArray("runs") : nullptr;
  if (!Runs)
    return badBaseline(Path, "not a SARIF report (no \"runs\" array); write one with "
                             "--format=sarif");
  std::set<std::string> Prints;
  for (const llvm::json::Value &Run : *Runs) {
    const llvm::json::Object *R = Run.getAsObject();
    const llvm::json::Array *Results = R ? R->getArray("results") : nullptr;
    if (!Results)
      return badBaseline(Path, "a run has no \"results\" array");
    for (const llvm::json::Value &Result : *Results) {
      const llvm::json::Object *Res = Result.getAsObject();
      const llvm::json::Object *Partial =
          Res ? Res->getObject("partialFingerprints") : nullptr;
      std::optional<llvm::StringRef> Print =
          Partial ? Partial->getString(FingerprintKey) : std::nullopt;
      if (!Print)
        return badBaseline(Path, llvm::Twine("a result has no \"") + FingerprintKey +
                                     "\" fingerprint; it was not written by this "
                                     "version of conc-advisor --format=sarif");
      Prints.insert(Print->str());
    }
  }
  return Prints;
}

} // namespace conc
