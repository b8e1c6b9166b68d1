//===- tool/LspDiagnostics.h - Findings as LSP diagnostics and code actions ===//
//
// An emitter like the text and SARIF ones, for the editor: a Finding becomes
// a Diagnostic (code = check id, codeDescription = its docs page, notes as
// relatedInformation) and its fix-it a quickfix CodeAction. LSP positions
// are 0-based and count UTF-16 code units; Findings count bytes from 1, so
// positions are converted against the text the editor holds.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_LSPDIAGNOSTICS_H
#define CONC_TOOL_LSPDIAGNOSTICS_H

#include "core/Finding.h"

#include "llvm/Support/JSON.h"

#include <functional>
#include <string>

namespace conc {

/// The text of a file as the editor sees it (an open buffer, else the disk);
/// "" when it cannot be read.
using TextOf = std::function<std::string(const std::string &Path)>;

/// An LSP Position for a 1-based line and 1-based byte column of `Text`.
llvm::json::Object lspPosition(llvm::StringRef Text, unsigned Line, unsigned Column);

/// The byte offset in `Text` of an LSP Position (0-based line, UTF-16
/// character), clamped to the line's and the text's end.
size_t lspOffset(llvm::StringRef Text, const llvm::json::Object &Position);

/// The Diagnostic for `F`. `DocsDir` (a directory holding <check-id>.md) is
/// linked from codeDescription when not empty.
llvm::json::Object lspDiagnostic(const Finding &F, const TextOf &Text,
                                 llvm::StringRef DocsDir);

/// Whether `Diagnostic`'s range touches the 0-based line span [First, Last].
bool lspRangeTouchesLines(const llvm::json::Object &Diagnostic, int64_t First,
                          int64_t Last);

/// The quickfix CodeAction that applies `F`'s fix-it; `Diagnostic` is the
/// one published for `F`.
llvm::json::Object lspFixAction(const Finding &F, const llvm::json::Object &Diagnostic,
                                const TextOf &Text);

} // namespace conc

#endif
