"""Contract: pytest-xdist's ``--dist loadgroup`` keeps an ``xdist_group`` on one
worker. The suite leans on it (pyproject.toml): the deploy tests share one nginx
deployment and kill its processes, and the modules with a server of their own
start it once. On pytest 9.2 the groups were silently ignored
(pytest-dev/pytest-xdist#1386): each worker started its own deployment and the
failover tests of one ran beside the other's; requirements-dev.in pins pytest
below 9.2 until the fix (#1388) is released. This test fails when grouping
stops working again."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

GROUPED = """
import pytest

pytestmark = pytest.mark.xdist_group("{group}")


@pytest.mark.parametrize("number", range(4))
def test_grouped(number):
    pass
"""


PYTEST = (sys.executable, "-m", "pytest", "-p", "no:cacheprovider")


def test_tests_of_one_group_run_on_one_worker(tmp_path: Path) -> None:
    for module, group in (("a", "deploy"), ("b", "deploy"), ("c", "other")):
        (tmp_path / f"test_{module}.py").write_text(GROUPED.format(group=group))
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    ran = subprocess.run(
        [*PYTEST, "-n", "2", "--dist", "loadgroup", "-v", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stdout[-2000:] + ran.stderr[-2000:]
    workers: dict[str, set[str]] = {}
    for worker, module in re.findall(r"\[(gw\d)\] .*PASSED (test_\w)\.py", ran.stdout):
        group = "other" if module == "test_c" else "deploy"
        workers.setdefault(group, set()).add(worker)
    assert sum(ran.stdout.count(f"[gw{n}]") for n in (0, 1)) == 12, ran.stdout
    assert len(workers["deploy"]) == 1, ran.stdout  # eight tests, one worker
    assert len(workers["other"]) == 1, ran.stdout
