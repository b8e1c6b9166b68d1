Content-Length: 261

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///nonexistent-conc-fuzz/src/a.cpp"}, "range": {"start": {"line": 3, "character": 2}, "end": {"line": 3, "character": 2}}, "context": {"diagnostics": []}}}Content-Length: 71

{"jsonrpc": "2.0", "id": "s", "method": "unknown/method", "params": []}