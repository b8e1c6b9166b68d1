//===- tool/LspTransport.cpp -----------------------------------------------===//
#include "tool/LspTransport.h"

#include "llvm/ADT/StringRef.h"

#include <cerrno>
#include <unistd.h>

namespace conc {

/// One header line without its "\r\n"; nullopt at end of input.
static std::optional<std::string> readLine(std::FILE *In) {
  std::string Line;
  int C;
  while ((C = std::fgetc(In)) != EOF) {
    if (C == '\n') {
      if (!Line.empty() && Line.back() == '\r')
        Line.pop_back();
      return Line;
    }
    Line.push_back(static_cast<char>(C));
  }
  if (Line.empty())
    return std::nullopt;
  return Line;
}

std::optional<LspFrame> LspReader::read() {
  LspFrame Frame;
  std::optional<size_t> Length;
  bool SawHeader = false;
  while (true) {
    std::optional<std::string> Line = readLine(In);
    if (!Line)
      return std::nullopt;
    if (Line->empty()) {
      // Blank lines between messages are tolerated, as clangd does.
      if (!SawHeader)
        continue;
      break;
    }
    SawHeader = true;
    llvm::StringRef Header(*Line);
    auto [Name, Value] = Header.split(':');
    if (!Name.trim().equals_insensitive("Content-Length"))
      continue; // Content-Type and unknown headers carry nothing we need.
    size_t N = 0;
    if (Value.trim().getAsInteger(10, N) || N > (size_t(1) << 30)) {
      Frame.HeaderError = "bad Content-Length header '" + Header.str() + "'";
      continue;
    }
    Length = N;
  }
  if (!Frame.HeaderError.empty())
    return Frame;
  if (!Length) {
    Frame.HeaderError = "message without a Content-Length header";
    return Frame;
  }
  Frame.Body.resize(*Length);
  size_t Got = std::fread(Frame.Body.data(), 1, *Length, In);
  if (Got != *Length)
    return std::nullopt; // The peer closed the stream mid-message.
  return Frame;
}

void LspWriter::writeRaw(llvm::StringRef Body) {
  std::string Out = "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n";
  Out += Body;
  std::lock_guard<std::mutex> Guard(Lock);
  const char *P = Out.data();
  size_t Left = Out.size();
  while (Left > 0) {
    ssize_t N = ::write(FD, P, Left);
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return; // The peer is gone; the read side sees end of input and stops.
    }
    P += N;
    Left -= static_cast<size_t>(N);
  }
}

void LspWriter::write(const llvm::json::Value &Message) {
  std::string Body;
  llvm::raw_string_ostream OS(Body);
  OS << Message;
  OS.flush();
  writeRaw(Body);
}

llvm::json::Value lspError(llvm::json::Value Id, int Code, llvm::StringRef Message) {
  return llvm::json::Object{
      {"jsonrpc", "2.0"},
      {"id", std::move(Id)},
      {"error", llvm::json::Object{{"code", Code}, {"message", Message}}}};
}

llvm::json::Value lspResult(llvm::json::Value Id, llvm::json::Value Result) {
  return llvm::json::Object{
      {"jsonrpc", "2.0"}, {"id", std::move(Id)}, {"result", std::move(Result)}};
}

llvm::json::Value lspNotification(llvm::StringRef Method, llvm::json::Value Params) {
  return llvm::json::Object{
      {"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}};
}

} // namespace conc
