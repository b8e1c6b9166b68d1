//===- tool/Baseline.h - Stable fingerprints, and an earlier run to diff --===//
//
// A CI job that adopts the tool on old code wants to fail only on what a
// change adds. Each finding gets a fingerprint that survives unrelated edits
// (lines inserted above it, another file's changes): it hashes the check id,
// the file's path relative to the project root, the flagged line's text with
// its whitespace collapsed, the message with its digits blanked (so "line
// 12" does not matter), and how many findings before it in the file share
// all of that. `--baseline=FILE` reads an earlier SARIF report's
// fingerprints; a finding whose fingerprint it lists is unchanged, any other
// is new.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_BASELINE_H
#define CONC_TOOL_BASELINE_H

#include "core/Finding.h"
#include "tool/SourceTexts.h"

#include "llvm/Support/Error.h"

#include <set>
#include <string>
#include <vector>

namespace conc {

/// The key under SARIF `partialFingerprints`; the version changes whenever
/// what is hashed changes, so an old baseline is never silently misread.
inline constexpr const char *FingerprintKey = "concAdvisor/v1";

/// `File` relative to the directory `Root`, going up with "../" when it lies
/// outside; `File` itself when they share nothing but "/".
std::string relativePath(llvm::StringRef File, llvm::StringRef Root);

/// One fingerprint per finding, in the same order. `Findings` must be sorted
/// (as a Report's are). Paths are made relative to `Root`.
std::vector<std::string> fingerprintFindings(const std::vector<Finding> &Findings,
                                             SourceTexts &Sources, llvm::StringRef Root);

/// The fingerprints of every result of the SARIF file at `Path`. Errors name
/// the file (and line for a JSON syntax error): unreadable, not JSON, not
/// SARIF, or a result without a conc-advisor fingerprint.
llvm::Expected<std::set<std::string>> loadBaseline(llvm::StringRef Path);
/// The same for a SARIF report's text; `Path` names it in errors.
llvm::Expected<std::set<std::string>> parseBaseline(llvm::StringRef Text,
                                                    llvm::StringRef Path);

} // namespace conc

#endif
