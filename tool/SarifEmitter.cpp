//===- tool/SarifEmitter.cpp - SARIF 2.1.0 ---------------------------------===//
//
// What GitHub code scanning, GitLab and IDE SARIF viewers read. Findings are
// results; their notes are relatedLocations; their fix-its are `fixes`; their
// properties (api, entry, kind, ...) are result properties. Units that failed to parse are
// toolExecutionNotifications, and make executionSuccessful false.
//
//===----------------------------------------------------------------------===//
#include "tool/Report.h"

#include "tool/Baseline.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace conc {

std::string fileUri(llvm::StringRef AbsolutePath) {
  std::string Out = "file://";
  for (unsigned char C : AbsolutePath) {
    if (llvm::isAlnum(C) || C == '/' || C == '-' || C == '_' || C == '.' || C == '~')
      Out += C;
    else
      Out += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

static const char *sarifLevel(Severity S) {
  // SARIF spells the levels as we do: note, warning, error.
  return severityName(S);
}

static void physicalLocation(llvm::json::OStream &J, const SourcePoint &P) {
  J.attributeObject("physicalLocation", [&] {
    J.attributeObject("artifactLocation", [&] { J.attribute("uri", fileUri(P.File)); });
    J.attributeObject("region", [&] {
      J.attribute("startLine", P.Line);
      J.attribute("startColumn", P.Column);
    });
  });
}

/// One fix: its edits grouped by file, in the order the check gave them.
static void fixObject(llvm::json::OStream &J, const std::vector<FixIt> &Fixes) {
  std::vector<std::string> Files;
  for (const FixIt &F : Fixes)
    if (!llvm::is_contained(Files, F.Begin.File))
      Files.push_back(F.Begin.File);
  J.object([&] {
    J.attributeArray("artifactChanges", [&] {
      for (const std::string &File : Files)
        J.object([&] {
          J.attributeObject("artifactLocation", [&] { J.attribute("uri", fileUri(File)); });
          J.attributeArray("replacements", [&] {
            for (const FixIt &F : Fixes)
              if (F.Begin.File == File)
                J.object([&] {
                  // endColumn is exclusive: equal to startColumn, the
                  // region is empty and the edit an insertion.
                  J.attributeObject("deletedRegion", [&] {
                    J.attribute("startLine", F.Begin.Line);
                    J.attribute("startColumn", F.Begin.Column);
                    J.attribute("endLine", F.End.Line);
                    J.attribute("endColumn", F.End.Column);
                  });
                  J.attributeObject("insertedContent",
                                    [&] { J.attribute("text", F.Replacement); });
                });
          });
        });
    });
  });
}

std::string emitSarif(const Report &R) {
  std::map<std::string, size_t> RuleIndex;
  for (size_t I = 0; I < R.Checks.size(); ++I)
    RuleIndex[R.Checks[I]->Id] = I;

  std::string Out;
  llvm::raw_string_ostream OS(Out);
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attributeObject("tool", [&] {
          J.attributeObject("driver", [&] {
            J.attribute("name", "conc-advisor");
            J.attribute("version", toolVersion());
            J.attribute("semanticVersion", toolVersion());
            J.attributeArray("rules", [&] {
              for (const CheckInfo *C : R.Checks)
                J.object([&] {
                  J.attribute("id", C->Id);
                  J.attributeObject("shortDescription",
                                    [&] { J.attribute("text", C->Summary); });
                  J.attributeObject("help", [&] {
                    J.attribute("text", "See " + docsPath(C->Id) +
                                            " in the conc-advisor sources.");
                  });
                  J.attributeObject("defaultConfiguration", [&] {
                    J.attribute("level", sarifLevel(C->DefaultLevel));
                  });
                });
            });
          });
        });
        J.attributeArray("invocations", [&] {
          J.object([&] {
            J.attribute("executionSuccessful", R.Failed.empty());
            J.attributeArray("toolExecutionNotifications", [&] {
              for (const FailedUnit &U : R.Failed)
                J.object([&] {
                  J.attribute("level", "error");
                  J.attributeObject("message", [&] {
                    J.attribute("text", std::string(describeFailure(U.Failure)) +
                                            ", skipped: " +
                                            (U.Errors.empty() ? std::string("")
                                                              : U.Errors.front()));
                  });
                  J.attributeArray("locations", [&] {
                    J.object([&] {
                      J.attributeObject("physicalLocation", [&] {
                        J.attributeObject("artifactLocation",
                                          [&] { J.attribute("uri", fileUri(U.File)); });
                      });
                    });
                  });
                });
            });
          });
        });
        J.attributeArray("results", [&] {
          for (size_t Index = 0; Index < R.Findings.size(); ++Index) {
            const Finding &F = R.Findings[Index];
            J.object([&] {
              J.attribute("ruleId", F.CheckId);
              if (auto It = RuleIndex.find(F.CheckId); It != RuleIndex.end())
                J.attribute("ruleIndex", It->second);
              J.attribute("level", sarifLevel(F.Level));
              J.attributeObject("message", [&] { J.attribute("text", F.Message); });
              J.attributeArray("locations", [&] { J.object([&] { physicalLocation(J, F.Where); }); });
              if (!F.Notes.empty())
                J.attributeArray("relatedLocations", [&] {
                  for (size_t I = 0; I < F.Notes.size(); ++I)
                    J.object([&] {
                      J.attribute("id", I + 1);
                      physicalLocation(J, F.Notes[I].Where);
                      J.attributeObject("message",
                                        [&] { J.attribute("text", F.Notes[I].Message); });
                    });
                });
              if (!F.Fixes.empty())
                J.attributeArray("fixes", [&] { fixObject(J, F.Fixes); });
              J.attributeObject("properties", [&] {
                for (const auto &[K, V] : F.Properties)
                  J.attribute(K, V);
              });
              if (Index < R.Fingerprints.size())
                J.attributeObject("partialFingerprints", [&] {
                  J.attribute(FingerprintKey, R.Fingerprints[Index]);
                });
              if (Index < R.New.size())
                J.attribute("baselineState", R.New[Index] ? "new" : "unchanged");
            });
          }
        });
      });
    });
  });
  OS << "\n";
  return Out;
}

} // namespace conc
