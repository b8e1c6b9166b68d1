#!/usr/bin/env python3
"""compare-with-cli.py --cli=EXE --tidy=EXE --module=SO --checks=GLOBS
[--config=YAML] --out=DIR FILE -- ARGS...: run conc-advisor and clang-tidy
with the module on FILE with the same checks, options and compiler
arguments, and fail unless they report the same diagnostics (each warning
with its notes, as a group) and the same fix-its (their --export-fixes
replacements). Prints what was compared, so a test can also check that
there was something to compare.

--config is one .conc-advisor.yaml CheckOptions mapping in flow style
({key: value}); it is given to each tool in its own form.
"""
import argparse
import os
import re
import subprocess
import sys

import yaml

LINE = re.compile(r"^(/[^:]+):(\d+):(\d+): (warning|error|note): (.*)$")


def groups(text):
    """Warnings with their notes, as sorted tuples; the CLI's fix-it notes
    (clang-tidy shows fix-its under the source line) are left out."""
    out, cur = [], None
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        path, ln, col, kind, msg = m.groups()
        where = "%s:%s:%s" % (os.path.basename(path), ln, col)
        if kind == "note":
            if msg.startswith("fix-it: "):
                continue
            if cur is not None:
                cur.append("note %s %s" % (where, msg))
            continue
        cur = ["%s %s %s" % (kind, where, msg)]
        out.append(cur)
    return sorted(tuple(g) for g in out)


def fixes(path):
    """The replacements of an --export-fixes file: (file, offset, length, text)."""
    if not os.path.exists(path):
        return []
    with open(path) as f:
        doc = yaml.safe_load(f) or {}
    reps = []
    for d in doc.get("Diagnostics", []):
        msg = d.get("DiagnosticMessage", d)
        for r in msg.get("Replacements", []) or []:
            reps.append((os.path.basename(r["FilePath"]), r["Offset"], r["Length"],
                         r["ReplacementText"]))
    for r in doc.get("Replacements", []) or []:
        reps.append((os.path.basename(r["FilePath"]), r["Offset"], r["Length"],
                     r["ReplacementText"]))
    return sorted(set(reps))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--tidy", required=True)
    ap.add_argument("--module", required=True)
    ap.add_argument("--checks", required=True)
    ap.add_argument("--config", default="")
    ap.add_argument("--out", required=True)
    ap.add_argument("file")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    args = a.args[1:] if a.args[:1] == ["--"] else a.args
    os.makedirs(a.out, exist_ok=True)
    options = yaml.safe_load(a.config) if a.config else {}

    cli_config = os.path.join(a.out, "cli.yaml")
    with open(cli_config, "w") as f:
        yaml.safe_dump({"CheckOptions": {k: str(v).lower() if isinstance(v, bool) else str(v)
                                         for k, v in options.items()}} if options else {}, f)
    cli_fixes = os.path.join(a.out, "cli-fixes.yaml")
    tidy_fixes = os.path.join(a.out, "tidy-fixes.yaml")
    cli = subprocess.run([a.cli, "--quiet", "--fail-on=error", "--config-file=" + cli_config,
                          "--checks=" + a.checks, "--export-fixes=" + cli_fixes, a.file,
                          "--"] + args, capture_output=True, text=True)
    tidy_config = "{CheckOptions: {%s}}" % ", ".join(
        "%s: '%s'" % (k, str(v).lower() if isinstance(v, bool) else v) for k, v in options.items())
    tidy = subprocess.run([a.tidy, "--load=" + a.module, "--checks=" + a.checks,
                           "--config=" + tidy_config, "--export-fixes=" + tidy_fixes, a.file,
                           "--"] + args, capture_output=True, text=True)
    if cli.returncode != 0:
        sys.exit("conc-advisor failed (%d):\n%s" % (cli.returncode, cli.stderr))
    if tidy.returncode != 0:
        sys.exit("clang-tidy failed (%d):\n%s%s" % (tidy.returncode, tidy.stdout, tidy.stderr))
    ok = True
    for what, mine, theirs in (("diagnostics", groups(cli.stdout), groups(tidy.stdout)),
                               ("fix-its", fixes(cli_fixes), fixes(tidy_fixes))):
        if mine != theirs:
            ok = False
            print("DIFFERENT %s for %s" % (what, os.path.basename(a.file)))
            for g in mine:
                if g not in theirs:
                    print("  only conc-advisor: %s" % (g,))
            for g in theirs:
                if g not in mine:
                    print("  only clang-tidy:   %s" % (g,))
        else:
            print("same %s: %d" % (what, len(mine)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
