"""A broken data file shows one panel naming file, line and field; no traceback."""

from __future__ import annotations

import pytest

from tests.app.conftest import as_read, open_app
from tests.conftest import replace_in
from tests.factory import TripSpec, write_trips


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("de", ["Datei: stops.csv", "Zeile: 4", "Feld: lat", "höchstens 90"]),
        ("en", ["File: stops.csv", "line: 4", "field: lat", "at most 90"]),
    ],
)
def test_broken_file_gives_an_error_panel(tmp_path, monkeypatch, lang, words):
    """The third stop of tests.factory's default trip (line 4) off the globe."""
    root = write_trips(tmp_path / "trips", TripSpec())
    replace_in(root / TripSpec().trip_id / "stops.csv", "FR,45.764,", "FR,145.764,")
    monkeypatch.setenv("TRIPS_DIR", str(root))
    at = open_app(lang=lang)
    assert not at.exception
    assert len(at.error) == 1
    panel = as_read(at.error[0].value)
    for word in words:
        assert word in panel
    assert "145.764" in panel
    assert not at.get("component_instance")  # nothing else is drawn


def test_broken_basemap_gives_an_error_panel(tmp_path, monkeypatch):
    broken = tmp_path / "basemap.geojson"
    broken.write_text("[]", encoding="utf-8")
    monkeypatch.setenv("TRIP_BASEMAP", str(broken))
    monkeypatch.setenv("TRIPS_DIR", str(write_trips(tmp_path / "trips", TripSpec())))
    at = open_app(lang="en")
    assert not at.exception
    assert "basemap.geojson" in as_read(at.error[0].value)
