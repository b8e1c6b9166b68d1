//===- core/Finding.cpp ----------------------------------------------------===//
#include "core/Finding.h"

#include <tuple>

namespace conc {

const char *severityName(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "note";
}

std::optional<Severity> parseSeverity(const std::string &Name) {
  if (Name == "note")
    return Severity::Note;
  if (Name == "warning")
    return Severity::Warning;
  if (Name == "error")
    return Severity::Error;
  return std::nullopt;
}

bool SourcePoint::operator<(const SourcePoint &O) const {
  return std::tie(File, Line, Column) < std::tie(O.File, O.Line, O.Column);
}
bool SourcePoint::operator==(const SourcePoint &O) const {
  return std::tie(File, Line, Column) == std::tie(O.File, O.Line, O.Column);
}

static auto fixKey(const FixIt &F) {
  return std::tie(F.Begin, F.End, F.Offset, F.Length, F.Replacement);
}
bool FixIt::operator<(const FixIt &O) const { return fixKey(*this) < fixKey(O); }
bool FixIt::operator==(const FixIt &O) const { return fixKey(*this) == fixKey(O); }

static auto noteKey(const RelatedNote &N) { return std::tie(N.Where, N.Message); }

bool Finding::operator<(const Finding &O) const {
  if (!(Where == O.Where))
    return Where < O.Where;
  if (CheckId != O.CheckId)
    return CheckId < O.CheckId;
  if (Message != O.Message)
    return Message < O.Message;
  if (Notes.size() != O.Notes.size())
    return Notes.size() < O.Notes.size();
  for (size_t I = 0; I < Notes.size(); ++I)
    if (noteKey(Notes[I]) != noteKey(O.Notes[I]))
      return noteKey(Notes[I]) < noteKey(O.Notes[I]);
  if (Fixes != O.Fixes)
    return Fixes < O.Fixes;
  return Properties < O.Properties;
}

bool Finding::operator==(const Finding &O) const {
  return !(*this < O) && !(O < *this);
}

} // namespace conc
