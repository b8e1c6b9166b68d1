Content-Length: 150

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///nonexistent-conc-fuzz/src", "capabilities": {}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 256

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///nonexistent-conc-fuzz/src/a.cpp", "languageId": "cpp", "version": 1, "text": "#include <future>\nint work();\nvoid f() {\n  auto r = std::async(work);\n}\n"}}}Content-Length: 418

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///nonexistent-conc-fuzz/src/a.cpp", "version": 2}, "contentChanges": [{"range": {"start": {"line": 3, "character": 2}, "end": {"line": 3, "character": 6}}, "text": "auto r2"}, {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "// \u00e9\ud83d\ude00\n"}, {"text": "int x;\n"}]}}Content-Length: 152

{"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": "file:///nonexistent-conc-fuzz/src/a.cpp"}, "text": "int y;\n"}}Content-Length: 261

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///nonexistent-conc-fuzz/src/a.cpp"}, "range": {"start": {"line": 3, "character": 2}, "end": {"line": 3, "character": 2}}, "context": {"diagnostics": []}}}Content-Length: 133

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///nonexistent-conc-fuzz/src/a.cpp"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 3, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}