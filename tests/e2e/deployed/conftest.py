"""deploy/'s tests: one nginx deployment for all of them (they are one xdist group,
pyproject.toml: --dist loadgroup, so one worker runs them in a row)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from deploy.serve import launched
from tests.e2e.deployed.support import free_ports


@pytest.fixture(scope="package")
def deployment() -> Iterator[tuple[str, int]]:
    """nginx and two processes; yields nginx's URL and the first process's port."""
    port, first = free_ports(1), free_ports(2)
    with launched(2, port, first, wide_open=True) as url:
        yield url, first
