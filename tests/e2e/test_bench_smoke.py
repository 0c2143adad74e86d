"""The benchmarks keep working: each runs one of everything (``--smoke``) and
writes every section of its report. No figure is asserted (speed is measured by
the benchmark, not by tests); these run inside the suite, so the two workers
share their waits with the other browser tests instead of CI running them after."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness.servers import ROOT

pytestmark = pytest.mark.e2e

# Started servers, a browser and nginx one after another: minutes on busy cores.
SMOKE_TIMEOUT_S = 900


def run_smoke(script: str, out: Path) -> str:
    """``script --smoke --out out``; its output, or a failure with its end."""
    done = subprocess.run(
        [sys.executable, script, "--smoke", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=SMOKE_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    return out.read_text("utf-8")


@pytest.mark.timeout(SMOKE_TIMEOUT_S + 60)
def test_the_benchmark_runs_one_of_everything(tmp_path):
    report = run_smoke("bench/run.py", tmp_path / "RESULTS.md")
    for section in (
        "## Time to six visible markers",
        "## A marker click",
        "## Server",
        "## Ratios (medians)",
        "## Layout shift",
    ):
        assert section in report
    assert "`bench/run.py` --smoke" in report  # it says how it was run


# On nginx's fixed ports (bench/replicas.py), beside the deploy tests' group.
@pytest.mark.xdist_group("deploy")
@pytest.mark.timeout(SMOKE_TIMEOUT_S + 60)
def test_the_load_behind_nginx_runs_one_of_everything(tmp_path):
    report = run_smoke("bench/replicas.py", tmp_path / "replicas.md")
    for section in ("## Replicas behind nginx", "Kill test (", "got the app"):
        assert section in report
