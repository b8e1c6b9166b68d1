//===- tool/FindingsYaml.cpp -----------------------------------------------===//
#include "tool/FindingsYaml.h"

namespace conc {

static void emitPoint(YAML::Emitter &E, const SourcePoint &P) {
  E << YAML::Key << "file" << YAML::Value << YAML::DoubleQuoted << P.File;
  E << YAML::Key << "line" << YAML::Value << P.Line;
  E << YAML::Key << "column" << YAML::Value << P.Column;
}

void emitFindings(YAML::Emitter &E, const std::vector<Finding> &Findings) {
  E << YAML::BeginSeq;
  for (const Finding &F : Findings) {
    E << YAML::BeginMap;
    E << YAML::Key << "check" << YAML::Value << F.CheckId;
    E << YAML::Key << "level" << YAML::Value << severityName(F.Level);
    emitPoint(E, F.Where);
    E << YAML::Key << "message" << YAML::Value << YAML::DoubleQuoted << F.Message;
    E << YAML::Key << "notes" << YAML::Value << YAML::BeginSeq;
    for (const RelatedNote &N : F.Notes) {
      E << YAML::Flow << YAML::BeginMap;
      emitPoint(E, N.Where);
      E << YAML::Key << "message" << YAML::Value << YAML::DoubleQuoted << N.Message;
      E << YAML::EndMap;
    }
    E << YAML::EndSeq;
    E << YAML::Key << "fixes" << YAML::Value << YAML::BeginSeq;
    for (const FixIt &X : F.Fixes) {
      E << YAML::Flow << YAML::BeginMap;
      emitPoint(E, X.Begin);
      E << YAML::Key << "end-line" << YAML::Value << X.End.Line;
      E << YAML::Key << "end-column" << YAML::Value << X.End.Column;
      E << YAML::Key << "offset" << YAML::Value << X.Offset;
      E << YAML::Key << "length" << YAML::Value << X.Length;
      E << YAML::Key << "replacement" << YAML::Value << YAML::DoubleQuoted << X.Replacement;
      E << YAML::EndMap;
    }
    E << YAML::EndSeq;
    E << YAML::Key << "properties" << YAML::Value << YAML::BeginMap;
    for (const auto &[K, V] : F.Properties)
      E << YAML::Key << YAML::DoubleQuoted << K << YAML::Value << YAML::DoubleQuoted << V;
    E << YAML::EndMap;
    E << YAML::EndMap;
  }
  E << YAML::EndSeq;
}

static SourcePoint readPoint(const YAML::Node &N) {
  return {N["file"].as<std::string>(), N["line"].as<unsigned>(), N["column"].as<unsigned>()};
}

std::optional<std::vector<Finding>> readFindings(const YAML::Node &Sequence) {
  std::vector<Finding> Out;
  try {
    if (!Sequence.IsSequence())
      return std::nullopt;
    for (const YAML::Node &N : Sequence) {
      if (!N.IsMap())
        return std::nullopt;
      Finding F;
      F.CheckId = N["check"].as<std::string>();
      std::optional<Severity> Level = parseSeverity(N["level"].as<std::string>());
      if (!Level)
        return std::nullopt;
      F.Level = *Level;
      F.Where = readPoint(N);
      F.Message = N["message"].as<std::string>();
      for (const YAML::Node &R : N["notes"])
        F.Notes.push_back({readPoint(R), R["message"].as<std::string>()});
      for (const YAML::Node &X : N["fixes"]) {
        FixIt Fix;
        Fix.Begin = readPoint(X);
        Fix.End = {Fix.Begin.File, X["end-line"].as<unsigned>(),
                   X["end-column"].as<unsigned>()};
        Fix.Offset = X["offset"].as<unsigned>();
        Fix.Length = X["length"].as<unsigned>();
        Fix.Replacement = X["replacement"].as<std::string>();
        F.Fixes.push_back(std::move(Fix));
      }
      for (const auto &KV : N["properties"])
        F.Properties[KV.first.as<std::string>()] = KV.second.as<std::string>();
      Out.push_back(std::move(F));
    }
  } catch (const std::exception &) {
    return std::nullopt; // yaml-cpp's BadConversion, InvalidNode, ...
  }
  return Out;
}

} // namespace conc
