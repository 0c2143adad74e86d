"""deploy/'s tests: one nginx deployment for all of them (they are one xdist group,
pyproject.toml: --dist loadgroup, so one worker runs them in a row)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from deploy.serve import launched
from tests.e2e.deployed.support import free_ports, until_routed_to


@pytest.fixture(scope="package")
def deployment() -> Iterator[tuple[str, int]]:
    """nginx and two processes; yields nginx's URL and the first process's port
    once nginx sends new readers to each process. ``launched`` returns once each
    process and nginx answer a health check, but on busy cores a fresh
    process's first page could be slow enough for nginx to count it failed
    (max_fails=1) for a while, and send readers to the other or to the packs
    (seen on two cores with a load of 12)."""
    port, first = free_ports(1), free_ports(2)
    with launched(2, port, first, wide_open=True) as url:
        for replica in ("1", "2"):
            until_routed_to(url, replica)
        yield url, first
