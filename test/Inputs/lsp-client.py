#!/usr/bin/env python3
"""lsp-client.py --session=FILE --dir=DIR -- SERVER...: drive a language server
over stdio with the session written in FILE, and print what it answers in a
short, line-oriented form for FileCheck.

Session lines (other lines are ignored, so the session lives in the lit test):
  SEND: {json}   send a message; "@URI:name@" and "@TEXT:name@" strings become
                 the URI and the text of DIR/name. After a request (it has an
                 "id"), wait for its response.
  RAW: bytes     send bytes as they are (Python escapes: \\r\\n), unframed.
  WAIT: KEY [FILE [N]]  wait for a message: a method name (with FILE: a
                 publishDiagnostics for DIR/FILE, with N: of N diagnostics),
                 or "error".
  WRITE: name text   write DIR/name (Python escapes), as an editor's save does.
  EXPECT-EXIT:   wait for the server to exit and print its status.
With --only-awaited, only the messages waited for are printed (for servers
whose other messages come in an order that depends on timing, as --wrap's).
With --prefix=P, only lines whose keyword starts with P count (P-SEND:, ...),
so that one test file can hold several sessions.
Every message received is printed as it arrives. Reads block on a queue with
a generous timeout: no sleeps, a missing answer fails the test, not hangs it.
"""
import argparse
import codecs
import json
import os
import queue
import subprocess
import sys
import threading
import urllib.parse

TIMEOUT = 120


def uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def reader(stream, out):
    """Puts each framed message (parsed) on `out`; None at end of stream."""
    while True:
        length = None
        while True:
            line = stream.readline()
            if not line:
                out.put(None)
                return
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        body = stream.read(length)
        out.put(json.loads(body))


def short_path(u, root):
    path = urllib.parse.unquote(u[len("file://"):]) if u.startswith("file://") else u
    return os.path.relpath(path, root) if path.startswith(root) else os.path.basename(path)


def pos(r):
    return "%d:%d-%d:%d" % (r["start"]["line"], r["start"]["character"],
                            r["end"]["line"], r["end"]["character"])


def describe(msg, root):
    """The lines printed for one message."""
    if "error" in msg:
        e = msg["error"]
        return ["error id=%s code=%d: %s" % (json.dumps(msg.get("id")), e["code"], e["message"])]
    method = msg.get("method")
    if method == "textDocument/publishDiagnostics":
        p = msg["params"]
        lines = ["diagnostics %s (%d)" % (short_path(p["uri"], root), len(p["diagnostics"]))]
        for d in p["diagnostics"]:
            href = d.get("codeDescription", {}).get("href")
            if href:
                # The page must exist: print where it is in the tree.
                page = urllib.parse.unquote(href[len("file://"):])
                href = "/".join(page.split("/")[-3:]) if os.path.exists(page) else "MISSING " + page
            else:
                href = "-"
            lines.append("  %s severity=%d [%s] source=%s: %s | docs=%s" % (
                pos(d["range"]), d["severity"], d.get("code"), d.get("source"),
                d["message"], href))
            for r in d.get("relatedInformation", []):
                loc = r["location"]
                lines.append("    related %s %s: %s" % (
                    short_path(loc["uri"], root), pos(loc["range"]), r["message"]))
        return lines
    if method == "window/logMessage":
        return ["log type=%d: %s" % (msg["params"]["type"], msg["params"]["message"].splitlines()[0])]
    if method is not None:
        return ["notification %s %s" % (method, json.dumps(msg.get("params"), sort_keys=True))]
    result = msg.get("result")
    if isinstance(result, list) and all(isinstance(a, dict) and "title" in a for a in result):
        lines = ["result id=%s: %d code actions" % (json.dumps(msg["id"]), len(result))]
        for a in result:
            lines.append("  action [%s] %s: %s" % (a.get("kind"), a["title"], ", ".join(
                "[%s] %s" % (d.get("code"), pos(d["range"])) for d in a.get("diagnostics", []))))
            for u, edits in sorted(a.get("edit", {}).get("changes", {}).items()):
                for e in edits:
                    lines.append("    edit %s %s %s" % (short_path(u, root), pos(e["range"]),
                                                        json.dumps(e["newText"])))
        return lines
    return ["result id=%s: %s" % (json.dumps(msg.get("id")), json.dumps(result, sort_keys=True))]


def expand(value, root):
    if isinstance(value, dict):
        return {k: expand(v, root) for k, v in value.items()}
    if isinstance(value, list):
        return [expand(v, root) for v in value]
    if isinstance(value, str) and value.startswith("@") and value.endswith("@"):
        kind, _, name = value[1:-1].partition(":")
        if kind == "URI":
            return uri(os.path.join(root, name))
        if kind == "TEXT":
            with open(os.path.join(root, name)) as f:
                return f.read()
    return value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--session", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--prefix", default="")
    ap.add_argument("--only-awaited", action="store_true")
    ap.add_argument("server", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    root = os.path.abspath(args.dir)
    server = args.server[1:] if args.server[:1] == ["--"] else args.server
    proc = subprocess.Popen(server, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    inbox = queue.Queue()
    threading.Thread(target=reader, args=(proc.stdout, inbox), daemon=True).start()

    def receive(until):
        """Print messages until one satisfies `until`."""
        while True:
            try:
                msg = inbox.get(timeout=TIMEOUT)
            except queue.Empty:
                print("timeout after %ds" % TIMEOUT)
                proc.kill()
                sys.exit(1)
            if msg is None:
                print("end of server output")
                return
            done = until(msg)
            if done or not args.only_awaited:
                for line in describe(msg, root):
                    print(line)
                sys.stdout.flush()
            if done:
                return

    with open(args.session) as f:
        for line in f:
            line = line.strip()
            kind, sep, rest = line.partition(":")
            if not sep:
                continue
            # Session lines may be comments of the test ("# SEND: ...").
            kind = kind.lstrip("#/ ").strip()
            if not kind.startswith(args.prefix):
                continue
            kind = kind[len(args.prefix):]
            rest = rest.strip()
            if kind == "SEND":
                msg = expand(json.loads(rest), root)
                proc.stdin.write(frame(msg))
                proc.stdin.flush()
                # A request with a valid id gets a response with that id.
                if "method" in msg and isinstance(msg.get("id"), (int, str)):
                    receive(lambda m, i=msg["id"]: m.get("id") == i and "method" not in m)
            elif kind == "RAW":
                proc.stdin.write(codecs.decode(rest, "unicode_escape").encode("latin-1"))
                proc.stdin.flush()
            elif kind == "WAIT":
                words = rest.split()
                method = words[0]
                want = uri(os.path.join(root, words[1])) if len(words) > 1 else None
                count = int(words[2]) if len(words) > 2 else None
                if method == "error":
                    receive(lambda m: "error" in m)
                else:
                    receive(lambda m: m.get("method") == method and (
                        want is None or m.get("params", {}).get("uri") == want) and (
                        count is None or len(m["params"]["diagnostics"]) == count))
            elif kind == "WRITE":
                name, _, text = rest.partition(" ")
                with open(os.path.join(root, name), "w") as out:
                    out.write(codecs.decode(text, "unicode_escape"))
            elif kind == "EXPECT-EXIT":
                proc.stdin.close()
                try:
                    status = proc.wait(timeout=TIMEOUT)
                except subprocess.TimeoutExpired:
                    print("server did not exit")
                    proc.kill()
                    sys.exit(1)
                print("exit status %d" % status)
    if proc.poll() is None:
        proc.kill()


if __name__ == "__main__":
    main()
