"""The last good version of each trip folder, so readers never see a save in
progress (issue 18): while a file fails to parse (an editor halfway through a
save, a draft with a typo), readers keep the version that last loaded, and the
problem goes to the log for staff (``python -m trip check`` reports it too).
A trip that never loaded in this process has no good version: its error shows.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Generic, TypeVar

from trip.csv_files import MAX_FILE_BYTES
from trip.errors import DataFileError
from trip.schema import DATA_FILES

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


def files_fingerprint(
    folder: Path | str, *names: str, by_content: bool = True
) -> tuple[tuple[str, int, int, int, str], ...]:
    """Of each file (by default a trip's data files): size, modification and
    change time in ns, and a digest of its bytes. It changes whenever a file is
    edited, replaced or removed, also by an edit that keeps size and mtime
    (``cp -p``, ``rsync -t``, a restore): the digest sees the bytes, and no such
    tool can set the change time back. ``by_content=False`` leaves the digest
    out, for many files at once (the trips index): a ``stat`` per file."""
    found = []
    for name in names or DATA_FILES:
        path = os.path.join(folder, name)  # no Path per file: 1,000 for 500 trips
        try:
            info = os.stat(path)
            digest = _digest(path) if by_content else ""
        except OSError:
            found.append((name, -1, -1, -1, ""))
        else:
            found.append(
                (name, info.st_size, info.st_mtime_ns, info.st_ctime_ns, digest)
            )
    return tuple(found)


def _digest(path: str) -> str:
    """BLAKE2b of a file's bytes; a data file is at most ``MAX_FILE_BYTES``, a
    larger one is read no further (loading reports it)."""
    with open(path, "rb") as file:
        return hashlib.blake2b(file.read(MAX_FILE_BYTES + 1)).hexdigest()
