//===- tool/LspWrap.h - conc-advisor --lsp --wrap=clangd --------------------===//
//
// One language server for the editor instead of two: conc-advisor starts
// another server (clangd) as its child, forwards every message both ways
// unchanged, and adds its own results where they belong: its diagnostics
// merged into the child's textDocument/publishDiagnostics for the same URI
// (the last list of each side, published as their union), its quickfixes
// appended to the child's textDocument/codeAction answers. The editor's
// requests are answered by the child alone.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_LSPWRAP_H
#define CONC_TOOL_LSPWRAP_H

#include "tool/CommandLine.h"

#include "llvm/Support/raw_ostream.h"

namespace conc {

/// Runs the server of O.Wrap (a command, split at spaces: "clangd
/// --background-index") behind ours on stdin/stdout until `exit`.
int runWrappedLspServer(const char *Argv0, const Options &O, llvm::raw_ostream &Log);

} // namespace conc

#endif
