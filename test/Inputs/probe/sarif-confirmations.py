#!/usr/bin/env python3
"""sarif-confirmations.py REPORT.sarif ROOT: one line per thread site,
process site and advice finding of a conc-advisor SARIF report, with its
confirmation by --profile, for FileCheck:
  src/a.cpp:12 conc-thread-site confirmed cpu
  src/a.cpp:30 conc-process-site unverified: REASON
A finding without a `confirmation` property prints `NO CONFIRMATION`.
Paths are relative to ROOT."""
import json
import sys

report, root = sys.argv[1], sys.argv[2].rstrip("/") + "/"
with open(report) as f:
    runs = json.load(f)["runs"]
for run in runs:
    for r in run["results"]:
        rule = r["ruleId"]
        if rule not in ("conc-thread-site", "conc-process-site") and \
                not rule.startswith("conc-advice-"):
            continue
        loc = r["locations"][0]["physicalLocation"]
        path = loc["artifactLocation"]["uri"].replace("file://", "").replace(root, "")
        props = r.get("properties", {})
        state = props.get("confirmation", "NO CONFIRMATION")
        if state == "unverified":
            state += ": " + props.get("confirmation-reason", "NO REASON")
        else:
            state += " " + props.get("measured-class", "NO MEASURED CLASS")
        print("%s:%d %s %s" % (path, loc["region"]["startLine"], rule, state))
