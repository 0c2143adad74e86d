"""Which trips there are: folders of ``data/trips`` with a ``trip.csv``, and the
default one that ``trips.toml`` names. Folders starting with ``_`` (a template)
are not listed."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path

from trip.errors import DataFileError
from trip.paths import TRIPS_DIR, TRIPS_INDEX

TRIP_ID = re.compile(r"[a-z0-9][a-z0-9-]*")  # so "_template" is never listed


def default_trip_id(
    root: Path = TRIPS_DIR, listed: tuple[str, ...] | None = None
) -> str:
    """The trip a link without ``?trip=`` opens, as ``trips.toml`` names it;
    ``listed`` is ``trip_ids(root)`` where the caller has just read it."""
    path = root / TRIPS_INDEX
    try:
        index = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise DataFileError("error.file_missing", TRIPS_INDEX) from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError("error.not_toml", TRIPS_INDEX) from exc
    chosen = index.get("default")
    listed = trip_ids(root) if listed is None else listed
    if chosen not in listed:
        raise DataFileError(
            "error.unknown_reference",
            TRIPS_INDEX,
            field="default",
            value=chosen,
            expected=", ".join(listed),
        )
    return chosen


def default_trip_dir(root: Path = TRIPS_DIR) -> Path:
    return root / default_trip_id(root)


def trip_ids(root: Path = TRIPS_DIR) -> tuple[str, ...]:
    """The listed trips: folders with a ``trip.csv``, in name order. A trip's id is
    its folder's name, lower-case letters, digits and hyphens (it goes in links)."""
    try:
        entries = list(os.scandir(root))
    except OSError:  # no trips folder
        return ()
    return tuple(
        sorted(
            entry.name
            for entry in entries
            if TRIP_ID.fullmatch(entry.name) and _looks_like_trip(entry.path)
        )
    )


def _looks_like_trip(folder: str) -> bool:
    """A folder with a ``trip.csv``; one the process cannot look into is listed
    too, so that opening it names what is wrong instead of it vanishing."""
    if not os.path.isdir(folder):
        return False
    try:
        return stat.S_ISREG(os.stat(os.path.join(folder, "trip.csv")).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:  # no permission, a name too long, an I/O error
        return True
