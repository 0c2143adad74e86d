"""The trip map as folium objects: a fixed base map and a layer for the selection.

The base map (land shapes, route) is identical on every rerun, so streamlit-folium
keeps its frame; everything that changes with language, stop or theme lives in the
marker layer, which streamlit-folium swaps in place (``feature_group_to_add``).
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import folium
from branca.element import MacroElement
from folium.map import FitBounds
from jinja2 import Template

from trip.errors import DataFileError
from trip.fonts import CJK_FONT_URL, css_unicode_range
from trip.stops import StopSummary, stop_matches
from trip.text import html_text, js_json

# Served by Streamlit's static file serving from ./static (enableStaticServing).
VENDOR_URL = "/app/static/vendor/leaflet-1.9.4"
BASEMAP_FILE = (
    Path(__file__).resolve().parent.parent / "static/basemap/natural-earth-50m.geojson"
)
BASEMAP_URL = "/app/static/basemap/natural-earth-50m.geojson"
LEAFLET_JS = [("leaflet", f"{VENDOR_URL}/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{VENDOR_URL}/leaflet.css")]

LAND = {"fillColor": "#e9e4d8", "color": "#9a958a", "weight": 0.8, "fillOpacity": 1}
# Over online tiles only the outlines stay: if the tiles fail, the coasts still show.
LAND_OUTLINE = {**LAND, "fillOpacity": 0, "color": "#6b675f"}
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
ROUTE = {"color": "#1f4e79", "weight": 3, "opacity": 0.9}
ADDED_ROUTE = {**ROUTE, "color": "#8a4b00", "dash_array": "8 8"}
SEA = "#cfe3f0"
# The map's frame has its own document: the same CJK subset for tooltips there.
MAP_STYLE = (
    "<style>"
    '@font-face{font-family:"Trip CJK";'
    f'src:url("{CJK_FONT_URL}") format("woff");'
    f"unicode-range:{css_unicode_range()}}}"
    f".leaflet-container{{background:{SEA};"
    'font-family:"Helvetica Neue",Arial,Helvetica,"Trip CJK",sans-serif}'
    # Touch: zoom buttons and the attribution link at least 44 px (WCAG 2.5.5).
    # display:block is leaflet.css's too, repeated: st_folium appends that sheet only
    # after Leaflet's scripts and re-parses the head (head.innerHTML += header), so on
    # a slow network the buttons are drawn before it applies; inline, a width is lost.
    ".leaflet-bar a{display:block;width:44px!important;height:44px!important;"
    "line-height:44px!important;font-size:22px!important}"
    ".leaflet-control-attribution a{display:inline-block;padding:13px 0}"
    # A clicked marker looks selected at once (InstantSelect); the others step back
    # until Python's new marker layer confirms the selection.
    ".stop-marker.instant-selected{transform:scale(1.18);"
    "border:4px solid #111!important;opacity:1!important}"
    ".leaflet-marker-pane:has(.instant-selected) .stop-marker:not(.instant-selected)"
    "{transform:scale(.85);border:3px solid #fff!important}"
    ".leaflet-marker-icon:has(.instant-selected){z-index:100000!important}"
    "</style>"
)
# For a frame whose height the page's style sheet sets (the embed fills what
# its host gives it): the map fills the frame; st_folium sets its own pixel
# height inline.
FILL_FRAME = "<style>#map_div{height:100vh!important;min-height:120px}</style>"
MARKER_COLORS = {"announced": "#1f4e79", "added": "#8a4b00"}
# Diameters in px: a finger's 44 px at least (WCAG 2.5.5), larger when selected.
MARKER_SIZE = 44
MARKER_SELECTED = 52
MUTED = "#8c8c8c"


class EnterSelects(MacroElement):
    """Enter on a focused marker acts as a click, so keyboard users can select on the
    map too: Leaflet 1.9 marks markers focusable but Enter only opens popups."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.on("keypress", function (event) {
            if (event.originalEvent.key === "Enter") {
                this.fire("click", {latlng: this.getLatLng()});
            }
        });
        {% endmacro %}"""
    )


class InstantSelect(MacroElement):
    """A click on a marker, or Enter on a focused one, draws it selected in the
    map's own frame at once; the rerun then confirms the selection by swapping the
    marker layer. The round trip click -> Python -> redraw takes most of a second
    (issue 9), which a presenter feels. Part of the base map, so it never changes."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function () {
            function pick(target) {
                var icon = target && target.closest
                    && target.closest(".leaflet-marker-icon");
                var circle = icon && icon.querySelector(".stop-marker");
                if (!circle) { return; }
                document.querySelectorAll(".stop-marker.instant-selected")
                    .forEach(function (other) {
                        other.classList.remove("instant-selected");
                    });
                circle.classList.add("instant-selected");
            }
            document.addEventListener("click", function (event) {
                pick(event.target);
            }, true);
            document.addEventListener("keydown", function (event) {
                if (event.key === "Enter") { pick(event.target); }
            }, true);
        })();
        {% endmacro %}"""
    )


class TextTooltip(MacroElement):
    """A tooltip whose text is set as DOM text, never parsed as HTML.

    folium's ``Tooltip`` puts its text into a JavaScript template literal as HTML,
    where escape sequences such as ``\\u003c`` turn back into tags; and
    streamlit-folium's click handler reads a string tooltip through ``innerHTML``.
    Here the text reaches the script only as JSON and lands via ``textContent``.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function (text) {
            var box = document.createElement("div");
            box.textContent = text;
            {{ this._parent.get_name() }}.bindTooltip(box, {sticky: true});
        })({{ this.text_json }});
        {% endmacro %}"""
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "TextTooltip"
        self.text_json = js_json(text)


class LandLayer(MacroElement):
    """The bundled land shapes, fetched once by the browser from our static files.

    Embedding them in the map script would resend ~390 KB over the websocket on
    every rerun and make folium compile them as a Jinja template (~150 ms a rerun).
    The layer is not interactive: a click on land should not rerun the app.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        fetch({{ this.url|tojson }})
            .then(function (answer) { return answer.json(); })
            .then(function (shapes) {
                L.geoJSON(shapes, {style: {{ this.style|tojson }}, interactive: false})
                    .addTo({{ this._parent.get_name() }})
                    .bringToBack();
            });
        {% endmacro %}"""
    )

    def __init__(self, url: str, style: dict[str, Any]) -> None:
        super().__init__()
        self._name = "LandLayer"
        self.url = url
        self.style = style


MAX_BASEMAP_BYTES = 8_000_000  # the shipped file has 0.35 MB
MAX_JSON_DEPTH = 16  # a MultiPolygon's points sit 8 levels deep


def load_basemap(path: Path = BASEMAP_FILE) -> dict[str, Any]:
    """Check the bundled land shapes at start-up: a broken file is a ``DataFileError``
    like any other, not a silently empty map or a crashed server."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise DataFileError("error.file_missing", path.name) from exc
    if size > MAX_BASEMAP_BYTES:
        raise DataFileError(
            "error.file_too_large",
            path.name,
            value=size,
            details={"limit": MAX_BASEMAP_BYTES},
        )
    try:
        shapes = json.loads(
            path.read_text(encoding="utf-8"), parse_constant=_reject_constant
        )
    except RecursionError as exc:
        raise DataFileError(
            "error.json_too_deep", path.name, details={"limit": MAX_JSON_DEPTH}
        ) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        raise DataFileError("error.not_geojson", path.name, row=line) from exc
    if json_depth(shapes) > MAX_JSON_DEPTH:
        raise DataFileError(
            "error.json_too_deep", path.name, details={"limit": MAX_JSON_DEPTH}
        )
    kind = shapes.get("type") if isinstance(shapes, dict) else type(shapes).__name__
    features = shapes.get("features") if isinstance(shapes, dict) else None
    if kind != "FeatureCollection" or not features or not isinstance(features, list):
        raise DataFileError("error.not_geojson", path.name, field="type", value=kind)
    if not all(isinstance(f, dict) and f.get("type") == "Feature" for f in features):
        raise DataFileError("error.not_geojson", path.name, field="features")
    return shapes


def _reject_constant(name: str) -> None:
    """NaN and Infinity are not JSON, though Python's parser accepts them."""
    raise ValueError(name)


def json_depth(value: Any) -> int:
    """How deeply lists and objects nest, counted without recursion."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, depth)
            children = node.values() if isinstance(node, dict) else node
            pending.extend((child, depth + 1) for child in children)
    return deepest


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


# The least span the map shows, in degrees: one stop (or stops a few km apart)
# still shows its region, not a blank square at the closest zoom.
MIN_SPAN = 4.0


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
