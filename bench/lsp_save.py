#!/usr/bin/env python3
"""lsp_save.py -p BUILD FILE [--runs N] [--tool PATH]: how long a save takes
in `conc-advisor --lsp`, against the command line on the same project.

Prints four figures, each the median of --runs:
  cli-project-cold  conc-advisor -p BUILD (every unit, no cache)
  cli-file          conc-advisor -p BUILD FILE (that unit alone, no cache,
                    no whole-program conclusion over the others)
  lsp-open          didOpen of FILE in a fresh server with a warm cache
                    (every unit from the --facts-dir cache, FILE's too)
  lsp-save          didSave of FILE after an edit: one unit re-parsed, the
                    whole-program checks concluded over it and the cached rest
Times are wall-clock from sending the notification to receiving its
publishDiagnostics. Use -j 2 on a shared machine (the first open's cold
analysis uses it)."""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse


def frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read(stream):
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return json.loads(stream.read(length))


def wait_for(proc, uri):
    while True:
        msg = read(proc.stdout)
        if msg is None:
            sys.exit("the server stopped")
        if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri:
            return msg


def session(tool, build, path, jobs, edits, cache):
    """Seconds for the didOpen and for each of `edits` saves."""
    uri = "file://" + urllib.parse.quote(path)
    text = open(path).read()
    proc = subprocess.Popen([tool, "--lsp", "-p", build, "-j", str(jobs), "--facts-dir=" + cache],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    def send(msg):
        proc.stdin.write(frame(msg))
        proc.stdin.flush()
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
    read(proc.stdout)
    start = time.monotonic()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": 1, "text": text}}})
    wait_for(proc, uri)
    opened = time.monotonic() - start
    saves = []
    for n in range(edits):
        # An unsaved edit (a comment at the end), then the save: the unit is
        # parsed through the overlay, as an editor's save with pending text.
        text += "\n// edit %d\n" % n
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": n + 2}, "contentChanges": [{"text": text}]}})
        start = time.monotonic()
        send({"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {
            "textDocument": {"uri": uri}, "text": text}})
        wait_for(proc, uri)
        saves.append(time.monotonic() - start)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    proc.wait(timeout=60)
    return opened, saves


def timed(cmd):
    start = time.monotonic()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-p", dest="build", required=True)
    ap.add_argument("file")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("-j", dest="jobs", type=int, default=2)
    default_tool = os.path.join(os.path.dirname(__file__), "..", "build", "bin", "conc-advisor")
    ap.add_argument("--tool", default=default_tool)
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    path = os.path.abspath(args.file)
    j = ["-j", str(args.jobs)]
    cli_project = [timed([args.tool, "-p", build] + j) for _ in range(args.runs)]
    cli_file = [timed([args.tool, "-p", build, path]) for _ in range(args.runs)]
    # Warm the cache once, then measure fresh servers over it. The cache is a
    # scratch directory: the project's build tree is left as it was.
    cache = tempfile.mkdtemp(prefix="lsp-save-cache-")
    session(args.tool, build, path, args.jobs, 0, cache)
    opens, saves = [], []
    for _ in range(args.runs):
        o, s = session(args.tool, build, path, args.jobs, 3, cache)
        opens.append(o)
        saves.extend(s)
    for name, values in [("cli-project-cold", cli_project), ("cli-file", cli_file),
                         ("lsp-open", opens), ("lsp-save", saves)]:
        print("%-17s %7.0f ms  (median of %d)" % (name, 1000 * statistics.median(values),
                                                  len(values)))
    shutil.rmtree(cache)


if __name__ == "__main__":
    main()
