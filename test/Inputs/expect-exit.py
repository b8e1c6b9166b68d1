#!/usr/bin/env python3
"""expect-exit.py STATUS COMMAND...: run COMMAND, pass its output through, and
succeed only if it exits with exactly STATUS (lit's `not` accepts any failure;
exit statuses are part of conc-advisor's contract)."""
import subprocess
import sys

expected = int(sys.argv[1])
status = subprocess.call(sys.argv[2:])
if status != expected:
    sys.stderr.write("expect-exit: %s exited with %d, expected %d\n"
                     % (sys.argv[2], status, expected))
    sys.exit(1)
