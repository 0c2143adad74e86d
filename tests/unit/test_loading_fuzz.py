"""Any bytes in any data file end as a trip or as the clear error, never as another
exception; and a trip that loads can be shown (what the pages compute from it does
not crash).

Property-based (Hypothesis): each example breaks one file of a copy of ``data/``
by replacing, inserting, deleting or duplicating text or bytes. Derandomized, so CI
runs the same examples every time; to search longer and elsewhere, set
``FUZZ_EXAMPLES=5000 FUZZ_RANDOM=1``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import get_args

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.corpus import DATA
from trip.aggregate import Trip
from trip.discovery import default_trip_dir, trip_ids
from trip.errors import DataFileError
from trip.formatting import format_change, format_day_range, format_money
from trip.loading import load_trip
from trip.paths import TRIPS_DIR
from trip.provenance import facts_by_source
from trip.schema import DATA_FILES, SCHEMA
from trip.stops import summarize
from trip.timeline import timeline_rows
from trip.trade import goods_of, headline, trade_rows

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
ORIGINALS = {name: (default_trip_dir() / name).read_bytes() for name in DATA_FILES}


def schema_choices() -> list[str]:
    """Every choice of every closed field, from the schema, plus the bundled
    trips' countries: values that pass one field and break another."""
    choices = set()
    for table in SCHEMA:
        for info in table.model.model_fields.values():
            choices |= {c for c in get_args(info.annotation) if isinstance(c, str)}
    for trip_id in trip_ids():
        choices |= {leg.country for leg in load_trip(TRIPS_DIR / trip_id).legs}
    return sorted(choices)


CHOICES = schema_choices()

texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(list(DATA.values())),
    st.sampled_from(
        ["nan", "inf", "-inf", "-100", "1e309", "0", ",", '"', "\n", "\x00", "\u202e"]
    ),
    st.sampled_from(CHOICES),
)


@st.composite
def broken_files(draw) -> tuple[str, bytes]:
    """One data file, broken in one of several ways."""
    name = draw(st.sampled_from(DATA_FILES))
    original = ORIGINALS[name]
    how = draw(st.sampled_from(["bytes", "insert", "cell", "delete", "duplicate"]))
    if how == "bytes":
        return name, draw(st.binary(max_size=400))
    text = original.decode("utf-8")
    at = draw(st.integers(0, len(text)))
    if how == "insert":
        return name, (text[:at] + draw(texts) + text[at:]).encode("utf-8", "replace")
    if how == "delete":
        end = draw(st.integers(at, min(len(text), at + 200)))
        return name, (text[:at] + text[end:]).encode("utf-8")
    lines = text.splitlines(keepends=True)
    row = draw(st.integers(0, len(lines) - 1))
    if how == "duplicate":
        lines.insert(row, lines[row])
        return name, "".join(lines).encode("utf-8")
    cells = lines[row].rstrip("\n").split(",")
    cells[draw(st.integers(0, len(cells) - 1))] = draw(texts)
    lines[row] = ",".join(cells) + "\n"
    return name, "".join(lines).encode("utf-8", "replace")


def show(trip: Trip) -> None:
    """What the pages compute from a trip, in both languages."""
    summaries = summarize(trip)
    names = {s.stop.stop_id: s.stop.name_en for s in summaries}
    for lang in ("de", "en"):
        timeline_rows(summaries, names, summaries[0].stop.stop_id, None)
        facts_by_source(trip)
        format_day_range(trip.first_day, trip.last_day, lang)
        for row in trade_rows(trip):
            format_money(row.value_eur, lang, row.decimals)
            if row.growth_pct is not None:
                format_change(row.growth_pct, lang)
        for country in {figure.country for figure in trip.trade}:
            figure = headline(trip, country)
            assert figure is not None
            goods_of(trip, country, figure.year)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="FUZZ_RANDOM" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(broken_files())
def test_any_broken_file_loads_or_gives_the_clear_error(broken):
    name, content = broken
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "data"
        shutil.copytree(default_trip_dir(), copy)
        (copy / name).write_bytes(content)
        try:
            trip = load_trip(copy)
        except DataFileError as error:
            problem = error
        else:
            show(trip)
            return
    # A broken file may break a reference in another: any data file may be named.
    assert problem.file in DATA_FILES
    assert str(problem)  # the message itself must not fail
