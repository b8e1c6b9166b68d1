#!/usr/bin/env python3
"""check-hardware.py FILE: validate a conc-probe hardware file field by field.

Every figure must be present (or listed under not-measured with a reason),
positive and within a range any real machine falls in; nothing is compared
with fixed numbers, since the figures are this machine's. Prints one line per
problem and exits 1 if there is any, else prints "hardware file OK"."""
import os
import sys

import yaml

COSTS = {  # name: (unit, plausible low, plausible high)
    "thread-create-join": ("us", 0.5, 100000),
    "pool-task-dispatch": ("us", 0.05, 100000),
    "fork-wait": ("us", 5, 1000000),
    "vfork-wait": ("us", 2, 1000000),
    "posix-spawn-wait": ("us", 10, 2000000),
    "context-switch": ("us", 0.05, 100000),
    "mutex-uncontended": ("ns", 0.5, 100000),
    "mutex-contended": ("ns", 0.5, 10000000),
    "pipe-round-trip": ("us", 0.5, 1000000),
    "unix-socket-round-trip": ("us", 0.5, 1000000),
    "pipe-bandwidth": ("MiB/s", 1, 1000000),
    "unix-socket-bandwidth": ("MiB/s", 1, 1000000),
}

problems = []
def need(cond, what):
    if not cond:
        problems.append(what)

doc = yaml.safe_load(open(sys.argv[1]))
need(doc.get("conc-probe-hardware") == 1, "version is not 1")
m = doc.get("machine", {})
cpus = os.cpu_count()
need(m.get("logical-cores") == cpus, "logical-cores %r != os.cpu_count() %r"
     % (m.get("logical-cores"), cpus))
need(1 <= m.get("physical-cores", 0) <= m.get("logical-cores", 0), "physical-cores out of range")
need(m.get("threads-per-core", 0) * m.get("physical-cores", 0) == m.get("logical-cores"),
     "threads-per-core * physical-cores != logical-cores")
need(m.get("packages", 0) >= 1, "packages < 1")
not_measured = {n["figure"]: n["reason"] for n in doc.get("not-measured") or []}
for figure, reason in not_measured.items():
    need(isinstance(reason, str) and len(reason) > 5, "not-measured %s has no reason" % figure)
if "numa-nodes" not in not_measured:
    need(m.get("numa-nodes", 0) >= 1, "numa-nodes < 1 and not listed as not measured")
if "caches" not in not_measured:
    caches = m.get("caches") or []
    need(len(caches) >= 1, "no cache and not listed as not measured")
    for c in caches:
        need(1 <= c["level"] <= 5 and 1 <= c["size-kib"] <= 4 * 1024 * 1024 and c["shared-by"] >= 1,
             "implausible cache %r" % c)
costs = doc.get("costs") or {}
for name, (unit, low, high) in COSTS.items():
    if name in not_measured:
        continue
    c = costs.get(name)
    if c is None:
        problems.append("cost %s neither measured nor listed as not measured" % name)
        continue
    need(c["unit"] == unit, "%s unit %s, expected %s" % (name, c["unit"], unit))
    need(c["runs"] >= 3, "%s has %d runs, too few for a spread" % (name, c["runs"]))
    need(0 < c["p10"] <= c["median"] <= c["p90"], "%s spread not ordered: %r" % (name, c))
    need(low <= c["median"] <= high, "%s median %s %s outside [%s, %s]"
         % (name, c["median"], unit, low, high))
scaling = doc.get("scaling") or []
need([p["workers"] for p in scaling] == list(range(1, 2 * cpus + 1)),
     "scaling is not 1..2x logical cores workers")
for p in scaling:
    for key in ("threads-speedup", "processes-speedup"):
        need(0.05 <= p[key] <= 2 * cpus, "scaling %r: %s implausible" % (p, key))
need(scaling and scaling[0]["threads-speedup"] == 1.0, "scaling does not start at 1.0")

for p in problems:
    print("check-hardware: " + p)
if problems:
    sys.exit(1)
print("hardware file OK")
