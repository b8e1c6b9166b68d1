#!/usr/bin/env python3
"""fake-lsp-server.py LOG: a stand-in for clangd in the --wrap test. It logs
every message it receives (method or response id) to LOG, answers initialize,
codeAction and shutdown, publishes one diagnostic of its own for each opened
or saved document, and asks the editor one request of its own (to show that
requests from the wrapped server reach the editor and the answers come back).
"""
import json
import sys

log = open(sys.argv[1], "w")
inp, out = sys.stdin.buffer, sys.stdout.buffer


def send(msg):
    body = json.dumps(msg).encode()
    out.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    out.flush()


def read():
    length = None
    while True:
        line = inp.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return json.loads(inp.read(length))


while True:
    msg = read()
    if msg is None:
        break
    method = msg.get("method")
    log.write("%s %s\n" % (method or "response", json.dumps(msg.get("id"))))
    log.flush()
    if method == "initialize":
        send({"jsonrpc": "2.0", "id": msg["id"], "result": {"capabilities": {
            "textDocumentSync": 2, "codeActionProvider": True},
            "serverInfo": {"name": "fake-clangd"}}})
        send({"jsonrpc": "2.0", "id": "fake-1", "method": "window/workDoneProgress/create",
              "params": {"token": "t"}})
    elif method in ("textDocument/didOpen", "textDocument/didSave"):
        uri = msg["params"]["textDocument"]["uri"]
        send({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": {
            "uri": uri, "version": 1, "diagnostics": [{
                "range": {"start": {"line": 0, "character": 0},
                          "end": {"line": 0, "character": 1}},
                "severity": 1, "source": "fake-clangd", "message": "from the wrapped server"}]}})
    elif method == "textDocument/codeAction":
        send({"jsonrpc": "2.0", "id": msg["id"], "result": [
            {"title": "fake action", "kind": "refactor"}]})
    elif method == "shutdown":
        send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
    elif method == "exit":
        break
    elif "id" in msg and method is not None:
        send({"jsonrpc": "2.0", "id": msg["id"],
              "error": {"code": -32601, "message": "fake: " + method}})
