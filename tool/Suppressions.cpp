//===- tool/Suppressions.cpp -----------------------------------------------===//
//
// Follows clang-tidy 19's NoLintDirectiveHandler: "NOLINT" is searched in the
// raw text (comments or not), the upper-case letters right after it name the
// kind, and a '(' starts a comma-separated glob list that must close on the
// same line, or the directive applies to every check. Negative globs are
// ignored. NOLINTBEGIN/NOLINTEND nest like a stack, and an END closes the
// innermost open BEGIN only when their glob lists are the same.
//
//===----------------------------------------------------------------------===//
#include "tool/Suppressions.h"

#include "checks/CheckRegistry.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <map>

namespace conc {

namespace {

std::string normalizeGlobs(llvm::StringRef Globs) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Globs.split(Parts, ',');
  std::string Out;
  for (size_t I = 0; I < Parts.size(); ++I)
    Out += (I ? "," : "") + Parts[I].trim().str();
  return Out;
}

} // namespace

bool NolintDirectives::Directive::matches(llvm::StringRef CheckId) const {
  llvm::SmallVector<llvm::StringRef, 4> Globs;
  llvm::StringRef(Checks).split(Globs, ',', -1, /*KeepEmpty=*/false);
  bool Match = false;
  for (llvm::StringRef G : Globs)
    if (!G.starts_with("-") && globMatch(G, CheckId))
      Match = true;
  return Match;
}

NolintDirectives::NolintDirectives(llvm::StringRef Text) {
  LineStarts.push_back(0);
  for (size_t I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n')
      LineStarts.push_back(I + 1);

  static constexpr llvm::StringLiteral Nolint = "NOLINT";
  size_t Pos = 0;
  while ((Pos = Text.find(Nolint, Pos)) != llvm::StringRef::npos) {
    size_t Start = Pos;
    Pos += Nolint.size();
    while (Pos < Text.size() && llvm::isAlpha(Text[Pos]))
      ++Pos;
    llvm::StringRef Word = Text.slice(Start, Pos);
    Kind K;
    if (Word == "NOLINT")
      K = Kind::Line;
    else if (Word == "NOLINTNEXTLINE")
      K = Kind::NextLine;
    else if (Word == "NOLINTBEGIN")
      K = Kind::Begin;
    else if (Word == "NOLINTEND")
      K = Kind::End;
    else
      continue;
    std::string Checks = "*";
    if (Pos < Text.size() && Text[Pos] == '(') {
      size_t Close = Text.find_first_of("\n)", Pos + 1);
      if (Close != llvm::StringRef::npos && Text[Close] == ')') {
        Checks = normalizeGlobs(Text.slice(Pos + 1, Close));
        Pos = Close + 1;
      }
    }
    Directives.push_back({K, Start, std::move(Checks)});
  }

  std::vector<const Directive *> Open;
  for (const Directive &D : Directives) {
    if (D.K == Kind::Begin) {
      Open.push_back(&D);
    } else if (D.K == Kind::End) {
      if (!Open.empty() && Open.back()->Checks == D.Checks) {
        Blocks.push_back({Open.back()->Offset, D.Offset, Open.back()});
        Open.pop_back();
      } else {
        Unmatched.push_back(&D);
      }
    }
  }
  Unmatched.insert(Unmatched.end(), Open.begin(), Open.end());
  std::sort(Unmatched.begin(), Unmatched.end(),
            [](const Directive *A, const Directive *B) { return A->Offset < B->Offset; });
}

size_t NolintDirectives::offsetOf(unsigned Line, unsigned Column) const {
  if (Line == 0 || Line > LineStarts.size())
    return llvm::StringRef::npos;
  return LineStarts[Line - 1] + (Column ? Column - 1 : 0);
}

unsigned NolintDirectives::lineOf(size_t Offset) const {
  return std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset) - LineStarts.begin();
}

bool NolintDirectives::suppresses(llvm::StringRef CheckId, unsigned Line,
                                  unsigned Column) const {
  size_t Offset = offsetOf(Line, Column);
  if (Offset == llvm::StringRef::npos)
    return false;
  for (const Directive &D : Directives) {
    if (D.K == Kind::Line && lineOf(D.Offset) == Line && D.matches(CheckId))
      return true;
    if (D.K == Kind::NextLine && lineOf(D.Offset) + 1 == Line && D.matches(CheckId))
      return true;
  }
  for (const Block &B : Blocks)
    if (B.Begin <= Offset && Offset <= B.End && B.Opener->matches(CheckId))
      return true;
  return false;
}

std::vector<Finding> NolintDirectives::unmatched(llvm::StringRef File) const {
  std::vector<Finding> Errors;
  for (const Directive *D : Unmatched) {
    Finding F;
    F.CheckId = NolintErrorId;
    F.Level = Severity::Error;
    unsigned Line = lineOf(D->Offset);
    F.Where = {File.str(), Line, unsigned(D->Offset - LineStarts[Line - 1] + 1)};
    F.Message = D->K == Kind::Begin
                    ? "unmatched 'NOLINTBEGIN' comment without a subsequent "
                      "'NOLINTEND' comment"
                    : "unmatched 'NOLINTEND' comment without a previous "
                      "'NOLINTBEGIN' comment";
    Errors.push_back(std::move(F));
  }
  return Errors;
}

void applyNolintComments(
    std::vector<Finding> &Findings,
    llvm::function_ref<std::optional<std::string>(llvm::StringRef File)> ReadFile) {
  // Each file is read and scanned once, however many findings it has.
  std::map<std::string, std::optional<NolintDirectives>> ByFile;
  for (const Finding &F : Findings) {
    if (ByFile.count(F.Where.File))
      continue;
    std::optional<std::string> Text = ReadFile(F.Where.File);
    auto &Slot = ByFile[F.Where.File];
    if (Text)
      Slot.emplace(*Text);
  }
  llvm::erase_if(Findings, [&](const Finding &F) {
    const auto &D = ByFile[F.Where.File];
    return D && D->suppresses(F.CheckId, F.Where.Line, F.Where.Column);
  });
  for (const auto &[File, D] : ByFile)
    if (D)
      for (Finding &E : D->unmatched(File))
        Findings.push_back(std::move(E));
}

} // namespace conc
