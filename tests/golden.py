"""Golden files for what is read whole: a trip's .ics, its deck, its pages' text.

Each test compares its output with a file under ``__snapshots__/`` beside it
(syrupy). A deliberate change is reviewed as the diff of that file: run
``.venv/bin/python -m pytest tests/unit/test_golden.py tests/app/test_golden_pages.py
--snapshot-update`` and read ``git diff``. The trip is made in code
(``tests/factory/``), so a correction to a bundled trip's data changes none.
"""

from __future__ import annotations

import datetime as dt

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from tests.factory import PLACES, Figure, TripSpec
from trip.formatting import format_day, format_day_medium

# A trip with two countries, a theme each, three kinds of figures: what the
# calendar, the deck and the pages show of a trip, small enough to read whole.
GOLDEN_TRIP = TripSpec(
    trip_id="golden",
    title="Goldene Reise",
    places=PLACES[:3],
    figures=[
        Figure("DE", 2030, 500, growth_pct=25, rank=3),
        Figure("FR", 2030, 420, growth_pct=-5),
        Figure("FR", 2024, 300),
    ],
)
# The moment a calendar is made (its DTSTAMP).
NOW = dt.datetime(2030, 1, 15, 9, 0, tzinfo=dt.UTC)


def without_today(text: str, lang: str) -> str:
    """``text`` with today's date (a pack's "made on", a page's "as of") as
    ``<today>``: a golden file must not change with the calendar."""
    today = dt.date.today()
    for written in {format_day_medium(today, lang), format_day(today, lang)}:
        text = text.replace(written, "<today>")
    return text


class TextFile(SingleFileSnapshotExtension):
    """One golden text file per test, with the extension of what it holds."""

    _write_mode = WriteMode.TEXT


class CalendarFile(TextFile):
    file_extension = "ics"


class HtmlFile(TextFile):
    file_extension = "html"


class PageText(TextFile):
    file_extension = "txt"
