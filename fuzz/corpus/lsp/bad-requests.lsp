Content-Length: 150

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///nonexistent-conc-fuzz/src", "capabilities": {}}}Content-Length: 42

{"jsonrpc": "1.0", "id": [1], "method": 7}Content-Length: 33

{"id": 4, "method": "initialize"}Content-Length: 64

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/codeAction"}Content-Length: x

{}Content-Type: a

Content-Length: 5

not j