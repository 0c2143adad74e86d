"""Each page's text, read whole against a golden file (tests/golden.py says how
to update them): what a reader of a small synthetic trip reads, in both
languages, as AppTest sees it (frame elements on the overview's first run only,
tests/app/conftest.py)."""

from __future__ import annotations

import pytest

from tests.app.conftest import PAGES, open_app, page_text
from tests.factory import write_trips
from tests.golden import GOLDEN_TRIP, PageText, without_today
from trip.i18n import LANGS

# The briefing page is the deck, one HTML document in a frame:
# tests/unit/test_golden.py reads it whole.
READ_PAGES = [page for page in PAGES if page != "briefing"]


@pytest.fixture(scope="module")
def trips_root(tmp_path_factory):
    return write_trips(tmp_path_factory.mktemp("golden") / "trips", GOLDEN_TRIP)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", READ_PAGES)
def test_what_a_page_says(trips_root, monkeypatch, page, lang, snapshot):
    monkeypatch.setenv("TRIPS_DIR", str(trips_root))
    at = open_app(page, trip=GOLDEN_TRIP.trip_id, lang=lang)
    assert not at.exception, at.exception
    text = without_today(page_text(at), lang)
    assert GOLDEN_TRIP.title in text or page != "overview"
    assert text == snapshot(extension_class=PageText)
