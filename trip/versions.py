"""The last good version of each trip folder, so readers never see a save in
progress (issue 18): while a file fails to parse (an editor halfway through a
save, a draft with a typo), readers keep the version that last loaded, and the
problem goes to the log for staff (``python -m trip check`` reports it too).
A trip that never loaded in this process has no good version: its error shows.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from trip.errors import DataFileError

LOG = logging.getLogger("trip.data")
T = TypeVar("T")


class LastGood(Generic[T]):
    """Per folder, the fingerprint and value of the last version that loaded;
    at most ``limit`` folders (the least recently shown go first). Sessions run
    in threads of their own, hence the lock."""

    def __init__(self, limit: int = 64) -> None:
        self.limit = limit
        self._good: OrderedDict[str, tuple[Hashable, T]] = OrderedDict()
        self._reported: set[tuple[str, Hashable]] = set()
        self._lock = threading.Lock()

    def show(
        self, folder: str, fingerprint: Hashable, load: Callable[[str, Hashable], T]
    ) -> tuple[Hashable, T]:
        """The version to show: this one if it loads, else the last good one
        (the problem logged once per broken version); with none, the problem
        is raised."""
        try:
            value = load(folder, fingerprint)
        except DataFileError as problem:
            with self._lock:
                good = self._good.get(folder)
                first = (folder, fingerprint) not in self._reported
                self._reported.add((folder, fingerprint))
            if good is None:
                raise
            if first:
                LOG.warning(
                    "%s: showing the last good version; the files on disk do not "
                    "load: %s (python -m trip check %s lists every problem)",
                    folder,
                    problem,
                    folder,
                )
            return good
        with self._lock:
            self._good[folder] = (fingerprint, value)
            self._good.move_to_end(folder)
            while len(self._good) > self.limit:
                self._good.popitem(last=False)
        return fingerprint, value

    def kept(self, folder: str, fingerprint: Hashable) -> T | None:
        """The value kept for this very version, if it is the folder's last good
        one: it outlives any cache that evicted it."""
        with self._lock:
            good = self._good.get(folder)
        return good[1] if good is not None and good[0] == fingerprint else None
