"""The map builder: offline assets, stable base map, escaped text, click lookup."""

from __future__ import annotations

import json
import re

import pytest
from streamlit_folium import (
    _get_feature_group_string,
    _get_map_string,
    generate_js_hash,
)

from trip.basemap import BASEMAP_FILE, BASEMAP_URL, load_basemap
from trip.loading import load_trip
from trip.map_style import MIN_SPAN
from trip.mapview import _bounds, base_map, marker_layer, stop_at
from trip.stops import summarize


@pytest.fixture(scope="module")
def summaries(synthetic_trip):
    return summarize(synthetic_trip)


def map_script(summaries) -> str:
    fig = base_map(summaries)
    fig.get_root().render()
    return _get_map_string(fig)


def test_two_builds_of_the_base_map_give_one_script_hash(summaries, synthetic_folder):
    """streamlit-folium re-mounts the map when its script hash changes, and each
    rerun builds the map anew (in another process, too): folium's element ids
    are random per build unless made stable, so two independent builds (fresh
    summaries, a fresh figure) must hash alike."""
    first = generate_js_hash(map_script(summaries), "trip_map")
    again = generate_js_hash(
        map_script(summarize(load_trip(synthetic_folder))), "trip_map"
    )
    assert first == again
    assert map_script(summaries) != map_script(summaries[:-1])  # the hash sees stops


def test_base_map_loads_only_local_assets(summaries):
    fig = base_map(summaries)
    links = [url for _, url in fig.default_js + fig.default_css]
    assert links
    assert all(url.startswith("/app/static/vendor/leaflet-1.9.4/") for url in links)
    header = fig.get_root().header.render()
    assert not re.search(r"https?://", header)


def test_base_map_has_no_tile_layer(summaries):
    assert "tileLayer" not in map_script(summaries)


def test_markers_change_with_selection_not_base(summaries):
    labels = {s.stop.stop_id: s.stop.name_en for s in summaries}
    fig = base_map(summaries)
    fig.get_root().render()
    plain = _get_feature_group_string(marker_layer(summaries, labels, None, None), fig)
    picked = _get_feature_group_string(
        marker_layer(summaries, labels, "beta", None), fig
    )
    assert plain != picked
    assert "width:52px" in picked
    assert "width:52px" not in plain
    assert plain.count("L.marker(") == len(summaries)


HOSTILE_LABELS = [
    '<script>alert("x")</script>',
    "</script><img src=x onerror=alert(1)>",
    "\\u003cimg src=x onerror=alert(1)\\u003e",  # a JS escape sequence, as text
    "`${alert(1)}`",
    "C:\\x41\\",  # a stray backslash must not break the script
    "Tom & Jerry's \u2028 line",
]


@pytest.mark.parametrize("text", HOSTILE_LABELS)
def test_tooltip_text_reaches_the_script_only_as_json(summaries, text):
    """Regression (issue 7): a JS escape sequence in a name became live HTML in
    folium's template-literal tooltip. The label is now one JSON argument that
    lands via textContent; JSON is JavaScript, so json.loads reads it as JS would."""
    labels = {s.stop.stop_id: text for s in summaries}
    fig = base_map(summaries)
    script = _get_feature_group_string(marker_layer(summaries, labels, None, None), fig)
    arguments = re.findall(r"\}\)\((.*)\);", script)
    assert len(arguments) == len(summaries)
    assert all(json.loads(argument) == text for argument in arguments)
    assert "box.textContent = text;" in script
    assert "bindTooltip(box," in script
    for dangerous in ("<", ">", "\u2028"):
        assert dangerous not in "".join(arguments)


def test_click_position_finds_the_stop(summaries):
    beta = next(s.stop for s in summaries if s.stop.stop_id == "beta")
    assert stop_at(summaries, beta.lat, beta.lon) == "beta"
    assert stop_at(summaries, 0.0, 0.0) is None


@pytest.mark.parametrize("content", ['{"type": "Feature"', "[]", '{"type": "Point"}'])
def test_broken_basemap_is_a_data_error(tmp_path, content):
    from trip.errors import DataFileError

    path = tmp_path / "basemap.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_basemap(path)
    assert (caught.value.key, caught.value.file) == (
        "error.not_geojson",
        "basemap.geojson",
    )


def test_online_tiles_are_opt_in_with_attribution(summaries):
    fig = base_map(summaries, online_tiles=True)
    fig.get_root().render()
    script = _get_map_string(fig)
    assert "tile.openstreetmap.org" in script
    assert "OpenStreetMap contributors" in script
    assert '"fillOpacity": 0' in script  # land as outlines over the tiles
    assert "tile.openstreetmap.org" not in map_script(summaries)


def test_land_is_fetched_once_not_embedded(summaries):
    """The shapes travel once as a cached static file, not with every rerun."""
    script = map_script(summaries)
    assert BASEMAP_URL in script
    assert len(script) < 20_000
    assert "interactive: false" in script


def test_shipped_basemap_is_valid_east_asia_and_europe():
    names = {f["properties"]["name"] for f in load_basemap(BASEMAP_FILE)["features"]}
    assert {"Japan", "South Korea", "Taiwan", "Germany"} <= names


def test_map_opens_on_all_stops_without_zoom_animation(summaries):
    script = map_script(summaries)
    assert ".fitBounds(" in script
    assert '"animate": false' in script


@pytest.mark.parametrize(
    "points",
    [
        [(37.95583, 126.67667)],  # one stop (the 2015 trip)
        [(35.0, 135.0), (35.01, 135.02)],  # two stops a few km apart
    ],
)
def test_the_map_never_zooms_to_a_point(points):
    """Regression: one stop made zero-size bounds, and the map frame stayed blank."""
    (south, west), (north, east) = _bounds(points)
    assert north - south >= MIN_SPAN
    assert east - west >= MIN_SPAN
    for lat, lon in points:
        assert south < lat < north
        assert west < lon < east


def test_bounds_of_a_wide_trip_are_its_stops():
    assert _bounds([(24.8, 120.9), (38.2, 140.8)]) == [[24.8, 120.9], [38.2, 140.8]]


def test_only_the_embed_s_map_fills_the_frame_the_page_sizes(summaries):
    """The embed sizes its map's frame from the host's frame (issue 16); the map
    inside must follow, while the overview keeps st_folium's own height."""
    filled = base_map(summaries, fill_frame=True).get_root().render()
    plain = base_map(summaries).get_root().render()
    assert "#map_div{height:100vh!important" in filled
    assert "#map_div" not in plain
