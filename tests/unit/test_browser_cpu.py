"""bench/browser_cpu.py counts the CPU of a process tree, children that exited
included (a closed page's renderer): what it prints depends on it."""

from __future__ import annotations

import os
import subprocess
import sys

from bench.browser_cpu import descendants_cpu_s

BUSY = """import time
end = time.process_time() + 0.5
while time.process_time() < end:
    pass"""


def test_a_grandchild_that_exited_is_counted():
    before = descendants_cpu_s(os.getpid())
    # A shell that runs a busy grandchild, waits for it, then waits for us.
    shell = subprocess.Popen(
        ["sh", "-c", f'"{sys.executable}" -c "$BUSY"; echo done; read line'],
        env={**os.environ, "BUSY": BUSY},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert shell.stdout.readline() == "done\n"  # the grandchild has exited
        assert descendants_cpu_s(os.getpid()) - before >= 0.45
    finally:
        shell.communicate("\n")
