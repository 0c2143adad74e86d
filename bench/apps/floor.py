"""The floors ours is measured against: the same six stops as plain folium maps.

``static_page()`` is the browser's floor (one HTML file, Leaflet from our static
files); ``bare_st_folium`` and ``naive_st_folium`` are Streamlit apps run by
bench/run.py (see those files).
"""

from __future__ import annotations

import folium

from trip.loading import load_trip
from trip.mapview import LEAFLET_CSS, LEAFLET_JS
from trip.stops import summarize

SELECTED = 52


def stops() -> list[tuple[str, float, float, int]]:
    return [
        (s.stop.stop_id, s.stop.lat, s.stop.lon, s.number)
        for s in summarize(load_trip())
    ]


def marker_icon(stop_id: str, number: int, selected: bool) -> folium.DivIcon:
    size = SELECTED if selected else 44
    return folium.DivIcon(
        html=(
            f'<div class="stop-marker" data-stop="{stop_id}" style="width:{size}px;'
            f"height:{size}px;border-radius:50%;background:#1f4e79;color:#fff;"
            f'display:flex;align-items:center;justify-content:center">{number}</div>'
        ),
        icon_size=(size, size),
        icon_anchor=(size // 2, size // 2),
    )


def bare_map(local_leaflet: bool = True) -> folium.Map:
    """A map with no tiles, Leaflet from our static files (or folium's CDNs)."""
    fig = folium.Map(location=(36, 133), zoom_start=5, tiles=None)
    if local_leaflet:
        fig.default_js = LEAFLET_JS
        fig.default_css = LEAFLET_CSS
    return fig


def markers(selected: str | None = None) -> folium.FeatureGroup:
    layer = folium.FeatureGroup(name="stops")
    for stop_id, lat, lon, number in stops():
        folium.Marker(
            (lat, lon), icon=marker_icon(stop_id, number, stop_id == selected)
        ).add_to(layer)
    return layer


def static_page() -> str:
    """One HTML page, Leaflet from the app's static files: the browser's floor."""
    fig = bare_map()
    markers().add_to(fig)
    return fig.get_root().render()
