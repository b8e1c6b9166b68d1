#!/usr/bin/env python3
"""Accuracy of the workload classifier against the measured corpus labels.

For every program in test/corpus/labels.tsv (written by bench/label-corpus.py
from a measurement of the running program), runs

    conc-advisor --checks=-*,conc-thread-site,conc-process-site --format=json \\
        --quiet PROGRAM.cpp -- -std=c++17 -pthread -fopenmp

reads the `workload-class` and `workload-confidence` properties of the site
finding on the labelled line, and prints each program's label and class, the
agreement, the confusion matrix (rows: measured label, columns: static
class) and every cpu<->io disagreement with high confidence (the target is
none).

Usage: bench/classify.py [--tool PATH] [--corpus DIR] [--json OUT]
Exit status 0 when every program was analysed, 1 otherwise.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

CLASSES = ["cpu", "io", "mixed", "unknown"]


def find_tool(here, given):
    if given:
        return given
    built = os.path.join(here, "..", "build", "bin", "conc-advisor")
    return built if os.path.exists(built) else shutil.which("conc-advisor")


def read_labels(path):
    rows = []
    header = None
    for line in open(path):
        if line.startswith("#") or not line.strip():
            continue
        cells = line.rstrip("\n").split("\t")
        if header is None:
            header = cells
            continue
        rows.append(dict(zip(header, cells)))
    return rows


def classify(tool, source, line):
    cmd = [tool, "--checks=-*,conc-thread-site,conc-process-site", "--format=json", "--quiet",
           source, "--", "-std=c++17", "-pthread", "-fopenmp"]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        return None, None, run.stderr.strip()
    report = json.loads(run.stdout)
    for f in report["findings"]:
        if f["line"] == line and os.path.samefile(f["file"], source):
            p = f.get("properties", {})
            return p.get("workload-class", "unknown"), p.get("workload-confidence", "low"), ""
    return None, None, "no site finding on line %d" % line


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool")
    parser.add_argument("--corpus", default=os.path.join(here, "..", "test", "corpus"))
    parser.add_argument("--json")
    args = parser.parse_args()
    tool = find_tool(here, args.tool)
    if not tool:
        sys.exit("conc-advisor not found: build it or pass --tool")
    corpus = os.path.abspath(args.corpus)
    labels = read_labels(os.path.join(corpus, "labels.tsv"))
    matrix = {l: {c: 0 for c in CLASSES} for l in CLASSES}
    agree = 0
    severe = []
    failed = []
    results = []
    for row in labels:
        source = os.path.join(corpus, row["name"] + ".cpp")
        cls, conf, error = classify(tool, source, int(row["site-line"]))
        if cls is None:
            failed.append((row["name"], error))
            print(f"{row['name']:32} {row['label']:6} FAILED: {error}")
            continue
        matrix[row["label"]][cls] += 1
        ok = cls == row["label"]
        agree += ok
        if {cls, row["label"]} == {"cpu", "io"} and conf == "high":
            severe.append(row["name"])
        results.append({"name": row["name"], "label": row["label"], "on-cpu": row["on-cpu"],
                        "class": cls, "confidence": conf})
        print(f"{row['name']:32} measured {row['label']:6} (on-cpu {row['on-cpu']})  "
              f"static {cls:7} {conf:6} {'' if ok else 'DISAGREE'}")
    total = len(labels) - len(failed)
    print()
    print(f"agreement: {agree}/{total} = {100.0 * agree / total if total else 0:.1f}%")
    print("confusion (rows: measured label, columns: static class):")
    print("         " + "".join(f"{c:>9}" for c in CLASSES))
    for l in CLASSES[:3]:
        print(f"{l:>9}" + "".join(f"{matrix[l][c]:>9}" for c in CLASSES))
    print(f"cpu<->io with high confidence: {len(severe)}" +
          (" (" + ", ".join(severe) + ")" if severe else ""))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"results": results, "agreement": agree, "total": total,
                       "severe": severe, "failed": [n for n, _ in failed]}, f, indent=2,
                      sort_keys=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
