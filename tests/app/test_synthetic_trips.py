"""The app on trips made in code (tests/factory.py), none of them bundled: every
page of every trip renders in both languages, shows every stop and draws one
chart per trade question, whatever the trip's shape (one stop or several
countries, no figures, a part of a year, only a trade volume)."""

from __future__ import annotations

import pytest

from tests.app.conftest import PAGES, open_app, page_text
from tests.factory import PLACES, Figure, TripSpec, write_trips
from trip.i18n import LANGS
from trip.loading import check_trip, load_trip
from trip.trade import trade_charts

SPECS = (
    TripSpec(
        trip_id="two-countries",
        figures=[
            Figure("DE", 2030, 500, growth_pct=25, rank=3),
            Figure("FR", 2030, 420, growth_pct=-5),
            Figure("FR", 2024, 300),
            Figure("FR", 2030, 210, through_month=6, growth_pct=4),
        ],
    ),
    TripSpec(trip_id="one-stop", title="Ein Halt", places=PLACES[:1], themes=()),
    TripSpec(
        trip_id="volume-only",
        title="Nur Handelsvolumen",
        places=PLACES,
        days_per_stop=2,
        figures=[Figure("IT", 2029, 980, flow="volume", rank=12)],
    ),
)


@pytest.fixture(scope="module")
def trips_root(tmp_path_factory):
    return write_trips(tmp_path_factory.mktemp("synthetic") / "trips", *SPECS)


@pytest.fixture
def synthetic(trips_root, monkeypatch):
    monkeypatch.setenv("TRIPS_DIR", str(trips_root))
    return trips_root


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.trip_id)
def test_the_factory_makes_trips_that_pass_the_check(trips_root, spec):
    assert check_trip(trips_root / spec.trip_id) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.trip_id)
def test_every_page_of_a_synthetic_trip_renders(synthetic, spec, page, lang):
    at = open_app(page, trip=spec.trip_id, lang=lang)
    assert not at.exception, at.exception
    assert not at.error, [error.value for error in at.error]
    trip = load_trip(synthetic / spec.trip_id)
    text = page_text(at)
    if page == "briefing":
        assert trip.info.title(lang) in at.get("iframe")[0].proto.srcdoc
        return
    assert at.title[0].value.replace("\\", "") == trip.info.title(lang)
    if page in ("overview", "itinerary"):
        for stop in trip.stops:
            assert stop.name(lang) in text
    if page == "trade":
        charts = trade_charts(trip)
        assert len(at.get("vega_lite_chart")) == len(charts)
        assert len(at.table) == len(charts)


def test_a_part_of_a_year_gets_its_own_chart(trips_root):
    trip = load_trip(trips_root / "two-countries")
    ids = [chart.chart_id for chart in trade_charts(trip)]
    assert ids == ["exports", "history-fr", "history-fr-to-6"]


def test_the_picker_lists_the_synthetic_trips_only(synthetic):
    at = open_app("overview", lang="en")
    assert not at.exception
    picker = next(box for box in at.selectbox if box.key == "trip_picker")
    assert sorted(picker.options) == sorted(
        load_trip(synthetic / spec.trip_id).info.title("en") for spec in SPECS
    )
