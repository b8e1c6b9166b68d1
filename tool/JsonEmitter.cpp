//===- tool/JsonEmitter.cpp - conc-advisor's own JSON report ---------------===//
//
// A flat, documented format (docs/user-guide.md) for scripts that want the
// findings without learning SARIF.
//
//===----------------------------------------------------------------------===//
#include "tool/Report.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace conc {

static void point(llvm::json::OStream &J, const SourcePoint &P) {
  J.attribute("file", P.File);
  J.attribute("line", P.Line);
  J.attribute("column", P.Column);
}

std::string emitJson(const Report &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("tool", "conc-advisor");
    J.attribute("version", toolVersion());
    J.attribute("formatVersion", 1);
    J.attribute("unitsAnalyzed", R.UnitsAnalyzed);
    J.attributeArray("findings", [&] {
      for (size_t I = 0; I < R.Findings.size(); ++I) {
        const Finding &F = R.Findings[I];
        J.object([&] {
          J.attribute("check", F.CheckId);
          J.attribute("level", severityName(F.Level));
          point(J, F.Where);
          J.attribute("message", F.Message);
          J.attributeArray("notes", [&] {
            for (const RelatedNote &N : F.Notes)
              J.object([&] {
                point(J, N.Where);
                J.attribute("message", N.Message);
              });
          });
          // Only findings with a fix carry the key: older consumers of
          // formatVersion 1 see no change elsewhere.
          if (!F.Fixes.empty())
            J.attributeArray("fixes", [&] {
              for (const FixIt &Fix : F.Fixes)
                J.object([&] {
                  point(J, Fix.Begin);
                  J.attribute("endLine", Fix.End.Line);
                  J.attribute("endColumn", Fix.End.Column);
                  J.attribute("offset", Fix.Offset);
                  J.attribute("length", Fix.Length);
                  J.attribute("replacement", Fix.Replacement);
                });
            });
          J.attributeObject("properties", [&] {
            for (const auto &[K, V] : F.Properties)
              J.attribute(K, V);
          });
          if (I < R.New.size())
            J.attribute("baselineState", R.New[I] ? "new" : "unchanged");
        });
      }
    });
    J.attributeArray("failedUnits", [&] {
      for (const FailedUnit &U : R.Failed)
        J.object([&] {
          J.attribute("file", U.File);
          J.attribute("reason", failureId(U.Failure));
          J.attributeArray("errors", [&] {
            for (const std::string &E : U.Errors)
              J.value(E);
          });
        });
    });
  });
  OS << "\n";
  return Out;
}

} // namespace conc
