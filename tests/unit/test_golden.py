"""A trip's calendar and deck, read whole against golden files (tests/golden.py
says how to update them after a deliberate change)."""

from __future__ import annotations

import pytest

from tests.factory import write_trip
from tests.golden import GOLDEN_TRIP, NOW, CalendarFile, HtmlFile, without_today
from trip.briefing import app_assets, briefing_html
from trip.calendar import program_calendar
from trip.deck import OPENING
from trip.i18n import LANGS
from trip.loading import load_trip
from trip.stops import summarize


@pytest.fixture(scope="module")
def trip(tmp_path_factory):
    return load_trip(write_trip(tmp_path_factory.mktemp("golden"), GOLDEN_TRIP))


@pytest.mark.parametrize("lang", LANGS)
def test_the_calendar_a_delegate_imports(trip, lang, snapshot):
    """Every event, its times in the stop's zone, its text and its sources. The
    file has CRLF line ends (RFC 5545); the golden file LF, to read as a diff."""
    ics = program_calendar(trip, lang, NOW).decode("utf-8")
    assert "\r\n" in ics
    assert ics.replace("\r\n", "\n") == snapshot(extension_class=CalendarFile)


@pytest.mark.parametrize("lang", LANGS)
def test_the_deck_as_the_app_serves_it(trip, lang, snapshot):
    """The whole document: every step, its wording and sources, the map's data
    and the script's settings (assets by URL: the pack's inlined files are
    checked in test_briefing.py)."""
    deck = briefing_html(trip, summarize(trip), lang, OPENING, app_assets())
    assert without_today(deck, lang) == snapshot(extension_class=HtmlFile)
