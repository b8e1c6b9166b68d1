//===- tool/FixApplier.cpp -------------------------------------------------===//
//
// Two phases: check every file's edits and write every new file aside, then
// rename them all into place. A conflict or a failed write in the first
// phase removes the temporary files and changes nothing.
//
//===----------------------------------------------------------------------===//
#include "tool/FixApplier.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace conc {

namespace {

struct Edit {
  const FixIt *Fix;
  const Finding *Owner;
  unsigned end() const { return Fix->Offset + Fix->Length; }
};

llvm::Error failure(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

std::string where(const SourcePoint &P) {
  return P.File + ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
}

/// Two edits conflict when their ranges share a byte, when one inserts
/// strictly inside the other's range, or when both insert different text
/// at one point (which first would be a guess).
bool conflict(const Edit &A, const Edit &B) {
  unsigned A0 = A.Fix->Offset, A1 = A.end(), B0 = B.Fix->Offset, B1 = B.end();
  if (A0 == A1 && B0 == B1)
    return A0 == B0;
  if (A0 == A1)
    return B0 < A0 && A0 < B1;
  if (B0 == B1)
    return A0 < B0 && B0 < A1;
  return A0 < B1 && B0 < A1;
}

struct PendingFile {
  std::string Path, Temp;
};

void removeTemps(const std::vector<PendingFile> &Pending) {
  for (const PendingFile &P : Pending)
    llvm::sys::fs::remove(P.Temp);
}

} // namespace

llvm::Expected<FixOutcome> applyFixes(const std::vector<Finding> &Findings,
                                      SourceTexts &Sources) {
  std::map<std::string, std::vector<Edit>> ByFile;
  for (const Finding &F : Findings)
    for (const FixIt &Fix : F.Fixes)
      ByFile[Fix.Begin.File].push_back({&Fix, &F});

  FixOutcome Outcome;
  std::vector<PendingFile> Pending;
  std::vector<std::pair<std::string, std::string>> NewTexts;
  for (auto &[File, Edits] : ByFile) {
    std::sort(Edits.begin(), Edits.end(), [](const Edit &A, const Edit &B) {
      return std::tie(A.Fix->Offset, A.Fix->Length, A.Fix->Replacement) <
             std::tie(B.Fix->Offset, B.Fix->Length, B.Fix->Replacement);
    });
    Edits.erase(std::unique(Edits.begin(), Edits.end(),
                            [](const Edit &A, const Edit &B) {
                              return A.Fix->Offset == B.Fix->Offset &&
                                     A.Fix->Length == B.Fix->Length &&
                                     A.Fix->Replacement == B.Fix->Replacement;
                            }),
                Edits.end());
    std::optional<llvm::StringRef> Text = Sources.text(File);
    if (!Text)
      return failure(File + ": cannot read the file to fix; no file was changed");
    for (size_t I = 0; I < Edits.size(); ++I) {
      if (Edits[I].end() > Text->size())
        return failure(where(Edits[I].Fix->Begin) + ": the fix-it of [" +
                       Edits[I].Owner->CheckId +
                       "] lies past the end of the file, which changed since the "
                       "analysis; no file was changed");
      // Sorted by offset: a conflict, if any, is with a neighbour that
      // starts before this edit ends.
      for (size_t J = I + 1; J < Edits.size() && Edits[J].Fix->Offset <= Edits[I].end(); ++J)
        if (conflict(Edits[I], Edits[J]))
          return failure(where(Edits[J].Fix->Begin) + ": the fix-its of [" +
                         Edits[I].Owner->CheckId + "] at line " +
                         std::to_string(Edits[I].Owner->Where.Line) + " and [" +
                         Edits[J].Owner->CheckId + "] at line " +
                         std::to_string(Edits[J].Owner->Where.Line) +
                         " overlap; no file was changed");
    }
    std::string New;
    unsigned Done = 0;
    for (const Edit &E : Edits) {
      New += Text->slice(Done, E.Fix->Offset);
      New += E.Fix->Replacement;
      Done = E.end();
    }
    New += Text->drop_front(Done);
    Outcome.Edits += Edits.size();
    NewTexts.push_back({File, std::move(New)});
  }

  for (const auto &[File, New] : NewTexts) {
    llvm::SmallString<256> Model(File), Temp;
    Model += ".fix-%%%%%%%%";
    int FD = -1;
    if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Temp)) {
      removeTemps(Pending);
      return failure(File + ": cannot write the fixed file aside: " + EC.message() +
                     "; no file was changed");
    }
    Pending.push_back({File, std::string(Temp)});
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << New;
    OS.close();
    auto Perms = llvm::sys::fs::getPermissions(File);
    if (OS.has_error() || !Perms || llvm::sys::fs::setPermissions(Temp, *Perms)) {
      OS.clear_error();
      removeTemps(Pending);
      return failure(File + ": cannot write the fixed file aside; no file was changed");
    }
  }
  for (const PendingFile &P : Pending)
    if (std::error_code EC = llvm::sys::fs::rename(P.Temp, P.Path)) {
      removeTemps(Pending);
      return failure(P.Path + ": cannot replace the file with its fixed text: " +
                     EC.message());
    }
  Outcome.Files = Pending.size();
  return Outcome;
}

} // namespace conc
