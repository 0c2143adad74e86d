"""The cached map frame sends what st_folium itself would send (issue 9).

components/folium_frame.py builds st_folium's component arguments once and hands
them over; if a streamlit-folium upgrade changes what st_folium sends, these
tests say so before a browser does.
"""

from __future__ import annotations

import pytest
import streamlit_folium
from streamlit_folium import st_folium

from components.folium_frame import layer_script, map_strings, render_folium_frame
from trip.labels import stop_label
from trip.mapview import base_map, marker_layer
from trip.stops import summarize

RETURNED = ["last_object_clicked", "last_object_clicked_count"]


@pytest.fixture
def sent(monkeypatch):
    """The keyword arguments each component call sends, in call order."""
    calls: list[dict] = []
    monkeypatch.setattr(
        streamlit_folium, "_component_func", lambda **kwargs: calls.append(kwargs)
    )
    return calls


@pytest.mark.parametrize("online", [False, True])
@pytest.mark.parametrize(
    ("lang", "stop", "theme"), [("de", None, None), ("en", "gamma", "theme-c")]
)
def test_cached_arguments_equal_st_folium_s(
    sent, every_kind_trip, online, lang, stop, theme
):
    summaries = summarize(every_kind_trip)
    labels = {s.stop.stop_id: stop_label(s, lang) for s in summaries}

    def layer():
        return marker_layer(summaries, labels, stop, theme)

    st_folium(
        base_map(summaries, online_tiles=online),
        key="trip_map",
        height=560,
        use_container_width=True,
        feature_group_to_add=layer(),
        returned_objects=RETURNED,
    )
    render_folium_frame(
        map_strings(base_map(summaries, online_tiles=online)),
        layer_script(layer(), base_map(summaries)),
        key="trip_map",
        height=560,
        returned_objects=RETURNED,
        on_change=lambda: None,
    )
    theirs, ours = sent
    assert theirs.keys() == ours.keys()
    theirs.pop("on_change"), ours.pop("on_change")
    # The one deliberate difference: the count starts where the frontend's does.
    assert theirs["default"]["last_object_clicked_count"] is None
    theirs["default"]["last_object_clicked_count"] = 0
    assert ours == theirs
    assert "feature_group_feature_group_0" in ours["feature_group"]
    assert ("OpenStreetMap" in ours["script"]) is online


def test_the_strings_are_the_same_on_every_build(every_kind_trip):
    """Cached per data version, so one build must stand for all: nothing random."""
    summaries = summarize(every_kind_trip)
    first, second = (map_strings(base_map(summaries)) for _ in range(2))
    assert first.script == second.script
    assert first.header == second.header
    assert first.html == second.html
