//===- tool/FixExport.cpp --------------------------------------------------===//
//
// clang::tooling::TranslationUnitDiagnostics as LLVM's YAML I/O maps it
// (clang/Tooling/DiagnosticsYaml.h), written with yaml-cpp so that text with
// quotes or line breaks is escaped correctly.
//
//===----------------------------------------------------------------------===//
#include "tool/FixExport.h"

#include <yaml-cpp/yaml.h>

namespace conc {

/// clang::tooling::Diagnostic has Remark, Warning and Error; a note is the
/// Remark of that scale.
static const char *diagnosticLevel(Severity S) {
  switch (S) {
  case Severity::Note:
    return "Remark";
  case Severity::Warning:
    return "Warning";
  case Severity::Error:
    return "Error";
  }
  return "Warning";
}

std::string emitFixesYaml(const std::vector<Finding> &Findings,
                          llvm::StringRef MainSourceFile, SourceTexts &Sources) {
  YAML::Emitter Out;
  Out << YAML::BeginDoc << YAML::BeginMap;
  Out << YAML::Key << "MainSourceFile" << YAML::Value << MainSourceFile.str();
  Out << YAML::Key << "Diagnostics" << YAML::Value << YAML::BeginSeq;
  for (const Finding &F : Findings) {
    Out << YAML::BeginMap;
    Out << YAML::Key << "DiagnosticName" << YAML::Value << F.CheckId;
    Out << YAML::Key << "DiagnosticMessage" << YAML::Value << YAML::BeginMap;
    Out << YAML::Key << "Message" << YAML::Value << YAML::DoubleQuoted << F.Message;
    Out << YAML::Key << "FilePath" << YAML::Value << F.Where.File;
    Out << YAML::Key << "FileOffset" << YAML::Value
        << Sources.offsetOf(F.Where.File, F.Where.Line, F.Where.Column).value_or(0);
    Out << YAML::Key << "Replacements" << YAML::Value << YAML::BeginSeq;
    for (const FixIt &Fix : F.Fixes) {
      Out << YAML::BeginMap;
      Out << YAML::Key << "FilePath" << YAML::Value << Fix.Begin.File;
      Out << YAML::Key << "Offset" << YAML::Value << Fix.Offset;
      Out << YAML::Key << "Length" << YAML::Value << Fix.Length;
      Out << YAML::Key << "ReplacementText" << YAML::Value << YAML::DoubleQuoted
          << Fix.Replacement;
      Out << YAML::EndMap;
    }
    Out << YAML::EndSeq;
    Out << YAML::EndMap;
    Out << YAML::Key << "Level" << YAML::Value << diagnosticLevel(F.Level);
    Out << YAML::EndMap;
  }
  Out << YAML::EndSeq << YAML::EndMap << YAML::EndDoc;
  return std::string(Out.c_str()) + "\n";
}

} // namespace conc
