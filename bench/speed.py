#!/usr/bin/env python3
"""Analysis speed of conc-advisor against Clang parsing and clang-tidy.

From one run on the same translation units of a compile database, prints
wall time, CPU time (user + sys of the child processes) and peak memory of

  (a) clang-19 -fsyntax-only, once per unit
  (b) clang-tidy-19 --checks='-*,concurrency-*', one process over all units
  (c) conc-advisor cold: all checks, an empty --facts-dir
  (d) conc-advisor warm: the same --facts-dir, nothing changed
  (e) conc-advisor after one file's content changed (a comment appended,
      then the file restored byte for byte with its modification time)

and the ratios of each to (a) and to (b), plus the -j1 / -j2 speedup of a
cold run. CPU time comes from os.wait4 of each child, so other load on a
shared machine inflates wall time but hardly CPU time. A benchmark, never
a test: nothing here asserts a figure.

    bench/speed.py -p /tmp/leveldb-build --files 10
    bench/speed.py -p examples/log-ingest/build --tool build/bin/conc-advisor
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time


class Usage:
    """What one or several child processes used: times add up, memory is the
    largest peak of any one process (they run one after another)."""

    def __init__(self, wall=0.0, cpu=0.0, rss_kb=0, runs=0):
        self.wall, self.cpu, self.rss_kb, self.runs = wall, cpu, rss_kb, runs

    def add(self, other):
        self.wall += other.wall
        self.cpu += other.cpu
        self.rss_kb = max(self.rss_kb, other.rss_kb)
        self.runs += other.runs


def run(argv, cwd=None, ok=(0,)):
    """Runs argv to completion; returns its Usage. Output is discarded, but a
    failing command stops the benchmark with its stderr."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    # stderr is small (summary lines, a few errors): read it all, then reap.
    # wait4 gives this child's own rusage, where getrusage(RUSAGE_CHILDREN)
    # would give the largest peak of every child so far.
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    code = proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    if code not in ok:
        sys.exit("speed.py: %s exited with %d:\n%s" % (
            shlex.join(argv), code, err.decode(errors="replace")[-3000:]))
    return Usage(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, 1)


def compile_args(entry):
    """The entry's argv with outputs and -c removed and -fsyntax-only added:
    what `clang -fsyntax-only` parses, the floor of any AST tool."""
    argv = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out, skip = [], False
    for a in argv[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-o"):
            continue
        out.append(a)
    return ["clang-19", "-fsyntax-only", "-w"] + out


def select(db_dir, count, work):
    """The first `count` units (by file name) in a compile database of their
    own under `work`, so that every tool sees exactly the same units."""
    with open(os.path.join(db_dir, "compile_commands.json")) as f:
        entries = json.load(f)
    entries.sort(key=lambda e: os.path.join(e["directory"], e["file"]))
    seen, chosen = set(), []
    for e in entries:
        path = os.path.normpath(os.path.join(e["directory"], e["file"]))
        if path in seen:
            continue
        seen.add(path)
        chosen.append(e)
    if count:
        chosen = chosen[:count]
    out = os.path.join(work, "db")
    os.makedirs(out)
    with open(os.path.join(out, "compile_commands.json"), "w") as f:
        json.dump(chosen, f, indent=1)
    return out, chosen


def find_tool(explicit):
    if explicit:
        return explicit
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "bin",
                        "conc-advisor")
    return os.path.normpath(here) if os.path.exists(here) else shutil.which("conc-advisor")


def advisor(tool, db, facts, jobs):
    argv = [tool, "-p", db, "-j", str(jobs), "--quiet"]
    if facts:
        argv.append("--facts-dir=" + facts)
    # 1: findings, 2: a unit failed to parse (reported, the run goes on).
    return run(argv, ok=(0, 1, 2))


def touched(path):
    """Context: `path` with a comment appended, restored afterwards."""
    class Touch:
        def __enter__(self):
            self.stat = os.stat(path)
            with open(path, "rb") as f:
                self.original = f.read()
            with open(path, "ab") as f:
                f.write(b"\n// bench/speed.py\n")

        def __exit__(self, *exc):
            with open(path, "wb") as f:
                f.write(self.original)
            os.utime(path, ns=(self.stat.st_atime_ns, self.stat.st_mtime_ns))
    return Touch()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-p", dest="build", required=True,
                    help="directory of compile_commands.json")
    ap.add_argument("--files", type=int, default=0,
                    help="only the first N units by file name (default: all)")
    ap.add_argument("--tool", help="conc-advisor binary (default build/bin/conc-advisor)")
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--clang-tidy", default="clang-tidy-19")
    ap.add_argument("--no-jobs", action="store_true",
                    help="skip the -j2 run (the cold run at -j1 is still made)")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()

    tool = find_tool(args.tool)
    if not tool or not os.path.exists(tool):
        sys.exit("speed.py: conc-advisor not found: build it or pass --tool")
    work = tempfile.mkdtemp(prefix="conc-speed-")
    try:
        db, entries = select(args.build, args.files, work)
        files = [os.path.normpath(os.path.join(e["directory"], e["file"])) for e in entries]
        print("# %d units from %s; tool %s" % (len(entries), args.build, tool))

        results = {}
        parse = Usage()
        for e in entries:
            argv = compile_args(e)
            argv[0] = args.clang
            parse.add(run(argv, cwd=e["directory"], ok=(0, 1)))
        results["clang -fsyntax-only"] = parse
        results["clang-tidy concurrency-*"] = run(
            [args.clang_tidy, "-p", db, "--checks=-*,concurrency-*", "--quiet"] + files,
            ok=(0, 1))
        facts = os.path.join(work, "facts")
        results["conc-advisor cold"] = advisor(tool, db, facts, 1)
        results["conc-advisor warm"] = advisor(tool, db, facts, 1)
        with touched(files[len(files) // 2]):
            results["conc-advisor one touched"] = advisor(tool, db, facts, 1)
        results["conc-advisor no cache"] = advisor(tool, db, None, 1)
        if not args.no_jobs:
            shutil.rmtree(facts)
            results["conc-advisor cold -j2"] = advisor(tool, db, facts, 2)

        base, tidy = results["clang -fsyntax-only"], results["clang-tidy concurrency-*"]
        print("%-26s %9s %9s %9s %8s %8s" % ("run", "wall s", "cpu s", "peak MB",
                                            "cpu/(a)", "cpu/(b)"))
        for name, u in results.items():
            print("%-26s %9.2f %9.2f %9.1f %8.3f %8.3f" % (
                name, u.wall, u.cpu, u.rss_kb / 1024.0, u.cpu / base.cpu, u.cpu / tidy.cpu))
        cold = results["conc-advisor cold"]
        warm = results["conc-advisor warm"]
        print("warm / cold (cpu): %.1f%%   one touched / cold (cpu): %.1f%%" % (
            100 * warm.cpu / cold.cpu, 100 * results["conc-advisor one touched"].cpu / cold.cpu))
        print("peak memory / clang-tidy's: %.2fx" % (cold.rss_kb / tidy.rss_kb))
        if "conc-advisor cold -j2" in results:
            print("cold -j1 / -j2 wall: %.2fx" % (cold.wall / results["conc-advisor cold -j2"].wall))
        if args.json:
            with open(args.json, "w") as f:
                json.dump({k: vars(v) for k, v in results.items()}, f, indent=1, sort_keys=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
