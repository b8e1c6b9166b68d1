#!/usr/bin/env python3
"""drive-log-ingest.py CONC_PROBE LOG_INGEST PROFILE SPOOL: runs the example's
server under `conc-probe run` and drives it through every creation site it
has, so that each gets a profile record: the spool-disk check (popen) at
start, two shipper connections (a thread each), enough lines to fill and
rotate the journal (the flusher thread's segments compress on std::async
tasks and index in an OpenMP team; the rotated journal is archived by fork +
execlp gzip), the stats reporter (pthread_create). Then SIGTERM, which
conc-probe forwards; the server stops cleanly. Prints the probe's exit
status; fails (exit 1) if the server does not start, rotate or stop in
time."""
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

probe, program, profile, spool = sys.argv[1:5]
os.makedirs(spool, exist_ok=True)
proc = subprocess.Popen([probe, "run", "-o", profile, "--", program, "--port", "0",
                         "--spool", spool],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
port = None
start = time.time()
lines = []
while time.time() - start < 30:
    line = proc.stderr.readline()
    if not line:
        break
    lines.append(line)
    m = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
    if m:
        port = int(m.group(1))
        break
if port is None:
    proc.kill()
    sys.exit("drive-log-ingest: the server did not start:\n" + "".join(lines))
# Keep reading stderr so the server never blocks on a full pipe.
threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()


def ship(first, count):
    with socket.create_connection(("127.0.0.1", port)) as s:
        batch = []
        for i in range(first, first + count):
            batch.append("2024-05-01T12:%02d:%02d.%03dZ host-%d api INFO request id=%08x "
                         "route=/v1/items/%d status=200 latency_ms=%d\n"
                         % ((i // 60000) % 60, (i // 1000) % 60, i % 1000, i % 4, i, i % 500,
                            i % 900))
            if len(batch) == 1000:
                s.sendall("".join(batch).encode())
                batch = []
        s.sendall("".join(batch).encode())


# Two connections, 9 MiB in all: above the journal's 8 MiB rotation size.
shippers = [threading.Thread(target=ship, args=(k * 50000, 50000)) for k in range(2)]
for t in shippers:
    t.start()
for t in shippers:
    t.join()

# The flusher writes every 2 s; the rotated journal is then gzipped.
deadline = time.time() + 60
while time.time() < deadline and not any(n.endswith(".gz") for n in os.listdir(spool)):
    time.sleep(0.2)
rotated = any(n.endswith(".gz") for n in os.listdir(spool))
proc.send_signal(signal.SIGTERM)
try:
    status = proc.wait(timeout=60)
except subprocess.TimeoutExpired:
    proc.kill()
    sys.exit("drive-log-ingest: the server did not stop after SIGTERM")
if not rotated:
    sys.exit("drive-log-ingest: the journal was not rotated and archived in 60 s")
print("exit", status)
