"""The factory's trips (tests/factory/) as a trips folder of their own: each
passes the data check (``EVERY_KIND``, every kind of row it makes, too), the
picker lists exactly them, and a part of a year gets its own chart. Every page
of every shape is rendered by test_every_trip.py."""

from __future__ import annotations

import pytest

from tests.app.conftest import open_app
from tests.factory import EVERY_KIND, SHAPES, SOURCE, write_trips
from trip.loading import check_trip, load_trip
from trip.trade import trade_charts


@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: shape.trip_id)
def test_the_factory_makes_trips_that_pass_the_check(shapes_root, shape):
    assert check_trip(shapes_root / shape.trip_id) == []


def test_every_kind_of_row_passes_the_check_and_its_copy_holds_its_quotes(tmp_path):
    folder = write_trips(tmp_path, EVERY_KIND) / EVERY_KIND.trip_id
    assert check_trip(folder) == []
    trip = load_trip(folder)
    assert (trip.delegation, trip.goods, trip.about) != ((), (), ())
    assert [s.source_id for s in trip.sources if s.local_copy] == [SOURCE]
    assert any(item.stop_id is None for item in trip.program)
    assert any(item.date_end > item.date_start for item in trip.program)


def test_a_part_of_a_year_gets_its_own_chart(shapes_root):
    trip = load_trip(shapes_root / "two-countries")
    ids = [chart.chart_id for chart in trade_charts(trip)]
    assert ids == ["exports", "history-fr", "history-fr-to-6"]


def test_the_picker_lists_the_synthetic_trips_only(shapes_root, monkeypatch):
    monkeypatch.setenv("TRIPS_DIR", str(shapes_root))
    at = open_app("overview", lang="en")
    assert not at.exception
    picker = next(box for box in at.selectbox if box.key == "trip_picker")
    assert sorted(picker.options) == sorted(
        load_trip(shapes_root / shape.trip_id).info.title("en") for shape in SHAPES
    )
