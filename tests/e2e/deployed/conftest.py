"""deploy/'s tests: one nginx deployment for all of them (they are one xdist group,
pyproject.toml: --dist loadgroup, so one worker runs them in a row)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from deploy.serve import launched
from tests.e2e.deployed.support import free_ports, get, until


@pytest.fixture(scope="package")
def deployment() -> Iterator[tuple[str, int]]:
    """nginx and two processes; yields nginx's URL and the first process's port
    once nginx has proxied a page from each of them."""
    port, first = free_ports(1), free_ports(2)
    with launched(2, port, first, wide_open=True) as url:
        until(lambda: proxied(url), "nginx proxying a page to a process")
        yield url, first


def proxied(url: str) -> bool:
    """Whether nginx answers a page from a process (``X-Replica``), not from the
    packs. ``launched`` returns once each process answers its health check, but
    on busy cores a fresh process's first page could be slow enough for nginx to
    mark it failed (max_fails=1) and send the reader to the packs: a page without
    the route cookie (seen on two cores with a load of 12)."""
    _, headers, _ = get(url + "/")
    return bool(headers.get("X-Replica"))
