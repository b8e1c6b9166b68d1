#!/usr/bin/env python3
"""Scaffolds a new check so every part of it is named after its id:

    scripts/add-check.py shared-state "mutable state reached from two threads" warning

writes checks/SharedStateCheck.{h,cpp}, docs/checks/conc-shared-state.md and
test/checks/conc-shared-state.cpp, and registers the check (sorted) in
checks/CheckRegistry.cpp and checks/CMakeLists.txt. The generated test fails
until the check reports something: fill in the matchers and the test.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in ("note", "warning", "error"):
        sys.exit(__doc__)
    name, summary, level = sys.argv[1], sys.argv[2], sys.argv[3]
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name):
        sys.exit("check name must be lower-case words joined by '-', without 'conc-'")
    check_id = "conc-" + name
    cls = "".join(w.capitalize() for w in name.split("-")) + "Check"
    files = {
        ROOT / "checks" / (cls + ".h"): HEADER,
        ROOT / "checks" / (cls + ".cpp"): SOURCE,
        ROOT / "docs" / "checks" / (check_id + ".md"): DOCS,
        ROOT / "test" / "checks" / (check_id + ".cpp"): TEST,
    }
    for path in files:
        if path.exists():
            sys.exit(f"{path} already exists")
    subst = dict(ID=check_id, CLASS=cls, GUARD=cls.upper(), SUMMARY=summary,
                 LEVEL=level.capitalize(), level=level)
    for path, template in files.items():
        path.write_text(template.format(**subst))

    registry = ROOT / "checks" / "CheckRegistry.cpp"
    text = registry.read_text()
    includes = sorted(set(re.findall(r'#include "checks/\w+Check\.h"\n', text)
                          + [f'#include "checks/{cls}.h"\n']))
    text = re.sub(r'(#include "checks/\w+Check\.h"\n)+', "".join(includes), text, count=1)
    entries = re.findall(r"    \{\w+::Id,.*?make<\w+>\},\n", text, re.S)
    entries.append(f'    {{{cls}::Id, "{summary}",\n     Severity::{subst["LEVEL"]}, make<{cls}>}},\n')
    entries.sort(key=lambda e: re.search(r"make<(\w+)>", e).group(1))
    text = re.sub(r"(    \{\w+::Id,.*?make<\w+>\},\n)+", "".join(entries), text, count=1, flags=re.S)
    registry.write_text(text)

    cmake = ROOT / "checks" / "CMakeLists.txt"
    text = cmake.read_text()
    sources = sorted(set(re.findall(r"^  (\w+\.cpp)$", text, re.M) + [cls + ".cpp"]))
    text = re.sub(r"(^  \w+\.cpp\n)+", "".join(f"  {s}\n" for s in sources), text, count=1, flags=re.M)
    cmake.write_text(text)
    for path in files:
        print("wrote", path.relative_to(ROOT))
    print("registered", check_id, "in checks/CheckRegistry.cpp and checks/CMakeLists.txt")


HEADER = """//===- checks/{CLASS}.h - {ID} -===//
//
// {SUMMARY}.
//
// Docs: docs/checks/{ID}.md
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_{GUARD}_H
#define CONC_CHECKS_{GUARD}_H

#include "checks/ConcCheck.h"

namespace conc {{

class {CLASS} : public ConcCheck {{
public:
  static constexpr const char *Id = "{ID}";
  {CLASS}(CheckContext &Context) : ConcCheck(Id, Severity::{LEVEL}, Context) {{}}

  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
}};

}} // namespace conc

#endif
"""

SOURCE = """//===- checks/{CLASS}.cpp - {ID} -===//
#include "checks/{CLASS}.h"

#include "clang/ASTMatchers/ASTMatchers.h"

namespace conc {{

using namespace clang::ast_matchers;

void {CLASS}::registerMatchers(MatchFinder &Finder) {{
  // TODO: declare what this check looks at; API names come from rules/*.yaml.
}}

void {CLASS}::run(const MatchFinder::MatchResult &Result) {{
  // TODO: turn a match into a finding with report(...).
}}

}} // namespace conc
"""

DOCS = """# {ID}

{SUMMARY}.

Level: {level}.

## What it reports

## Why

## Example

## Options

None.

## Fix-its

None.
"""

TEST = """// RUN: %conc-advisor --checks='-*,{ID}' --fail-on=error %s -- -std=c++17 %mock-headers \\
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{{{note|warning|error}}}}:'

// TODO: the positive case, with a CHECK-MESSAGES line under each finding:
// CHECK-MESSAGES: :[[@LINE+1]]:1: {level}: write the expected message [{ID}]

// TODO: the negative case (the safe version of the same code), with no CHECK.
"""

if __name__ == "__main__":
    main()
