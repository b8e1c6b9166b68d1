//===- tool/LspTransport.h - JSON-RPC 2.0 over LSP's Content-Length framing ===//
//
// The Language Server Protocol frames each JSON-RPC message with HTTP-like
// headers ("Content-Length: N\r\n\r\n" then N bytes). Reading and writing
// are separate classes because the --wrap mode reads from two peers and
// writes to two peers from two threads.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_LSPTRANSPORT_H
#define CONC_TOOL_LSPTRANSPORT_H

#include "llvm/Support/JSON.h"

#include <cstdio>
#include <mutex>
#include <optional>
#include <string>

namespace conc {

/// JSON-RPC error codes the server answers with.
enum LspErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
};

/// One framed message as read: its body, or why it could not be framed.
struct LspFrame {
  std::string Body;
  /// The headers were unusable (no or bad Content-Length): the body was not
  /// read and the peer is told with a ParseError.
  std::string HeaderError;
};

/// Reads framed messages from a stream (stdin, or a child's stdout).
class LspReader {
public:
  explicit LspReader(std::FILE *In) : In(In) {}
  /// The next message; nullopt at end of input.
  std::optional<LspFrame> read();

private:
  std::FILE *In;
};

/// Writes framed messages to a file descriptor; safe from several threads.
class LspWriter {
public:
  explicit LspWriter(int FD) : FD(FD) {}
  void write(const llvm::json::Value &Message);
  /// Writes an already serialized body as it is (forwarded messages).
  void writeRaw(llvm::StringRef Body);

private:
  int FD;
  std::mutex Lock;
};

/// {"jsonrpc":"2.0","id":ID,"error":{"code":CODE,"message":MESSAGE}}
llvm::json::Value lspError(llvm::json::Value Id, int Code, llvm::StringRef Message);
llvm::json::Value lspResult(llvm::json::Value Id, llvm::json::Value Result);
llvm::json::Value lspNotification(llvm::StringRef Method, llvm::json::Value Params);

} // namespace conc

#endif
