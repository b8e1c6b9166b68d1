#!/usr/bin/env bash
# The sanitizer configuration, as CI runs it (.ci/run, after scripts/setup.sh):
# conc-advisor, conc-probe, the unit tests, the clang-tidy module and the
# libFuzzer targets built with Clang 19, AddressSanitizer and
# UndefinedBehaviorSanitizer (every report fatal) in build-san, then the
# whole lit and unit suite under them. test/fuzz/smoke.test is part of it:
# each fuzz target runs 2000 inputs with a fixed seed over its corpus.
#
#   scripts/sanitizer-check.sh      # after scripts/setup.sh (the SARIF validator in build/)
#
# -O1: the usual level for sanitizer builds, faster to compile than -O2 and
# still quick to run. Only what `check` needs is built (no examples, no
# benchmarks). See docs/hardening.md.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build-san -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCONC_SANITIZE=address,undefined -DCONC_FUZZ=ON \
  -DCONC_SARIF_MULTITOOL="$PWD/build/tools/node_modules/.bin/sarif-multitool"
# A UBSan report names where it happened.
export UBSAN_OPTIONS=print_stacktrace=1
cmake --build build-san --target check
