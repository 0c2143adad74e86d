"""A spec written out as a trip's folder, and a trips folder of several."""

from __future__ import annotations

import csv
import hashlib
import textwrap
from pathlib import Path

from tests.factory.rows import rows
from tests.factory.specs import COPY, COPY_RETRIEVED, SOURCE, TripSpec
from trip.schema import SCHEMA


def write_trip(root: Path, spec: TripSpec | None = None) -> Path:
    """The trip's folder under ``root`` (created), every file valid."""
    spec = spec or TripSpec()
    folder = root / spec.trip_id
    folder.mkdir(parents=True)
    found = rows(spec)
    if spec.local_copy:
        _write_copy(folder, found)
    for table in SCHEMA:
        with (folder / table.file).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(table.model.model_fields))
            writer.writeheader()
            for row in found.get(table.name, []):
                writer.writerow(row)
    return folder


def write_trips(root: Path, *specs: TripSpec, default: str | None = None) -> Path:
    """A trips folder with these trips and a ``trips.toml`` naming the default."""
    root.mkdir(parents=True, exist_ok=True)
    for spec in specs:
        write_trip(root, spec)
    chosen = default or specs[0].trip_id
    (root / "trips.toml").write_text(f'default = "{chosen}"\n', encoding="utf-8")
    return root


def copy_text(found: dict[str, list[dict]]) -> str:
    """The announcement as its local copy keeps it: a heading, then each quote
    from it as a paragraph, wrapped (a quote may break across lines there)."""
    paragraphs = [
        textwrap.fill(quote["quote"], width=24)
        for quote in found["quotes"]
        if quote["source_id"] == SOURCE
    ]
    return "\n\n".join(["# Synthetische Ankündigung", *paragraphs]) + "\n"


def _write_copy(folder: Path, found: dict[str, list[dict]]) -> None:
    """The copy in ``COPY`` and its record in the announcement's row."""
    content = copy_text(found).encode("utf-8")
    (folder / COPY).parent.mkdir(parents=True)
    (folder / COPY).write_bytes(content)
    announcement = next(s for s in found["sources"] if s["source_id"] == SOURCE)
    announcement["retrieved"] = COPY_RETRIEVED.isoformat()
    announcement["sha256"] = hashlib.sha256(content).hexdigest()
