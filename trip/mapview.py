"""The trip map as folium objects: a fixed base map and a layer for the selection.

The base map (land shapes, route) is identical on every rerun, so streamlit-folium
keeps its frame; everything that changes with language, stop or theme lives in the
marker layer, which streamlit-folium swaps in place (``feature_group_to_add``).
"""

from __future__ import annotations

from itertools import pairwise

import folium
from folium.map import FitBounds

from trip.basemap import BASEMAP_URL
from trip.map_scripts import EnterSelects, InstantSelect, LandLayer, TextTooltip
from trip.map_style import (
    ADDED_ROUTE,
    FILL_FRAME,
    LAND,
    LAND_OUTLINE,
    MAP_STYLE,
    MARKER_COLORS,
    MARKER_SELECTED,
    MARKER_SIZE,
    MIN_SPAN,
    MUTED,
    ROUTE,
)
from trip.stops import StopSummary, stop_matches
from trip.text import html_text

# Served by Streamlit's static file serving from ./static (enableStaticServing).
VENDOR_URL = "/app/static/vendor/leaflet-1.9.4"
LEAFLET_JS = [("leaflet", f"{VENDOR_URL}/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{VENDOR_URL}/leaflet.css")]
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


def base_map(
    summaries: tuple[StopSummary, ...],
    online_tiles: bool = False,
    fill_frame: bool = False,
) -> folium.Map:
    """Land, sea and route; no text, so it never changes with language or selection.

    ``online_tiles`` adds OpenStreetMap tiles beneath the bundled shapes; off by
    default, because venues and proxies often block them. ``fill_frame``: the
    map takes its frame's height, which the page sets (the embed).
    """
    if not summaries:
        raise ValueError("a map needs at least one stop")
    fig = folium.Map(
        location=None,
        tiles=None,
        zoom_control=True,
        control_scale=True,
        min_zoom=3,
        max_zoom=10,
        width="100%",
        height="100%",
    )
    # Offline: Leaflet only, from our own static files (folium's defaults are CDNs).
    fig.default_js = LEAFLET_JS
    fig.default_css = LEAFLET_CSS
    fig.get_root().header.add_child(folium.Element(MAP_STYLE))
    if fill_frame:
        fig.get_root().header.add_child(folium.Element(FILL_FRAME))
    if online_tiles:
        folium.TileLayer("OpenStreetMap", attr=OSM_ATTRIBUTION, max_zoom=10).add_to(fig)
    style = LAND_OUTLINE if online_tiles else LAND
    LandLayer(BASEMAP_URL, style).add_to(fig)
    InstantSelect().add_to(fig)
    points = [(s.stop.lat, s.stop.lon) for s in summaries]
    announced = [
        p for p, s in zip(points, summaries, strict=True) if s.stop.status != "added"
    ]
    folium.PolyLine(announced, **ROUTE).add_to(fig)
    for before, after in pairwise(summaries):
        if after.stop.status == "added":
            folium.PolyLine(
                [(before.stop.lat, before.stop.lon), (after.stop.lat, after.stop.lon)],
                **ADDED_ROUTE,
            ).add_to(fig)
    # No zoom animation on load: a projector shows the final view at once.
    fit = FitBounds(_bounds(points), padding=(30, 30))
    fit.options["animate"] = False
    fig.add_child(fit)
    return fig


def marker_layer(
    summaries: tuple[StopSummary, ...],
    labels: dict[str, str],
    selected: str | None,
    theme: str | None,
) -> folium.FeatureGroup:
    """Numbered markers; ``labels`` maps stop id to its (plain-text) tooltip."""
    layer = folium.FeatureGroup(name="stops")
    for summary in summaries:
        stop = summary.stop
        is_selected = stop.stop_id == selected
        active = stop_matches(summary, theme)
        size = MARKER_SELECTED if is_selected else MARKER_SIZE
        color = MARKER_COLORS[stop.status] if active else MUTED
        border = "4px solid #111" if is_selected else "3px solid #fff"
        if stop.status == "added" and not is_selected:
            border = "3px dashed #fff"
        icon = folium.DivIcon(
            html=(
                f'<div class="stop-marker" data-stop="{html_text(stop.stop_id)}" '
                f'style="width:{size}px;height:{size}px;border-radius:50%;'
                f"background:{color};border:{border};color:#fff;display:flex;"
                f"align-items:center;justify-content:center;font:700 "
                f"{21 if is_selected else 18}px/1 sans-serif;"
                f"box-shadow:0 1px 4px rgba(0,0,0,.5);opacity:{1 if active else 0.7};"
                f'box-sizing:border-box">{html_text(summary.number)}</div>'
            ),
            icon_size=(size, size),
            icon_anchor=(size // 2, size // 2),
            class_name="stop-icon",
        )
        # title and alt reach Leaflet as JSON options and land as DOM properties.
        marker = folium.Marker(
            (stop.lat, stop.lon),
            icon=icon,
            title=labels[stop.stop_id],
            alt=labels[stop.stop_id],
            keyboard=True,
            z_index_offset=1000 if is_selected else 0,
        ).add_to(layer)
        TextTooltip(labels[stop.stop_id]).add_to(marker)
        EnterSelects().add_to(marker)
    return layer


def stop_at(summaries: tuple[StopSummary, ...], lat: float, lng: float) -> str | None:
    """The stop whose marker was clicked: a marker reports its own position."""
    for summary in summaries:
        if abs(summary.stop.lat - lat) < 1e-6 and abs(summary.stop.lon - lng) < 1e-6:
            return summary.stop.stop_id
    return None


def _bounds(points: list[tuple[float, float]]) -> list[list[float]]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
    for axis, limit in ((0, 85.0), (1, 180.0)):
        low, high = bounds[0][axis], bounds[1][axis]
        grow = max(0.0, MIN_SPAN - (high - low)) / 2
        bounds[0][axis] = max(-limit, low - grow)
        bounds[1][axis] = min(limit, high + grow)
    return bounds
