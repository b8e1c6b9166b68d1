#!/usr/bin/env python3
"""Synthetic facts of N translation units, for timing the whole-program step.

Writes into DIR what `conc-advisor --facts-dir=DIR` leaves there for each
unit: a `NAME-HASH.facts.yaml` (model/FactsIO.h's format) and a
`NAME-HASH.cache.yaml` (tool/UnitCache.h: per-unit findings, here none), so
that `conc-advisor merge --facts-dir=DIR` concludes over them.

The program is shaped like a real one of N units: each unit defines its own
functions and globals and includes some of N/20 shared headers whose inline
functions, globals and accesses every includer repeats (the merge must
dedupe them); calls cross units; every 50th unit starts a thread running a
function of another unit, and a few globals are written from those threads
without a lock, so conc-shared-state has races to find. The sizes per unit
default to those of leveldb's units as written by conc-advisor (see
bench/README.md). Deterministic: the same arguments give the same bytes.

    bench/gen_facts.py --units 10000 /tmp/facts10k
    build/bin/conc-advisor merge --facts-dir=/tmp/facts10k --format=sarif -o /dev/null
"""

import argparse
import hashlib
import os
import random
import re



def facts_version():
    """The version the tool reads (model/Facts.h): facts of another are rejected."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "model", "Facts.h")) as f:
        return int(re.search(r"constexpr int FactsVersion = (\d+);", f.read()).group(1))


def usr_fn(unit, i):
    return "c:@N@synth@F@u%d_f%d#" % (unit, i)


def usr_hfn(header, i):
    return "c:@N@synth@S@H%d@F@m%d#" % (header, i)


def usr_global(unit, i):
    return "c:@N@synth@u%d_g%d" % (unit, i)


def usr_hglobal(header, i):
    return "c:@N@synth@h%d_g%d" % (header, i)


def point(path, line, col, prefix=""):
    return "%sfile: %s, %sline: %d, %scolumn: %d" % (prefix, path, prefix, line, prefix, col)


def unit_text(u, args):
    rnd = random.Random(u)
    units = args.units
    headers = max(1, units // 20)
    src = "/synth/src/u%d.cpp" % u
    included = sorted({rnd.randrange(headers) for _ in range(args.headers_per_unit)})
    functions, calls, starts, variables, accesses = [], [], [], [], []
    for i in range(args.functions):
        functions.append("{usr: '%s', name: 'synth::u%d_f%d', %s}" % (
            usr_fn(u, i), u, i, point(src, 10 + i, 6)))
    if u == 0:
        functions.append("{usr: 'c:@F@main#', name: main, %s, main: true}" % point(src, 1, 5))
    for h in included:
        hpath = "/synth/include/h%d.h" % h
        for i in range(args.header_functions):
            functions.append("{usr: '%s', name: 'synth::H%d::m%d', %s, class: 'c:@N@synth@S@H%d'}"
                             % (usr_hfn(h, i), h, i, point(hpath, 5 + i, 8), h))
            accesses.append("{function: '%s', variable: '%s', %s}" % (
                usr_hfn(h, i), usr_hglobal(h, i % 4), point(hpath, 5 + i, 20)))
        for i in range(4):
            variables.append("{usr: '%s', name: 'synth::h%d_g%d', type: int, %s, scalar: true}"
                             % (usr_hglobal(h, i), h, i, point(hpath, 2, 12 + i)))
    for i in range(args.globals):
        variables.append("{usr: '%s', name: 'synth::u%d_g%d', type: long, %s, scalar: true}"
                         % (usr_global(u, i), u, i, point(src, 3, 6 + i)))
    for i in range(args.calls):
        caller = usr_fn(u, rnd.randrange(args.functions))
        r = rnd.random()
        if r < 0.5:
            callee = usr_fn(u, rnd.randrange(args.functions))
        elif r < 0.8 and included:
            callee = usr_hfn(rnd.choice(included), rnd.randrange(args.header_functions))
        else:
            callee = usr_fn(rnd.randrange(units), rnd.randrange(args.functions))
        calls.append("{caller: '%s', callee: '%s', %s}" % (caller, callee,
                                                         point(src, 100 + i, 3)))
    if u == 0:
        calls.append("{caller: 'c:@F@main#', callee: '%s', %s}" % (usr_fn(0, 0),
                                                                 point(src, 2, 3)))
    if u % 50 == 0:
        entry = usr_fn((u * 7 + 1) % units, 0)
        starts.append("{caller: '%s', entry: '%s', api: std::thread, %s, many: true}" % (
            usr_fn(u, 0), entry, point(src, 50, 15)))
    for i in range(args.accesses):
        fn = usr_fn(u, rnd.randrange(args.functions))
        if rnd.random() < 0.1:
            var = usr_global(rnd.randrange(units), rnd.randrange(args.globals))
        else:
            var = usr_global(u, rnd.randrange(args.globals))
        flags = ""
        if rnd.random() < 0.3:
            flags += ", write: true"
        if rnd.random() < 0.5:
            flags += ", locks: ['c:@N@synth@mu%d']" % (u % 8)
        accesses.append("{function: '%s', variable: '%s', %s%s}" % (
            fn, var, point(src, 200 + i, 5), flags))
    out = ["version: %d" % args.version, "file: %s" % src]
    for key, items in (("functions", functions), ("calls", calls), ("overrides", []),
                       ("thread-starts", starts), ("variables", variables),
                       ("accesses", accesses), ("unsafe-calls", []), ("forks", [])):
        if items:
            out.append("%s:" % key)
            out.extend("  - " + x for x in items)
        else:
            out.append("%s: []" % key)
    return src, "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--units", type=int, default=1000)
    ap.add_argument("--functions", type=int, default=60, help="own functions per unit")
    ap.add_argument("--calls", type=int, default=400, help="calls per unit")
    ap.add_argument("--globals", type=int, default=10, help="own globals per unit")
    ap.add_argument("--accesses", type=int, default=150, help="own accesses per unit")
    ap.add_argument("--headers-per-unit", type=int, default=8)
    ap.add_argument("--header-functions", type=int, default=20,
                    help="inline functions per shared header")
    args = ap.parse_args()
    args.version = facts_version()
    os.makedirs(args.dir, exist_ok=True)
    total = 0
    for u in range(args.units):
        src, text = unit_text(u, args)
        stem = "u%d.cpp-%s" % (u, hashlib.sha256(src.encode()).hexdigest()[:16])
        with open(os.path.join(args.dir, stem + ".facts.yaml"), "w") as f:
            f.write(text)
        # tool/UnitCache.cpp's entry: the facts' hash, a checksum line last.
        body = "key: synthetic\nfacts-hash: %s\ninputs: []\nfindings: []\n" % (
            hashlib.sha256(text.encode()).hexdigest())
        with open(os.path.join(args.dir, stem + ".cache.yaml"), "w") as f:
            f.write(body + "checksum: %s\n" % hashlib.sha256(body.encode()).hexdigest())
        total += len(text)
    print("%d units, %.1f MB of facts in %s" % (args.units, total / 1e6, args.dir))


if __name__ == "__main__":
    main()
