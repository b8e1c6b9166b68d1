#!/usr/bin/env python3
"""Accuracy of conc-shared-state against labelled race corpora.

    bench/accuracy.py drb    PATH_TO_DATARACEBENCH [--tool PATH] [-j N] [--json OUT]
    bench/accuracy.py racerd PATH_TO_INFER         [--tool PATH] [-j N] [--json OUT]

Each test program of the corpus is analysed on its own (one compile_commands.json per program
in a scratch directory): the tool merges every unit of a compile database into one program, and
the corpora's programs reuse names such as `foo` and `main`. The tool runs with
`--checks='-*,conc-shared-state' --format=json`; only the documented JSON fields are read
(findings[].check/file/line, notes[].file/line, properties.variable, failedUnits); its text
output is never parsed.

Scoring is described in bench/README.md. Standard library only; the printed results and the
--json file depend only on the corpus and the tool (the lines starting with '#' also carry
paths and the run time).
"""
import argparse
import concurrent.futures
import glob
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK = "conc-shared-state"
CHECKS_ARG = "--checks=-*," + CHECK
RACERD_DIR = "infer/tests/codetoanalyze/cpp/racerd"


# ---------------------------------------------------------------------------------------------
# Running the tool


def find_tool(explicit):
    if explicit:
        tool = shutil.which(explicit) or explicit
        if not os.access(tool, os.X_OK):
            sys.exit(f"accuracy.py: --tool {explicit}: not an executable")
        return os.path.abspath(tool)
    built = ROOT / "build" / "bin" / "conc-advisor"
    if os.access(built, os.X_OK):
        return str(built)
    tool = shutil.which("conc-advisor")
    if tool:
        return tool
    sys.exit("accuracy.py: no conc-advisor in build/bin/ or on PATH; pass --tool PATH")


def tool_command(tool, unit_dir):
    """The command run for one program: its own compile database, one report file."""
    return [tool, "-p", str(unit_dir), CHECKS_ARG, "--format=json", "--quiet", "-j", "1",
            "-o", str(unit_dir / "report.json")]


def write_compile_db(unit_dir, entries):
    """entries: (directory, file, arguments). Written sorted so the database is reproducible."""
    unit_dir.mkdir(parents=True, exist_ok=True)
    db = [{"directory": d, "file": f, "arguments": a} for d, f, a in sorted(entries)]
    (unit_dir / "compile_commands.json").write_text(json.dumps(db, indent=2) + "\n")


def run_unit(tool, unit_dir, timeout):
    """Runs the tool on one program. Returns a dict: status ('ok' or 'failed'), reason,
    findings (conc-shared-state only), exit code."""
    cmd = tool_command(tool, unit_dir)
    report = unit_dir / "report.json"
    if report.exists():
        report.unlink()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": "failed", "exit": None, "reason": f"timeout after {timeout} s",
                "findings": []}
    rc = proc.returncode
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    data = None
    if report.exists():
        try:
            data = json.loads(report.read_text())
        except ValueError as e:
            data = None
            stderr = f"unreadable JSON report ({e}); " + stderr
    findings = []
    if data is not None:
        findings = [f for f in data.get("findings", []) if f.get("check") == CHECK]
    if rc < 0:
        return {"status": "failed", "exit": rc, "reason": f"killed by signal {-rc} (crash)",
                "findings": findings}
    if data is not None and data.get("failedUnits"):
        errs = []
        for u in data["failedUnits"]:
            first = u.get("errors", [""])[:1]
            errs.append(f"{os.path.basename(u.get('file', '?'))}: {' '.join(first)}")
        return {"status": "failed", "exit": rc, "reason": "parse error: " + "; ".join(errs),
                "findings": findings}
    if rc not in (0, 1) or data is None:
        last = stderr.splitlines()[-1] if stderr else "no report"
        return {"status": "failed", "exit": rc, "reason": f"exit {rc}: {last}",
                "findings": findings}
    return {"status": "ok", "exit": rc, "reason": "", "findings": findings}


def run_all(tool, units, jobs, timeout):
    """units: {name: unit_dir}. Runs them in parallel; returns {name: result}."""
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(run_unit, tool, d, timeout): n for n, d in units.items()}
        for fut in concurrent.futures.as_completed(futures):
            results[futures[fut]] = fut.result()
    return dict(sorted(results.items()))


def tool_version(tool):
    try:
        out = subprocess.run([tool, "--version"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=60)
        return out.stdout.decode("utf-8", "replace").strip()
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unknown ({e})"


def corpus_identity(root, files, checkout):
    """The git commit of `checkout` when it is one, and always a digest of the files used (by
    their paths under `root`)."""
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(os.path.relpath(f, root).encode() + b"\0")
        h.update(Path(f).read_bytes())
    commit = None
    try:
        out = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--show-toplevel", "HEAD"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=60)
        top, _, head = out.stdout.decode().strip().partition("\n")
        # Only the corpus's own checkout, not a repository it happens to sit in.
        if out.returncode == 0 and Path(top).resolve() == Path(checkout).resolve():
            commit = head
    except OSError:
        pass
    return commit, h.hexdigest()[:16]


def start_run(args, title, root, files, what, checkout=None):
    """Finds the tool and a scratch directory; prints what is measured, with what, on what."""
    tool = find_tool(args.tool)
    commit, digest = corpus_identity(root, files, checkout or root)
    work, cleanup = make_work(args)
    version = tool_version(tool)
    print(f"# {title} of {CHECK}")
    print(f"# tool: {tool} ({version})")
    print(f"# corpus: {root} ({'commit ' + commit if commit else 'not a git checkout'}; "
          f"{what} {digest})")
    return {"tool": tool, "version": version, "commit": commit, "digest": digest,
            "work": work, "cleanup": cleanup}


def analyse(args, run, entries):
    """entries: {program name: compile commands}. One compile database per program, the tool
    run on each; prints the command and the run time; returns {name: run_unit result}."""
    tool, work = run["tool"], run["work"]
    units = {}
    for name, commands in entries.items():
        units[name] = work / "units" / name
        write_compile_db(units[name], commands)
    print("# command, for each program P (one compile database each):")
    print("#   " + shlex.join(tool_command(tool, work / "units" / "P")))
    print(f"#   e.g. {shlex.join(tool_command(tool, units[min(units)]))}")
    start = time.monotonic()
    results = run_all(tool, units, args.jobs, args.timeout)
    print(f"# run time: {time.monotonic() - start:.1f} s wall for {len(units)} programs at "
          f"-j {args.jobs}")
    print()
    return results


# ---------------------------------------------------------------------------------------------
# Metrics


def metrics(tp, fp, tn, fn):
    def ratio(a, b):
        return round(a / b, 3) if b else None
    p = ratio(tp, tp + fp)
    r = ratio(tp, tp + fn)
    return {"TP": tp, "FP": fp, "TN": tn, "FN": fn, "precision": p, "recall": r,
            "F1": ratio(2 * tp, 2 * tp + fp + fn),  # = 2PR/(P+R), and 0 when TP is 0
            "accuracy": ratio(tp + tn, tp + fp + tn + fn)}


def fmt(m):
    def v(x):
        return "n/a" if x is None else f"{x:.3f}"
    return (f"TP {m['TP']:4d}  FP {m['FP']:4d}  TN {m['TN']:4d}  FN {m['FN']:4d}   "
            f"precision {v(m['precision'])}  recall {v(m['recall'])}  F1 {v(m['F1'])}  "
            f"accuracy {v(m['accuracy'])}")


def access_lines(finding, path):
    """Lines in `path` that a finding names: its own location (the write) and its notes (the
    other access, among the evidence). Only documented JSON fields are read."""
    lines = set()
    if finding.get("file") == path:
        lines.add(finding["line"])
    for n in finding.get("notes", []):
        if n.get("file") == path:
            lines.add(n["line"])
    return lines


def finding_pairs(finding, path):
    """The unordered line pairs a finding may stand for: (write, write) when an access races
    with itself in another instance of its thread, (write, note) for the other access."""
    if finding.get("file") != path:
        return set()
    w = finding["line"]
    return {tuple(sorted((w, other))) for other in access_lines(finding, path)}


def describe(finding):
    props = finding.get("properties", {})
    notes = ",".join(str(n["line"]) for n in finding.get("notes", []))
    where = os.path.basename(finding.get("file", "?"))
    return f"'{props.get('variable', '?')}' {where}:{finding['line']} (notes at {notes or '-'})"


# ---------------------------------------------------------------------------------------------
# DataRaceBench

# DataRaceBench's own encoding (scripts/getSourceRaceInfo.py): "name@LINE:COL:R|W vs. name@..."
# anywhere in the file, or a Write_set = {...} / Read_set = {...} pair of lines.
DRB_PAIR = re.compile(r"(?:\*)*[a-zA-Z]\S*(?:\[.*\])*\@\d+\:\d+\:[RW]\s+(?:vs\.)+\s+"
                      r"(?:\*)*[a-zA-Z]\S*(?:\[.*\])*\@\d+\:\d+\:[RW]", re.IGNORECASE)
# The line numbers only: names hold spaces and brackets ("u[1 - p][i]@38:7:W").
DRB_REF = re.compile(r"\@(\d+)\:\d+")
DRB_SET = re.compile(r"(write|read)_set\s*=\s*\{.*\}", re.IGNORECASE)


def drb_pairs(path):
    pairs = set()
    wset, rset = [], []
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        m = DRB_PAIR.search(line)
        if m:
            a, b = [int(x) for x in DRB_REF.findall(m.group())[:2]]
            pairs.add(tuple(sorted((a, b))))
        s = DRB_SET.search(line)
        if s:
            refs = [int(x) for x in DRB_REF.findall(s.group())]
            (wset if s.group(1).lower() == "write" else rset).extend(refs)
    for w in wset:
        for other in wset + rset:
            pairs.add(tuple(sorted((w, other))))
    return pairs


def find_omp_include(work, tool, explicit):
    """A directory to put on the include path so that <omp.h> resolves, or None when the tool
    already finds it (libomp-dev of the tool's Clang installed)."""
    if explicit:
        if not (Path(explicit) / "omp.h").exists():
            sys.exit(f"accuracy.py: --omp-include {explicit}: no omp.h there")
        return os.path.abspath(explicit)
    probe = work / "omp-probe"
    probe.mkdir(parents=True, exist_ok=True)
    (probe / "probe.c").write_text("#include <omp.h>\nint main(void) { return 0; }\n")
    write_compile_db(probe, [(str(probe), str(probe / "probe.c"),
                              ["clang", "-fopenmp", "-c", str(probe / "probe.c")])])
    if run_unit(tool, probe, 120)["status"] == "ok":
        return None
    # The declarations of omp.h do not depend on the compiler version: take the newest one
    # installed, alone in a directory of its own so no other header of that compiler leaks in.
    def version_key(p):
        return [int(x) for x in re.findall(r"\d+", p)]
    candidates = sorted(glob.glob("/usr/lib/llvm-*/lib/clang/*/include/omp.h") +
                        glob.glob("/usr/lib/llvm-*/include/omp.h"), key=version_key,
                        reverse=True)
    candidates += sorted(glob.glob("/usr/lib/gcc/*/*/include/omp.h"), key=version_key,
                         reverse=True)
    candidates += [p for p in ("/usr/include/omp.h", "/usr/local/include/omp.h")
                   if os.path.exists(p)]
    if not candidates:
        sys.exit("accuracy.py: the tool does not find <omp.h> and none is installed; install "
                 "libomp-dev (or libomp-19-dev) or pass --omp-include DIR")
    inc = work / "omp-include"
    inc.mkdir(exist_ok=True)
    shutil.copyfile(candidates[0], inc / "omp.h")
    print(f"# <omp.h>: the tool's Clang has none; using a copy of {candidates[0]}")
    return str(inc)


def drb_compile_entries(mb, src, omp_inc):
    """The compile commands for one DataRaceBench program, as its scripts/test-harness.sh
    builds it with clang: `clang -fopenmp -g FILE` (`clang++` for .cpp), plus for PolyBench
    kernels utilities/polybench.c and the POLYFLAG defines and include paths."""
    text = Path(src).read_text(encoding="utf-8", errors="replace")
    cpp = src.endswith(".cpp")
    flags = ["-fopenmp", "-g", "-std=c++17" if cpp else "-std=gnu99", f"-I{mb}",
             f"-I{mb}/utilities"]
    if omp_inc:
        flags.append(f"-isystem{omp_inc}")
    files = [src]
    if "PolyBench" in text:
        flags += ["-DPOLYBENCH_NO_FLUSH_CACHE", "-DPOLYBENCH_TIME", "-D_POSIX_C_SOURCE=200112L"]
        files.append(os.path.join(mb, "utilities", "polybench.c"))
    entries = []
    for f in files:
        driver = "clang++" if f.endswith(".cpp") else "clang"
        entries.append((mb, f, [driver] + flags + ["-c", f]))
    return entries


def drb(args):
    root = Path(args.path).resolve()
    mb = root / "micro-benchmarks"
    if not mb.is_dir():
        sys.exit(f"accuracy.py: {mb}: no such directory (expected a DataRaceBench checkout)")
    sources = sorted(str(p) for p in mb.iterdir()
                     if re.fullmatch(r"DRB\d+-.*-(yes|no)\.(c|cpp)", p.name))
    if args.filter:
        sources = [s for s in sources if re.search(args.filter, os.path.basename(s))]
    if not sources:
        sys.exit(f"accuracy.py: no DRBnnn-...-yes/no.c(pp) files in {mb}")
    run = start_run(args, "DataRaceBench accuracy", root, sources,
                    f"{len(sources)} programs, sha256 of sources")
    omp_inc = find_omp_include(run["work"], run["tool"], args.omp_include)
    results = analyse(args, run, {os.path.basename(src): drb_compile_entries(str(mb), src, omp_inc)
                                  for src in sources})

    file_cm = {"TP": [], "FP": [], "TN": [], "FN": []}
    line = {"TP": 0, "FP": 0, "TN": 0, "FN": 0}
    line_fp, no_truth, located, failed = [], [], [], []
    per_unit = {}
    for src in sources:
        name = os.path.basename(src)
        res = results[name]
        racy = name.rsplit(".", 1)[0].endswith("-yes")
        pairs = drb_pairs(src) if racy else set()
        fs = res["findings"]
        entry = {"race": racy, "pairs": sorted(pairs), "status": res["status"],
                 "exit": res["exit"], "reason": res["reason"],
                 "findings": [{"variable": f.get("properties", {}).get("variable"),
                               "file": os.path.basename(f["file"]), "line": f["line"],
                               "notes": sorted({n["line"] for n in f.get("notes", [])
                                                if n.get("file") == f["file"]})}
                              for f in fs]}
        per_unit[name] = entry
        if res["status"] != "ok":
            failed.append((name, res["reason"]))
            entry["file"] = entry["line"] = "failed"
            continue
        cls = ("TP" if fs else "FN") if racy else ("FP" if fs else "TN")
        file_cm[cls].append(name)
        entry["file"] = cls
        # Line level, as DataRaceBench's raceCheck_line_Info.py counts: the listed pairs of a
        # program (unordered line pairs, deduplicated) against the pairs the tool reports.
        if racy and not pairs:
            no_truth.append(name)
            entry["line"] = "no listed pairs"
            continue
        matched = set()
        unmatched = []
        for f in fs:
            hit = finding_pairs(f, src) & pairs
            if hit:
                matched |= hit
            else:
                unmatched.append(f)
        # One finding per variable: count each unmatched finding once (by variable and place).
        unmatched_keys = {(f.get("properties", {}).get("variable"), f["file"], f["line"])
                          for f in unmatched}
        tp, fp, fn = len(matched), len(unmatched_keys), len(pairs - matched)
        tn = 1 if not pairs and not fs else 0
        for k, v in (("TP", tp), ("FP", fp), ("FN", fn), ("TN", tn)):
            line[k] += v
        entry["line"] = {"TP": tp, "FP": fp, "FN": fn, "TN": tn}
        if matched:
            located.append(name)
        if unmatched:
            line_fp.append((name, [describe(f) for f in unmatched]))

    fm = metrics(*(len(file_cm[k]) for k in ("TP", "FP", "TN", "FN")))
    lm = metrics(line["TP"], line["FP"], line["TN"], line["FN"])
    n_yes = sum(1 for e in per_unit.values() if e["race"])
    print(f"Programs: {len(sources)} ({n_yes} -yes, {len(sources) - n_yes} -no); "
          f"scored {len(sources) - len(failed)}, tool failed on {len(failed)}")
    print()
    print("File level (a program counts as reported when it has >= 1 finding):")
    print("  " + fmt(fm))
    print()
    print("Line level (DataRaceBench's pair matching: each listed pair of a -yes program is a TP")
    print("when a finding's write and other access fall on its two lines, in either order, else")
    print("a FN; each finding matching no listed pair is a FP; a -no program without findings")
    print("is one TN):")
    print("  " + fmt(lm))
    print(f"  -yes programs with a finding on a listed pair: {len(located)} of "
          f"{len(file_cm['TP']) + len(file_cm['FN'])} scored" +
          (f": {', '.join(located)}" if located else ""))
    if no_truth:
        print(f"  -yes programs without a listed pair (left out of the line level): "
              f"{len(no_truth)}: {', '.join(no_truth)}")
    print()
    print(f"Tool failures (crash, parse error, exit status other than 0/1, timeout): "
          f"{len(failed)}")
    for name, reason in failed:
        print(f"  {name}: {reason}")
    print()
    print(f"File-level false negatives ({len(file_cm['FN'])}): -yes programs with no finding")
    for name in file_cm["FN"]:
        pairs = per_unit[name]["pairs"]
        print(f"  {name}  listed pairs: " + (" ".join(f"{a}-{b}" for a, b in pairs) or "-"))
    print()
    print(f"File-level false positives ({len(file_cm['FP'])}): -no programs with findings")
    for name in file_cm["FP"]:
        fs = [describe(f) for f in results[name]["findings"]]
        print(f"  {name}: " + "; ".join(fs))
    print()
    print("Line-level misses in -yes programs with findings (findings matching no listed pair):")
    for name, descs in line_fp:
        if per_unit[name]["race"]:
            print(f"  {name}: {'; '.join(descs)}  listed pairs: " +
                  " ".join(f"{a}-{b}" for a, b in per_unit[name]["pairs"]))
    write_json(args, {"corpus": "DataRaceBench", "commit": run["commit"],
                      "sha256": run["digest"], "tool_version": run["version"],
                      "programs": len(sources),
                      "file_level": fm, "line_level": lm, "failed": [n for n, _ in failed],
                      "units": per_unit})
    run["cleanup"]()
    return 0


# ---------------------------------------------------------------------------------------------
# Infer's RacerD C++ tests


def racerd(args):
    root = Path(args.path).resolve()
    tests = root / RACERD_DIR
    if not tests.is_dir():
        tests = root  # the racerd folder itself
    exp_file = tests / "issues.exp"
    if not exp_file.exists():
        sys.exit(f"accuracy.py: no issues.exp under {root} (expected an Infer checkout or its "
                 "infer/tests/codetoanalyze/cpp/racerd folder)")
    sources = sorted(str(p) for p in tests.glob("*.cpp"))
    if args.filter:
        sources = [s for s in sources if re.search(args.filter, os.path.basename(s))]
    # issues.exp: "FILE, PROCEDURE, LINE, ISSUE_TYPE, BUCKET, SEVERITY, [TRACE]" per line.
    expected = {}
    for raw in exp_file.read_text().splitlines():
        fields = [x.strip() for x in raw.split(", ", 4)]
        if len(fields) < 4 or not fields[2].isdigit():
            continue
        expected.setdefault(os.path.basename(fields[0]), []).append(
            {"procedure": fields[1], "line": int(fields[2]), "type": fields[3]})
    checkout = tests.parents[4] if tests.as_posix().endswith(RACERD_DIR) else tests
    run = start_run(args, "Infer RacerD C++ tests: accuracy", tests, sources + [str(exp_file)],
                    f"{len(sources)} files, sha256 of sources and issues.exp", checkout)
    # Infer's Makefile: -x c++ -std=c++17 (against its own libc++; here the system's).
    # lock_guard_with_scope.cpp returns a value from a void function, which Clang 19 rejects by
    # default (-Wreturn-mismatch) and Infer's frontend lets through.
    results = analyse(args, run, {
        os.path.basename(src): [(str(tests), src, ["clang++", "-x", "c++", "-std=c++17",
                                                   "-Wno-error=return-mismatch", "-c", src])]
        for src in sources})

    file_cm = {"TP": [], "FP": [], "TN": [], "FN": []}
    issue = {"TP": 0, "FP": 0, "TN": 0, "FN": 0}
    failed, missed, spurious = [], [], []
    per_unit = {}
    types = {}
    for src in sources:
        name = os.path.basename(src)
        res = results[name]
        exp = expected.get(name, [])
        for e in exp:
            types[e["type"]] = types.get(e["type"], 0) + 1
        fs = res["findings"]
        entry = {"expected": exp, "status": res["status"], "exit": res["exit"],
                 "reason": res["reason"],
                 "findings": [{"variable": f.get("properties", {}).get("variable"),
                               "line": f["line"]} for f in fs]}
        per_unit[name] = entry
        if res["status"] != "ok":
            failed.append((name, res["reason"]))
            continue
        cls = ("TP" if fs else "FN") if exp else ("FP" if fs else "TN")
        file_cm[cls].append(name)
        # Issue level: an expected issue is found when a finding (its write or a note) is on
        # the issue's line; a finding on no expected issue's line is a FP.
        lines_hit = set()
        for f in fs:
            lines_hit |= access_lines(f, src)
        tp = sum(1 for e in exp if e["line"] in lines_hit)
        issue["TP"] += tp
        issue["FN"] += len(exp) - tp
        exp_lines = {e["line"] for e in exp}
        extra = [f for f in fs if not (access_lines(f, src) & exp_lines)]
        issue["FP"] += len(extra)
        issue["TN"] += 1 if not exp and not fs else 0
        missed += [(name, e) for e in exp if e["line"] not in lines_hit]
        spurious += [(name, describe(f)) for f in extra]

    fm = metrics(*(len(file_cm[k]) for k in ("TP", "FP", "TN", "FN")))
    im = metrics(issue["TP"], issue["FP"], issue["TN"], issue["FN"])
    print(f"Files: {len(sources)} ({sum(1 for s in sources if os.path.basename(s) in expected)}"
          f" with expected issues); expected issues: {sum(len(v) for v in expected.values())} ("
          + ", ".join(f"{k} {v}" for k, v in sorted(types.items())) + ")")
    print("Note: these tests are classes whose methods Infer assumes may run concurrently; they")
    print("start no thread, which is what the tool reasons from. See bench/README.md.")
    print()
    print("File level (a file with an expected issue is a positive):")
    print("  " + fmt(fm))
    print("Issue level (an issues.exp line is found when a finding or one of its notes is on")
    print("its line; findings on no expected line are FPs; a clean file without findings is a TN):")
    print("  " + fmt(im))
    print()
    print(f"Tool failures: {len(failed)}")
    for name, reason in failed:
        print(f"  {name}: {reason}")
    print(f"Missed issues ({len(missed)}):")
    for name, e in missed:
        print(f"  {name}:{e['line']} {e['procedure']} {e['type']}")
    print(f"Findings on no expected issue ({len(spurious)}):")
    for name, d in spurious:
        print(f"  {name}: {d}")
    write_json(args, {"corpus": "Infer RacerD cpp tests", "commit": run["commit"],
                      "sha256": run["digest"], "tool_version": run["version"],
                      "file_level": fm, "issue_level": im,
                      "failed": [n for n, _ in failed], "units": per_unit})
    run["cleanup"]()
    return 0


# ---------------------------------------------------------------------------------------------


def make_work(args):
    if args.work:
        work = Path(args.work).resolve()
        work.mkdir(parents=True, exist_ok=True)
        return work, lambda: None
    work = Path(tempfile.mkdtemp(prefix="conc-accuracy-"))
    if args.keep:
        print(f"# scratch directory (kept): {work}")
        return work, lambda: None
    return work, lambda: shutil.rmtree(work, ignore_errors=True)


def write_json(args, data):
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
        print(f"\n# results written to {args.json}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="corpus", required=True)
    for name, helptext in (("drb", "DataRaceBench checkout (LLNL/dataracebench)"),
                           ("racerd", "Infer checkout (facebook/infer), or its "
                                      "infer/tests/codetoanalyze/cpp/racerd folder")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("path", help=helptext)
        p.add_argument("--tool", help="conc-advisor binary (default: build/bin/conc-advisor of "
                                      "this checkout, else conc-advisor on PATH)")
        p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                       help="programs analysed in parallel (default: one per core)")
        p.add_argument("--json", help="write per-program results and the figures to this file")
        p.add_argument("--work", help="scratch directory for the compile databases and "
                                      "reports (kept; default: a temporary one, removed)")
        p.add_argument("--keep", action="store_true",
                       help="keep the temporary scratch directory")
        p.add_argument("--timeout", type=int, default=600,
                       help="seconds per program before it counts as a failure (default 600)")
        p.add_argument("--filter", help="only programs whose file name matches this regex")
        if name == "drb":
            p.add_argument("--omp-include",
                           help="directory holding an omp.h, for a tool whose Clang has none "
                                "(default: found automatically)")
    args = ap.parse_args()
    print("# " + shlex.join([sys.executable, *sys.argv]))
    return drb(args) if args.corpus == "drb" else racerd(args)


if __name__ == "__main__":
    sys.exit(main())
