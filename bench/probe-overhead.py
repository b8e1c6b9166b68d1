#!/usr/bin/env python3
"""probe-overhead.py: the wall-time cost of conc-probe's preload library.

Builds two small programs and times each, N runs interleaved (plain,
preload, run, plain, preload, run, ...: a change of load hits all three), three
ways:
  plain     the program alone
  preload   the program with libconc-probe-preload.so recording (LD_PRELOAD
            and CONC_PROBE_RECORDS set by hand): what the probe costs the
            program while it runs
  run       `conc-probe run -o ... -- program`: the above plus conc-probe's
            own start-up and the symbolization of the sites afterwards
Programs: `many` creates and joins 10,000 threads that do nothing (the worst
case: all the program does is what the probe interposes); `few` starts 4
threads that each compute for a while (a typical program).

Prints, for each, the median and spread (p10, p90) of the wall time and of
the CPU time (user + system, from wait4: other load on the machine moves it
less than the wall time), and the overhead: the median of the per-round
ratios to the plain run of the same round, with their p10 and p90. Then, if
strace is installed, the system calls per thread that the preload adds to
`many` (`strace -f -c`, a figure the machine's load cannot move), if
valgrind is, the user-space instructions per thread of `many` with and
without the preload (callgrind, equally load-proof), and the load average
before and after. Python 3 standard library only.

  bench/probe-overhead.py [--build DIR] [--runs N] [--cxx clang++-19] [--no-run]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

THREADS_IN_MANY = 10000  # `many`'s THREADS

MANY = r"""
#include <pthread.h>
static void *nothing(void *) { return nullptr; }
int main() {
  for (int I = 0; I < THREADS; ++I) {
    pthread_t T;
    pthread_create(&T, nullptr, nothing, nullptr);
    pthread_join(T, nullptr);
  }
}
"""

FEW = r"""
#include <thread>
#include <vector>
int main() {
  std::vector<std::thread> Threads;
  for (int I = 0; I < 4; ++I)
    Threads.emplace_back([] {
      volatile unsigned long X = 0;
      for (unsigned long J = 0; J < 50000000ul; ++J)
        X = X + J;
    });
  for (std::thread &T : Threads)
    T.join();
}
"""


def timed(cmd, env=None):
    """Wall seconds and CPU seconds (user + system) of one run of cmd."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit("probe-overhead: %s exited with %d" % (cmd[0], proc.returncode))
    return wall, usage.ru_utime + usage.ru_stime


def nearest_rank(sorted_values, fraction):
    return sorted_values[min(len(sorted_values) - 1, max(0, int(round(fraction * len(sorted_values))) - 1))]


def spread(values):
    values = sorted(values)
    return statistics.median(values), nearest_rank(values, 0.1), nearest_rank(values, 0.9)


def syscalls(exe, env_args, work):
    """System calls of exe and its threads by name, counted by strace -f -c
    (columns: % time, seconds, usecs/call, calls, [errors], name); the
    preload's environment goes to the program only (-E), not to strace."""
    out = os.path.join(work, "strace.txt")
    subprocess.run(["strace", "-f", "-c", "-o", out] + env_args + [exe], check=True,
                   stdout=subprocess.DEVNULL)
    calls = {}
    with open(out) as f:
        for line in f:
            fields = line.split()
            if len(fields) >= 5 and fields[3].isdigit():
                calls[fields[-1]] = int(fields[3])
    if "total" not in calls:
        sys.exit("probe-overhead: no total in %s" % out)
    return calls


CALLGRIND_THREADS = 2000  # valgrind runs threads one at a time: fewer suffice


def instructions(exe, env, work):
    """User-space instructions of one run of exe (callgrind's Ir total: a
    figure the machine's load cannot move; the kernel's side is not in it)."""
    out = os.path.join(work, "callgrind.out")
    subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, exe],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out) as f:
        for line in f:
            if line.startswith("totals:") or line.startswith("summary:"):
                return int(line.split()[1])
    sys.exit("probe-overhead: no totals in %s" % out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build", help="conc-advisor's build directory")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--cxx", default="clang++-19")
    ap.add_argument("--no-run", action="store_true",
                    help="skip the `conc-probe run` mode (halves the time on a shared machine)")
    args = ap.parse_args()
    probe = os.path.abspath(os.path.join(args.build, "bin", "conc-probe"))
    preload = os.path.abspath(os.path.join(args.build, "lib", "libconc-probe-preload.so"))
    for f in (probe, preload):
        if not os.path.exists(f):
            sys.exit("probe-overhead: %s is missing: build conc-probe first" % f)
    load_before = os.getloadavg()
    work = tempfile.mkdtemp(prefix="probe-overhead-")
    results = {}
    exes = {}
    for name, source in (("many", MANY), ("few", FEW)):
        src = os.path.join(work, name + ".cpp")
        exe = os.path.join(work, name)
        with open(src, "w") as f:
            f.write(source)
        subprocess.run([args.cxx, "-O2", "-g", "-pthread", "-DTHREADS=%d" % THREADS_IN_MANY, src,
                        "-o", exe], check=True)
        exes[name] = exe
        records = os.path.join(work, name + ".records")
        env = dict(os.environ, LD_PRELOAD=preload, CONC_PROBE_RECORDS=records)
        modes = ["plain", "preload"] + ([] if args.no_run else ["run"])
        times = {mode: [] for mode in modes}
        for _ in range(args.runs):
            times["plain"].append(timed([exe]))
            open(records, "w").close()  # the preload writes the header of an empty file
            times["preload"].append(timed([exe], env))
            if not args.no_run:
                times["run"].append(timed([probe, "run", "-o", os.path.join(work, "p.yaml"), "--", exe]))
        results[name] = times

    print("%-5s %-8s %-26s %-26s %s" % ("prog", "mode", "wall s: median (p10-p90)",
                                         "cpu s: median (p10-p90)", "overhead, wall and cpu: median (p10-p90)"))
    for name, times in results.items():
        for mode, runs in times.items():
            wall = spread([w for w, _ in runs])
            cpu = spread([c for _, c in runs])
            line = "%-5s %-8s %7.4f (%.4f-%.4f)    %7.4f (%.4f-%.4f)   " % ((name, mode) + wall + cpu)
            if mode != "plain":
                # Each round against the plain run of the same round.
                for i in (0, 1):
                    ratio = spread([100.0 * (r[i] / p[i] - 1) for r, p in zip(runs, times["plain"])])
                    line += " %+6.1f%% (%+.1f..%+.1f)" % ratio
            print(line)

    if shutil.which("strace"):
        records = os.path.join(work, "strace.records")
        open(records, "w").close()
        plain = syscalls(exes["many"], [], work)
        open(records, "w").close()
        traced = syscalls(exes["many"], ["-E", "LD_PRELOAD=" + preload,
                                         "-E", "CONC_PROBE_RECORDS=" + records], work)
        added = {name: (traced.get(name, 0) - plain.get(name, 0)) / THREADS_IN_MANY
                 for name in set(plain) | set(traced) if name != "total"}
        print("system calls, many: plain %d, preload %d: %+.2f per thread (strace -f -c): %s"
              % (plain["total"], traced["total"], (traced["total"] - plain["total"]) / THREADS_IN_MANY,
                 ", ".join("%s %+.2f" % (name, n) for name, n in
                           sorted(added.items(), key=lambda item: -abs(item[1])) if abs(n) >= 0.01)))
    else:
        print("system calls: not counted (strace is not installed)")
    if shutil.which("valgrind"):
        src = os.path.join(work, "many.cpp")
        exe = os.path.join(work, "many-callgrind")
        subprocess.run([args.cxx, "-O2", "-g", "-pthread", "-DTHREADS=%d" % CALLGRIND_THREADS, src,
                        "-o", exe], check=True)
        records = os.path.join(work, "callgrind.records")
        open(records, "w").close()
        plain = instructions(exe, None, work)
        traced = instructions(exe, dict(os.environ, LD_PRELOAD=preload, CONC_PROBE_RECORDS=records), work)
        print("instructions (user space, callgrind), many with %d threads: plain %.0f, preload %.0f per thread (%+.0f)"
              % (CALLGRIND_THREADS, plain / CALLGRIND_THREADS, traced / CALLGRIND_THREADS,
                 (traced - plain) / CALLGRIND_THREADS))
    else:
        print("instructions: not counted (valgrind is not installed)")
    print("load average (1 min) before %.2f, after %.2f" % (load_before[0], os.getloadavg()[0]))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
