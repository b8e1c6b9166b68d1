//===- checks/ConcCheck.cpp ------------------------------------------------===//
#include "checks/ConcCheck.h"

#include "checks/CheckRegistry.h"
#include "checks/FactExtractor.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

#include <cassert>

namespace conc {

std::optional<SourcePoint> resolvePoint(clang::SourceLocation Loc,
                                        const clang::SourceManager &SM,
                                        llvm::StringRef WorkingDirectory,
                                        bool AllowSystem) {
  if (Loc.isInvalid())
    return std::nullopt;
  if (!AllowSystem && SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
    return std::nullopt;
  clang::SourceLocation Expansion = SM.getExpansionLoc(Loc);
  clang::FileID FID = SM.getFileID(Expansion);
  clang::OptionalFileEntryRef Entry = SM.getFileEntryRefForID(FID);
  if (!Entry)
    return std::nullopt; // <built-in>, <command line>, scratch space.
  llvm::SmallString<256> Path(Entry->getName());
  if (!llvm::sys::path::is_absolute(Path)) {
    llvm::SmallString<256> Abs(WorkingDirectory);
    llvm::sys::path::append(Abs, Path);
    Path = Abs;
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  SourcePoint P;
  P.File = std::string(Path);
  P.Line = SM.getExpansionLineNumber(Expansion);
  P.Column = SM.getExpansionColumnNumber(Expansion);
  return P;
}

std::optional<SourcePoint>
ConcCheck::anyPoint(clang::SourceLocation Loc,
                    const clang::SourceManager &SM) const {
  return resolvePoint(Loc, SM, Context.WorkingDirectory, /*AllowSystem=*/true);
}

std::optional<SourcePoint>
ConcCheck::userPoint(clang::SourceLocation Loc,
                     const clang::SourceManager &SM) const {
  return resolvePoint(Loc, SM, Context.WorkingDirectory, /*AllowSystem=*/false);
}

std::optional<ConcCheck::CodePoint> ConcCheck::codePointOf(const clang::Stmt &S,
                                                          clang::ASTContext &Ctx) const {
  const clang::SourceManager &SM = Ctx.getSourceManager();
  std::optional<SourcePoint> Where = userPoint(S.getBeginLoc(), SM);
  if (!Where)
    return std::nullopt;
  PointResolver Resolve = [&](clang::SourceLocation L) { return userPoint(L, SM); };
  std::string Code = codeUsr(S, Ctx, rules(), Resolve);
  if (Code.empty())
    return std::nullopt;
  return CodePoint{std::move(Code), std::move(*Where)};
}

std::optional<FixIt> ConcCheck::insertionBefore(clang::SourceLocation Loc,
                                                std::string Text,
                                                const clang::SourceManager &SM) const {
  if (Loc.isInvalid() || !Loc.isFileID())
    return std::nullopt;
  std::optional<SourcePoint> At = userPoint(Loc, SM);
  if (!At)
    return std::nullopt;
  FixIt F;
  F.Begin = F.End = *At;
  F.Offset = SM.getFileOffset(Loc);
  F.Replacement = std::move(Text);
  return F;
}

Finding &ConcCheck::report(const SourcePoint &Where, std::string Message) {
  Finding F;
  F.CheckId = Id;
  F.Level = Level;
  F.Where = Where;
  F.Message = std::move(Message);
  Context.Findings.push_back(std::move(F));
  return Context.Findings.back();
}

std::string ConcCheck::optionText(llvm::StringRef Name) const {
  if (Context.Options) {
    auto It = Context.Options->find(Id + "." + Name.str());
    if (It != Context.Options->end())
      return It->second;
  }
  if (const CheckInfo *Info = findCheck(Id))
    for (const CheckOptionInfo &O : Info->Options)
      if (Name == O.Name)
        return O.Default;
  // Reading an option the check never declared is a bug in the check.
  assert(false && "option not declared in the check's CheckInfo");
  return "";
}

bool ConcCheck::optionBool(llvm::StringRef Name) const {
  return optionText(Name) == "true";
}

unsigned ConcCheck::optionUnsigned(llvm::StringRef Name) const {
  unsigned N = 0;
  llvm::StringRef(optionText(Name)).trim().getAsInteger(10, N);
  return N;
}

std::vector<std::string> ConcCheck::optionList(llvm::StringRef Name) const {
  return splitOptionList(optionText(Name));
}

} // namespace conc
