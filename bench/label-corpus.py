#!/usr/bin/env python3
"""Label the workload corpus (test/corpus/*.cpp) by measurement.

Each program is compiled with g++ and run once. While it runs, every thread
it starts (the main thread excluded: it only starts and joins the workers)
and every thread of every child process is sampled from /proc every 2 ms:
/proc/PID/task/TID/schedstat gives the time the thread ran on a CPU and the
time it waited for one on the run queue. What is left of its lifetime it
spent blocked (in a read, a sleep, a wait). The on-CPU ratio

    ran / (ran + blocked)

does not depend on how busy the machine is (run-queue time is left out), so
a CPU-bound thread reads near 1 even on a loaded machine, an I/O-bound one
near 0. Label: cpu when the ratio is >= 0.7, io when <= 0.3, else mixed: the
thresholds of rules/workload.yaml, which conc-probe classifies with too.

The labels, the ratio, the CPU and blocked milliseconds and the command are
written to test/corpus/labels.tsv (the file bench/classify.py reads). The
runtime probe (conc-probe) can relabel the corpus later with its own
measurements: keep the columns.

Usage: bench/label-corpus.py [--corpus DIR] [--out FILE] [NAME...]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

CPU_AT_LEAST = 0.7
IO_AT_MOST = 0.3
POLL_SECONDS = 0.002
SCAN_EVERY = 10  # look for new child processes every 10 polls


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def session_pids(sid):
    """Processes whose session is `sid` (the program and its children)."""
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        stat = read(f"/proc/{name}/stat")
        if not stat:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if int(fields[3]) == sid:  # field 6 of stat: session
            out.append(int(name))
    return out


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def started(pid, tid):
    """When the thread started, in seconds since boot (CLOCK_BOOTTIME)."""
    stat = read(f"/proc/{pid}/task/{tid}/stat")
    if not stat:
        return None
    return int(stat[stat.rfind(")") + 2:].split()[19]) / CLOCK_TICKS  # field 22


def measure(argv):
    """Runs argv; returns {tid: (start, last_seen, run_ns, queue_ns)} of the
    worker threads (times in seconds since boot), and the exit status. The
    start comes from /proc (10 ms resolution), so a thread seen late still
    has its whole life counted."""
    proc = subprocess.Popen(argv, start_new_session=True, stdout=subprocess.DEVNULL)
    root = proc.pid
    pids = {root}
    threads = {}
    polls = 0
    while proc.poll() is None:
        now = time.clock_gettime(time.CLOCK_BOOTTIME)
        if polls % SCAN_EVERY == 0:
            pids.update(session_pids(root))
        polls += 1
        for pid in list(pids):
            try:
                tids = os.listdir(f"/proc/{pid}/task")
            except OSError:
                continue
            for tid in tids:
                tid = int(tid)
                if tid == root:
                    continue  # the main thread starts and joins
                stat = read(f"/proc/{pid}/task/{tid}/schedstat")
                if not stat:
                    continue
                run, queue = (int(x) for x in stat.split()[:2])
                first = threads[tid][0] if tid in threads else started(pid, tid)
                if first is None:
                    continue
                threads[tid] = (first, now, run, queue)
        time.sleep(POLL_SECONDS)
    return threads, proc.returncode


def label_of(ratio):
    if ratio >= CPU_AT_LEAST:
        return "cpu"
    if ratio <= IO_AT_MOST:
        return "io"
    return "mixed"


def site_line(source):
    for number, line in enumerate(open(source), 1):
        if "// SITE" in line:
            return number
    sys.exit(f"{source}: no line marked '// SITE'")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=os.path.join(here, "..", "test", "corpus"))
    parser.add_argument("--out", default=None)
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    corpus = os.path.abspath(args.corpus)
    out = args.out or os.path.join(corpus, "labels.tsv")
    names = args.names or sorted(f[:-4] for f in os.listdir(corpus) if f.endswith(".cpp"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            source = os.path.join(corpus, name + ".cpp")
            exe = os.path.join(tmp, name)
            compile_cmd = ["g++", "-std=c++17", "-O1", "-pthread", "-fopenmp", source, "-o", exe]
            subprocess.run(compile_cmd, check=True)
            threads, status = measure([exe])
            if status != 0:
                sys.exit(f"{name}: exited with status {status}")
            ran = sum(t[2] for t in threads.values())
            blocked = 0
            for first, last, run, queue in threads.values():
                life = (last - first + POLL_SECONDS / 2) * 1e9
                blocked += max(0.0, life - run - queue)
            ratio = ran / (ran + blocked) if ran + blocked else 0.0
            rows.append((name, site_line(source), label_of(ratio), ratio, ran / 1e6,
                         blocked / 1e6, len(threads)))
            print(f"{name:32} {label_of(ratio):6} on-cpu {ratio:.2f}  "
                  f"ran {ran / 1e6:7.1f} ms  blocked {blocked / 1e6:7.1f} ms  "
                  f"threads {len(threads)}", flush=True)
    with open(out, "w") as f:
        f.write("# Labels of test/corpus by measurement: bench/label-corpus.py (see its\n"
                "# docstring). on-cpu = ran / (ran + blocked) over the worker threads and\n"
                "# child processes; cpu >= %.2f, io <= %.2f, else mixed.\n"
                "# command: g++ -std=c++17 -O1 -pthread -fopenmp NAME.cpp && ./a.out\n"
                % (CPU_AT_LEAST, IO_AT_MOST))
        f.write("name\tsite-line\tlabel\ton-cpu\tran-ms\tblocked-ms\tthreads\n")
        for name, line, label, ratio, ran, blocked, count in rows:
            f.write(f"{name}\t{line}\t{label}\t{ratio:.2f}\t{ran:.1f}\t{blocked:.1f}\t{count}\n")


if __name__ == "__main__":
    main()
