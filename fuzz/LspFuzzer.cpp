//===- fuzz/LspFuzzer.cpp - libFuzzer target: what an editor sends --lsp ---===//
//
// The input is a byte stream as the server reads it on stdin: messages in
// LSP's Content-Length framing (tool/LspTransport.h), each handed to the
// JSON-RPC dispatch of tool/LspServer.h, so that a sequence (initialize,
// didOpen, didChange with ranges, codeAction, shutdown, exit) reaches the
// document handling too. Whatever arrives, every answer is a JSON-RPC 2.0
// message and nothing crashes or hangs. No compile database is found (-p
// names a directory that does not exist), so no unit is ever parsed.
//
//===----------------------------------------------------------------------===//
#include "tool/LspServer.h"
#include "tool/LspTransport.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0; // fmemopen rejects an empty buffer
  std::FILE *In = fmemopen(const_cast<uint8_t *>(Data), Size, "r");
  if (!In)
    return 0;
  conc::Options O;
  O.BuildPath = "/nonexistent-conc-fuzz";
  O.NoBuiltinRules = true; // the rules have a fuzzer of their own
  auto Send = [](const llvm::json::Value &M) {
    const llvm::json::Object *Obj = M.getAsObject();
    if (!Obj || Obj->getString("jsonrpc") != std::optional<llvm::StringRef>("2.0"))
      abort(); // the server sent something that is not JSON-RPC 2.0
    std::string Body;
    llvm::raw_string_ostream OS(Body);
    OS << M;
    OS.flush();
    // What we write, a client parses.
    if (auto Parsed = llvm::json::parse(Body); !Parsed) {
      llvm::consumeError(Parsed.takeError());
      abort();
    }
  };
  conc::LspServer Server("conc-advisor", O, Send, llvm::nulls());
  if (llvm::Error E = Server.prepare()) {
    llvm::consumeError(std::move(E));
    abort(); // the defaults are valid
  }
  conc::LspReader Reader(In);
  while (std::optional<conc::LspFrame> Frame = Reader.read()) {
    if (!Frame->HeaderError.empty())
      continue; // runLspServer answers with a ParseError
    Server.handle(llvm::StringRef(Frame->Body));
    if (Server.exited())
      break;
  }
  std::fclose(In);
  return 0;
}
