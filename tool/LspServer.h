//===- tool/LspServer.h - conc-advisor --lsp: diagnostics in the editor ----===//
//
// A Language Server on stdio that an editor runs next to clangd. It reads
// the compile_commands.json clangd reads, keeps every unit's results in the
// --facts-dir cache (default: <database dir>/.cache/conc-advisor), and on
// open and save re-parses only the units that read the file (unsaved
// buffers through a VFS overlay), then concludes the whole-program checks
// over the fresh units and the cached facts of all the others.
//
// Requests are handled one at a time on the reading thread: an analysis
// blocks the next message, which an editor tolerates for the time of one
// unit's parse.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_LSPSERVER_H
#define CONC_TOOL_LSPSERVER_H

#include "tool/CommandLine.h"
#include "tool/LspTransport.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <memory>

namespace conc {

/// Handles one JSON-RPC message at a time and sends what it answers or
/// publishes through `Send`. Kept apart from the stdio loop so that --wrap
/// can put it behind clangd.
class LspServer {
public:
  using Sender = std::function<void(const llvm::json::Value &)>;
  LspServer(const char *Argv0, const Options &O, Sender Send, llvm::raw_ostream &Log);
  ~LspServer();

  /// Checks the command line's rules and checks; a message for the user
  /// when they are unusable (the server then does not start).
  llvm::Error prepare();

  /// Handles one message body (framing already removed).
  void handle(llvm::StringRef Body);
  /// Handles one parsed message.
  void handle(const llvm::json::Value &Message);
  /// `exit` was received: the loop stops.
  bool exited() const;
  /// The process exit status after `exit`: 0 when `shutdown` came first.
  int exitStatus() const;

  /// The code actions for a textDocument/codeAction request's params.
  llvm::json::Array codeActions(const llvm::json::Object &Params);

private:
  class Impl;
  std::unique_ptr<Impl> P;
};

/// path from a "file://" URI; "" for other schemes or a malformed URI.
std::string pathFromFileUri(llvm::StringRef Uri);

/// Runs the server on stdin/stdout until `exit` or end of input; with
/// O.Wrap, runs that language server behind it (tool/LspWrap.h).
int runLspServer(const char *Argv0, const Options &O, llvm::raw_ostream &Log);

} // namespace conc

#endif
