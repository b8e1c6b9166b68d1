//===- tool/LspDiagnostics.cpp ---------------------------------------------===//
#include "tool/LspDiagnostics.h"

#include "tool/Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Path.h"

#include <map>

namespace conc {

/// UTF-16 code units in `Bytes` (a UTF-8 prefix of a line).
static unsigned utf16Length(llvm::StringRef Bytes) {
  unsigned Units = 0;
  for (size_t I = 0; I < Bytes.size();) {
    unsigned char C = Bytes[I];
    unsigned Len = llvm::getNumBytesForUTF8(C);
    if (Len == 0 || I + Len > Bytes.size())
      Len = 1; // Invalid UTF-8: one unit per byte, as clangd does.
    Units += Len == 4 ? 2 : 1;
    I += Len;
  }
  return Units;
}

/// The bytes of 1-based line `Line` of `Text`, without its line break.
static llvm::StringRef lineOf(llvm::StringRef Text, unsigned Line) {
  for (unsigned L = 1; L < Line && !Text.empty(); ++L) {
    size_t NL = Text.find('\n');
    Text = NL == llvm::StringRef::npos ? llvm::StringRef() : Text.drop_front(NL + 1);
  }
  return Text.take_until([](char C) { return C == '\n' || C == '\r'; });
}

llvm::json::Object lspPosition(llvm::StringRef Text, unsigned Line, unsigned Column) {
  int64_t L = Line ? Line - 1 : 0;
  llvm::StringRef Bytes = lineOf(Text, Line);
  unsigned ByteColumn = Column ? Column - 1 : 0;
  // Unknown text (the file is gone): bytes are the best guess.
  int64_t C = Bytes.empty() && ByteColumn > 0 ? ByteColumn
                                              : utf16Length(Bytes.take_front(ByteColumn));
  return llvm::json::Object{{"line", L}, {"character", C}};
}

size_t lspOffset(llvm::StringRef Text, const llvm::json::Object &Position) {
  int64_t Line = Position.getInteger("line").value_or(0);
  int64_t Units = Position.getInteger("character").value_or(0);
  size_t Offset = 0;
  for (int64_t L = 0; L < Line; ++L) {
    size_t NL = Text.find('\n', Offset);
    if (NL == llvm::StringRef::npos)
      return Text.size();
    Offset = NL + 1;
  }
  while (Units > 0 && Offset < Text.size() && Text[Offset] != '\n') {
    unsigned Len = llvm::getNumBytesForUTF8(Text[Offset]);
    if (Len == 0 || Offset + Len > Text.size())
      Len = 1;
    Units -= Len == 4 ? 2 : 1;
    Offset += Len;
  }
  return Offset;
}

/// The range of the token at the point: a name (qualified: std::async) is
/// underlined whole, anything else one character, so that the editor has
/// something to point at.
static llvm::json::Object pointRange(const SourcePoint &P, const TextOf &Text) {
  std::string Content = Text(P.File);
  llvm::StringRef Line = lineOf(Content, P.Line);
  unsigned Begin = P.Column ? P.Column - 1 : 0;
  unsigned End = Begin;
  auto IsIdent = [](char C) { return llvm::isAlnum(C) || C == '_' || C == ':'; };
  while (End < Line.size() && IsIdent(Line[End]))
    ++End;
  if (End == Begin)
    ++End;
  return llvm::json::Object{{"start", lspPosition(Content, P.Line, Begin + 1)},
                            {"end", lspPosition(Content, P.Line, End + 1)}};
}

/// DiagnosticSeverity: Error 1, Warning 2, Information 3. Notes are
/// Information, not Hint: editors render hints faintly or not at all.
static int lspSeverity(Severity S) {
  switch (S) {
  case Severity::Error:
    return 1;
  case Severity::Warning:
    return 2;
  case Severity::Note:
    return 3;
  }
  return 3;
}

llvm::json::Object lspDiagnostic(const Finding &F, const TextOf &Text,
                                 llvm::StringRef DocsDir) {
  llvm::json::Object D{{"range", pointRange(F.Where, Text)},
                       {"severity", lspSeverity(F.Level)},
                       {"code", F.CheckId},
                       {"source", "conc-advisor"},
                       {"message", F.Message}};
  if (!DocsDir.empty()) {
    llvm::SmallString<256> Page(DocsDir);
    llvm::sys::path::append(Page, F.CheckId + ".md");
    D["codeDescription"] = llvm::json::Object{{"href", fileUri(Page)}};
  }
  if (!F.Notes.empty()) {
    llvm::json::Array Related;
    for (const RelatedNote &N : F.Notes)
      Related.push_back(llvm::json::Object{
          {"location", llvm::json::Object{{"uri", fileUri(N.Where.File)},
                                          {"range", pointRange(N.Where, Text)}}},
          {"message", N.Message}});
    D["relatedInformation"] = std::move(Related);
  }
  return D;
}

bool lspRangeTouchesLines(const llvm::json::Object &Diagnostic, int64_t First,
                          int64_t Last) {
  const llvm::json::Object *Range = Diagnostic.getObject("range");
  if (!Range)
    return false;
  auto LineOf = [&](llvm::StringRef Key) -> int64_t {
    const llvm::json::Object *P = Range->getObject(Key);
    return P ? P->getInteger("line").value_or(-1) : -1;
  };
  return LineOf("start") <= Last && LineOf("end") >= First;
}

llvm::json::Object lspFixAction(const Finding &F, const llvm::json::Object &Diagnostic,
                                const TextOf &Text) {
  // One fix may edit several files; std::map keeps the edit deterministic.
  std::map<std::string, llvm::json::Array> Edits;
  std::map<std::string, std::string> Contents;
  for (const FixIt &Fix : F.Fixes) {
    auto [It, New] = Contents.try_emplace(Fix.Begin.File);
    if (New)
      It->second = Text(Fix.Begin.File);
    const std::string &Content = It->second;
    Edits[fileUri(Fix.Begin.File)].push_back(llvm::json::Object{
        {"range",
         llvm::json::Object{
             {"start", lspPosition(Content, Fix.Begin.Line, Fix.Begin.Column)},
             {"end", lspPosition(Content, Fix.End.Line, Fix.End.Column)}}},
        {"newText", Fix.Replacement}});
  }
  llvm::json::Object Changes;
  for (auto &[Uri, FileEdits] : Edits)
    Changes[Uri] = std::move(FileEdits);
  std::string Title = "Apply the fix of " + F.CheckId;
  if (F.Fixes.size() == 1 && F.Fixes.front().Length == 0)
    Title = "Insert '" + F.Fixes.front().Replacement + "' (" + F.CheckId + ")";
  return llvm::json::Object{
      {"title", Title},
      {"kind", "quickfix"},
      {"isPreferred", true},
      {"diagnostics", llvm::json::Array{llvm::json::Object(Diagnostic)}},
      {"edit", llvm::json::Object{{"changes", std::move(Changes)}}}};
}

} // namespace conc
