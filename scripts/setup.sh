#!/usr/bin/env bash
# Sets up conc-advisor on a fresh Debian bookworm machine (as root): installs
# the packages it needs, configures and builds it, installs the SARIF
# validator the tests use, builds the bundled example's compile database and
# runs conc-advisor on it.
#
#   scripts/setup.sh            # everything
#   CONC_SKIP_APT=1 scripts/setup.sh   # packages already there
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PACKAGES=(
  # Clang/LLVM 19: the libraries we link, the headers and resource dir we
  # parse with, lit/FileCheck for the tests, clang-tidy for the benchmarks
  # and the clang-tidy module's tests (libclang-19-dev ships clang-tidy's
  # headers, include/clang-tidy, that tidy/ is built against).
  llvm-19-dev libclang-19-dev clang-19 llvm-19-tools clang-tidy-19
  # clang-apply-replacements-19, which applies --export-fixes in the tests.
  clang-tools-19
  # libFuzzer and the sanitizer runtimes for Clang 19 (fuzz/, the CI's
  # sanitizer build).
  libclang-rt-19-dev
  libyaml-cpp-dev libgtest-dev
  # libcrypto's SHA-256 for the cache and facts-dir checks (tool/UnitCache.cpp).
  libssl-dev
  # conc-probe: the machine's topology (cores, SMT, caches, NUMA).
  libhwloc-dev
  cmake ninja-build g++ python3 make
  # test/Inputs/probe/check-hardware.py reads the probe's YAML.
  python3-yaml
)

if [[ -z "${CONC_SKIP_APT:-}" ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${PACKAGES[@]}"
  # npm runs the SARIF validator; machines with NodeSource's nodejs have it.
  if ! command -v npm >/dev/null; then
    apt-get install -y --no-install-recommends nodejs npm
  fi
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build

# Microsoft's SARIF validator, for test/cli/sarif-valid.test.
if [[ ! -x build/tools/node_modules/.bin/sarif-multitool ]]; then
  mkdir -p build/tools
  (cd build/tools && npm install --no-save --no-audit --no-fund \
      @microsoft/sarif-multitool@5.7.0 >/dev/null)
fi
# npm does not run the package's postinstall chmod under every config.
chmod u+x build/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool 2>/dev/null || true

# The example project: its compile database, then the analysis.
cmake -S examples/log-ingest -B build/examples/log-ingest -G Ninja >/dev/null
echo
echo "== conc-advisor -p build/examples/log-ingest"
status=0
build/bin/conc-advisor -p build/examples/log-ingest || status=$?
echo "(exit status $status; see docs/user-guide.md)"
