#!/usr/bin/env python3
"""Robustness sweep: conc-advisor over every translation unit of real projects.

    bench/sweep.py [--tool PATH] [-j N] [--timeout S] [--work DIR] [PROJECT=COMPILE_DB_DIR ...]

For each project (default: the ones below whose compile database exists) the tool runs once
over the whole compile database with `--format=json --timeout=S -j N`, and once more at `-j 1`
without --timeout (in-process, so the two runs also compare worker processes with threads),
and once split into --shards=N shards (`--shard=K/N --facts-dir=DIR` for each K, then
`conc-advisor merge --facts-dir=DIR`), as N machines of a CI matrix would. It prints one table:
translation units analysed, failed to parse, crashed, timed out, the findings of each check, and
whether the reports of those runs are byte-identical. Then
every unit that failed, with its first compiler error (clang's reason). The exit status is 1
when a unit crashed, the tool itself died, or a report differs between runs.

Only the documented JSON report is read (unitsAnalyzed, findings[].check, failedUnits[].file,
.reason, .errors). Standard library only. Nothing of the projects is committed here: see
bench/README.md for where they come from.
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name -> directory of compile_commands.json (bench/README.md says how each is made)
DEFAULT_PROJECTS = {
    "drb": "/tmp/eval/drb-build",
    "leveldb": "/tmp/eval/leveldb-build",
    "httplib": "/tmp/eval/httplib-build",
    "taskflow": "/tmp/eval/taskflow-build",
    "tsan": "/tmp/eval/tsan-build",
}
# The ThreadSanitizer lit tests of compiler-rt: no compile database of their own, so one is
# written from the sources (see tsan_database).
TSAN_SOURCES = "/tmp/eval/tsan/test/tsan"


def find_tool(explicit):
    if explicit:
        return os.path.abspath(shutil.which(explicit) or explicit)
    built = ROOT / "build" / "bin" / "conc-advisor"
    if os.access(built, os.X_OK):
        return str(built)
    return shutil.which("conc-advisor") or sys.exit("sweep.py: no conc-advisor; pass --tool")


def tsan_database(sources, out_dir):
    """compile_commands.json for compiler-rt's test/tsan: each test the way its RUN line
    builds it (%clang_tsan / %clangxx_tsan: -fsanitize=thread, test/tsan for "test.h" and
    test/ for the "sanitizer_common/print_address.h" it includes). Darwin/ (Apple-only headers) and Unit/ (the runtime's own gtest units, which
    need the runtime's sources) are left out."""
    entries = []
    for path in sorted(Path(sources).rglob("*")):
        rel = path.relative_to(sources)
        if path.suffix not in (".c", ".cpp", ".cc") or rel.parts[0] in ("Darwin", "Unit"):
            continue
        compiler = ["clang-19", "-std=gnu11"] if path.suffix == ".c" else \
                   ["clang++-19", "-std=c++17"]
        entries.append({"directory": str(path.parent), "file": str(path),
                        "arguments": compiler + run_line_defines(path) +
                                     ["-fsanitize=thread", "-I", str(sources),
                                                 "-I", str(Path(sources).parent),
                                                 "-c", str(path)]})
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "compile_commands.json").write_text(json.dumps(entries, indent=1))
    return out_dir


def run_line_defines(path):
    """The -D options of a lit test's first RUN line that compiles it (strerror_r.cpp is
    built with -DTEST_ERROR=...): without them such a test does not compile."""
    for line in path.read_text(errors="replace").splitlines():
        if "RUN:" in line and "%clang" in line:
            return [t for t in line.split("RUN:", 1)[1].split() if t.startswith("-D")]
    return []


def run_shards(tool, db, work, name, shards, jobs):
    """--shard=K/N for every K into one --facts-dir, then `merge`: (report bytes, seconds)."""
    facts = work / f"{name}.facts-{shards}"
    shutil.rmtree(facts, ignore_errors=True)
    start = time.monotonic()
    for k in range(1, shards + 1):
        proc = subprocess.run([tool, "-p", str(db), f"--shard={k}/{shards}",
                               f"--facts-dir={facts}", f"-j{jobs}", "--quiet"],
                              capture_output=True, text=True)
        if proc.returncode not in (0, 1, 2):
            return None, time.monotonic() - start
    out = work / f"{name}.shards.json"
    proc = subprocess.run([tool, "merge", f"--facts-dir={facts}", "--format=json", "--quiet",
                           "-o", str(out)], capture_output=True, text=True)
    seconds = time.monotonic() - start
    if proc.returncode not in (0, 1, 2) or not out.exists():
        return None, seconds
    return out.read_bytes(), seconds


def run(tool, db, out, extra):
    """One run; returns (exit status, seconds, report or None, stderr)."""
    cmd = [tool, "-p", str(db), "--format=json", "--quiet", "-o", str(out)] + extra
    start = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.monotonic() - start
    report = json.loads(out.read_text()) if proc.returncode in (0, 1, 2) and out.exists() \
        else None
    return proc.returncode, seconds, report, proc.stderr, cmd


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("projects", nargs="*", help="NAME=DIR of compile_commands.json")
    ap.add_argument("--tool")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=300, help="seconds per unit")
    ap.add_argument("--work", help="keep the reports here (default: a temporary directory)")
    ap.add_argument("--shards", type=int, default=2,
                    help="the shard split compared with the whole run (0: none)")
    ap.add_argument("--no-determinism", action="store_true",
                    help="one run per project: skip the -j1 and shard comparisons")
    args = ap.parse_args()

    tool = find_tool(args.tool)
    work = Path(args.work or tempfile.mkdtemp(prefix="conc-sweep-"))
    work.mkdir(parents=True, exist_ok=True)
    projects = dict(p.split("=", 1) for p in args.projects) if args.projects else {
        name: d for name, d in DEFAULT_PROJECTS.items()
        if Path(d, "compile_commands.json").exists() or (name == "tsan" and
                                                       Path(TSAN_SOURCES).is_dir())}
    print(f"# tool {tool}; -j {args.jobs}; --timeout={args.timeout}; work {work}")

    rows, failures, bad = [], [], False
    all_checks = set()
    for name, db in projects.items():
        db = Path(db)
        if name == "tsan" and not (db / "compile_commands.json").exists():
            db = tsan_database(Path(TSAN_SOURCES), work / "tsan-db")
        status, secs, report, stderr, cmd = run(
            tool, db, work / f"{name}.json",
            [f"-j{args.jobs}", f"--timeout={args.timeout}"])
        print(f"# {name}: {' '.join(cmd)}  ({secs:.0f} s, exit {status})")
        if report is None:
            print(f"{name}: the tool died (exit status {status}):\n{stderr[-2000:]}")
            bad = True
            continue
        reasons = collections.Counter(u.get("reason", "parse-error")
                                      for u in report["failedUnits"])
        checks = collections.Counter(f["check"] for f in report["findings"])
        all_checks |= set(checks)
        for u in report["failedUnits"]:
            first = u["errors"][0] if u["errors"] else ""
            failures.append((name, u.get("reason", "parse-error"), u["file"], first))

        same, same_shards = "-", "-"
        if not args.no_determinism:
            reference = (work / f"{name}.json").read_bytes()
            _, s1, _, _, _ = run(tool, db, work / f"{name}.j1.json", ["-j1"])
            print(f"# {name} -j1: {s1:.0f} s")
            same = "yes" if (work / f"{name}.j1.json").read_bytes() == reference else "NO"
            bad |= same == "NO"
            if args.shards > 0:
                merged, s2 = run_shards(tool, db, work, name, args.shards, args.jobs)
                print(f"# {name} {args.shards} shards + merge: {s2:.0f} s")
                same_shards = "yes" if merged == reference else "NO"
                bad |= same_shards == "NO"
        rows.append((name, report["unitsAnalyzed"], reasons["parse-error"], reasons["crash"],
                     reasons["timeout"], checks, same, same_shards, secs))
        bad |= reasons["crash"] > 0

    checks = sorted(all_checks)
    head = ["project", "TUs", "parse-failed", "crashed", "timed-out"] + \
           [c.replace("conc-", "") for c in checks] + \
           ["same-bytes-j1", f"same-bytes-{args.shards}-shards", "seconds"]
    table = [head] + [[r[0], r[1], r[2], r[3], r[4]] + [r[5][c] for c in checks] +
                      [r[6], r[7], f"{r[8]:.0f}"] for r in rows]
    if rows:
        totals = ["total"] + [sum(r[i] for r in table[1:]) for i in range(1, 5)] + \
                 [sum(r[5 + i] for r in table[1:]) for i in range(len(checks))] + \
                 ["", "", ""]
        table.append(totals)
    widths = [max(len(str(row[i])) for row in table) for i in range(len(head))]
    for row in table:
        print("| " + " | ".join(str(v).ljust(w) for v, w in zip(row, widths)) + " |")

    if failures:
        print("\nunits that failed:")
        for name, reason, file, first in sorted(failures):
            print(f"  {name}: {reason}: {file}: {first[:160]}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
