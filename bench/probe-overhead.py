#!/usr/bin/env python3
"""probe-overhead.py: the wall-time cost of conc-probe's preload library.

Builds two small programs and times each, N runs interleaved, three ways:
  plain     the program alone
  preload   the program with libconc-probe-preload.so recording (LD_PRELOAD
            and CONC_PROBE_RECORDS set by hand): what the probe costs the
            program while it runs
  run       `conc-probe run -o ... -- program`: the above plus conc-probe's
            own start-up and the symbolization of the sites afterwards
Programs: `many` creates and joins 10,000 threads that do nothing (the worst
case: all the program does is what the probe interposes); `few` starts 4
threads that each compute for a while (a typical program).

Prints the median and spread of each, and the preload's overhead in percent
of the plain median. Python 3 standard library only.

  bench/probe-overhead.py [--build DIR] [--runs N] [--cxx clang++-19]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

MANY = r"""
#include <pthread.h>
static void *nothing(void *) { return nullptr; }
int main() {
  for (int I = 0; I < 10000; ++I) {
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
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build", help="conc-advisor's build directory")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--cxx", default="clang++-19")
    args = ap.parse_args()
    probe = os.path.abspath(os.path.join(args.build, "bin", "conc-probe"))
    preload = os.path.abspath(os.path.join(args.build, "lib", "libconc-probe-preload.so"))
    for f in (probe, preload):
        if not os.path.exists(f):
            sys.exit("probe-overhead: %s is missing: build conc-probe first" % f)
    work = tempfile.mkdtemp(prefix="probe-overhead-")
    results = {}
    for name, source in (("many", MANY), ("few", FEW)):
        src = os.path.join(work, name + ".cpp")
        exe = os.path.join(work, name)
        with open(src, "w") as f:
            f.write(source)
        subprocess.run([args.cxx, "-O2", "-g", "-pthread", src, "-o", exe], check=True)
        records = os.path.join(work, name + ".records")
        env = dict(os.environ, LD_PRELOAD=preload, CONC_PROBE_RECORDS=records)
        times = {"plain": [], "preload": [], "run": []}
        for _ in range(args.runs):  # interleaved, so load changes hit all three
            times["plain"].append(timed([exe]))
            open(records, "w").close()
            times["preload"].append(timed([exe], env))
            times["run"].append(timed([probe, "run", "-o", os.path.join(work, "p.yaml"), "--", exe]))
        results[name] = times
    print("%-6s %-8s %10s %10s %10s %9s" % ("prog", "mode", "median s", "p10 s", "p90 s", "overhead"))
    for name, times in results.items():
        base = statistics.median(times["plain"])
        for mode, ts in times.items():
            ts = sorted(ts)
            p10 = ts[max(0, int(0.1 * len(ts)) - 1)]
            p90 = ts[min(len(ts) - 1, int(0.9 * len(ts)))]
            med = statistics.median(ts)
            print("%-6s %-8s %10.4f %10.4f %10.4f %8.1f%%"
                  % (name, mode, med, p10, p90, 100.0 * (med - base) / base))


if __name__ == "__main__":
    main()
