"""A broken data file shows one panel naming file, line and field; no traceback."""

from __future__ import annotations

import pytest

from tests.app.conftest import as_read, open_app
from tests.conftest import replace_in


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("de", ["Datei: stops.csv", "Zeile: 5", "Feld: lat", "höchstens 90"]),
        ("en", ["File: stops.csv", "line: 5", "field: lat", "at most 90"]),
    ],
)
def test_broken_file_gives_an_error_panel(data_copy, monkeypatch, lang, words):
    replace_in(data_copy / "stops.csv", "KR,37.55319,", "KR,137.55319,")
    monkeypatch.setenv("TRIP_DATA_DIR", str(data_copy))
    at = open_app(lang=lang)
    assert not at.exception
    assert len(at.error) == 1
    panel = as_read(at.error[0].value)
    for word in words:
        assert word in panel
    assert "137.55319" in panel
    assert not at.get("component_instance")  # nothing else is drawn


def test_broken_basemap_gives_an_error_panel(tmp_path, monkeypatch):
    broken = tmp_path / "basemap.geojson"
    broken.write_text("[]", encoding="utf-8")
    monkeypatch.setenv("TRIP_BASEMAP", str(broken))
    at = open_app(lang="en")
    assert not at.exception
    assert "basemap.geojson" in as_read(at.error[0].value)
