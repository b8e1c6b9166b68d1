# lit configuration for conc-advisor's lit tests (checks, CLI, end to end).
# Paths come from lit.site.cfg.py, which CMake writes into the build tree.
import os
import shutil

import lit.formats

config.name = "conc-advisor"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".c", ".test"]
config.excludes = ["Inputs", "corpus", "unit", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.conc_binary_dir, "test")

# FileCheck, not, count from LLVM's tools; our binaries first.
config.environment["PATH"] = os.pathsep.join(
    [config.conc_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# Tests must not depend on the user's locale or a stray config.
config.environment["LC_ALL"] = "C"
# The SARIF validator is a .NET program; it must not depend on ICU data.
config.environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1"

inputs = os.path.join(config.test_source_root, "Inputs")
config.substitutions.append(("%conc-advisor", os.path.join(config.conc_tools_dir, "conc-advisor")))
# Mock headers instead of the system's: tests run anywhere, fast, and say
# exactly which declarations they rely on.
config.substitutions.append(
    ("%mock-headers", "-nostdinc -nostdinc++ -isystem " + os.path.join(inputs, "mock")))
config.substitutions.append(("%conc-probe", os.path.join(config.conc_tools_dir, "conc-probe")))
# The preload library itself, for tests that read its raw records.
config.substitutions.append(("%probe-preload", os.path.join(
    config.conc_tools_dir, os.pardir, "lib", "libconc-probe-preload.so")))
# The probe's tests compile small programs with debug info and run them.
config.substitutions.append(("%clangxx", os.path.join(config.llvm_tools_dir, "clang++")))
config.substitutions.append(("%rules-dir", config.conc_rules_dir))
config.substitutions.append(("%examples-dir", config.conc_examples_dir))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(
    ("%expect-exit", config.python_executable + " " + os.path.join(inputs, "expect-exit.py")))

# The end-to-end tests configure examples/ with CMake and GCC, as a user would.
if shutil.which("cmake") and shutil.which("g++") and shutil.which("ninja"):
    config.available_features.add("example-toolchain")

# --export-fixes is tested by applying its YAML (Debian's clang-tools-19).
if shutil.which("clang-apply-replacements-19") and shutil.which("clang-19"):
    config.available_features.add("clang-apply-replacements")
config.substitutions.append(("%source-dir", config.conc_source_dir))

# The clang-tidy module (tidy/), run by Debian's clang-tidy-19 (clang-tools-19).
config.substitutions.append(
    ("%tidy-module", os.path.join(config.conc_library_dir, "libConcAdvisorTidyModule.so")))
clang_tidy = shutil.which("clang-tidy-" + config.llvm_major) or os.path.join(
    config.llvm_tools_dir, "clang-tidy")
if os.path.exists(clang_tidy):
    config.available_features.add("clang-tidy")
    tidy_command = clang_tidy
    if config.conc_asan_runtime:
        # The module is built with AddressSanitizer, clang-tidy is not: run it
        # with the ASan runtime preloaded (the module needs its symbols),
        # through a script, as the tests also hand %clang-tidy to a script.
        tidy_command = os.path.join(config.test_exec_root, "clang-tidy-with-asan")
        os.makedirs(config.test_exec_root, exist_ok=True)
        with open(tidy_command, "w") as f:
            f.write('#!/bin/sh\nLD_PRELOAD="%s" exec "%s" "$@"\n'
                    % (config.conc_asan_runtime, os.path.realpath(clang_tidy)))
        os.chmod(tidy_command, 0o755)
    config.substitutions.append(("%clang-tidy", tidy_command))
    # run-clang-tidy comes in the same package (clang-tidy-19).
    config.substitutions.append(
        ("%run-clang-tidy", os.path.join(os.path.dirname(os.path.realpath(clang_tidy)),
                                         "run-clang-tidy")))

# The libFuzzer targets, in a -DCONC_FUZZ=ON build (test/fuzz).
if config.conc_fuzzers:
    config.available_features.add("fuzzers")
    config.substitutions.append(("%fuzz-dir", os.path.join(config.conc_binary_dir, "fuzz")))
# Under sanitizers every report must fail the test that caused it.
if config.conc_sanitize:
    config.available_features.add("sanitizers")

if config.sarif_multitool and os.path.exists(config.sarif_multitool):
    config.available_features.add("sarif-validator")
    config.substitutions.append(("%sarif-multitool", config.sarif_multitool))
