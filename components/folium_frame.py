"""st_folium's component, fed with strings built once instead of at every rerun.

``st_folium`` renders the whole folium map and layer to JavaScript at every call;
that was a third of an overview rerun's CPU (profiled for issue 9). Upstream lets
one skip only the first of its renders (``render=False``,
randyzwitch/streamlit-folium#194). Here the arguments st_folium hands its
component are made once per map and per layer, with st_folium's own helpers and
in its order, and handed over as they are. ``tests/app/test_folium_frame.py``
checks they equal what st_folium itself sends (streamlit-folium is pinned), but
for one deliberate difference, the click count's default (see below).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import folium
import streamlit as st
import streamlit_folium
from streamlit_folium import (
    _get_feature_group_string,
    _get_header,
    _get_html,
    _get_map_string,
    generate_js_hash,
    get_full_id,
)


@dataclass(frozen=True)
class MapStrings:
    """What the component needs of the base map; the same on every rerun."""

    script: str
    header: str
    html: str
    map_id: str
    bounds: tuple[tuple[float, float], tuple[float, float]]
    zoom: int | None
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def map_strings(fig: folium.Map) -> MapStrings:
    """The base map rendered as st_folium renders it (for a plain folium.Map)."""
    fig.get_root().render()
    fig.render()
    html, header = _get_html(fig), _get_header(fig)
    script = _get_map_string(fig)
    southwest, northeast = fig.get_bounds()
    css: list[str] = []
    js: list[str] = []
    for element in _elements(fig):
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
    return MapStrings(
        script=script,
        header=header,
        html=html,
        map_id=get_full_id(fig),
        bounds=(tuple(southwest), tuple(northeast)),
        zoom=fig.options.get("zoom"),
        css_links=tuple(dict.fromkeys(css)),
        js_links=tuple(dict.fromkeys(js)),
    )


def _elements(element: object):
    if isinstance(element, folium.elements.JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _elements(child)


def layer_script(layer: folium.FeatureGroup, fig: folium.Map) -> str:
    """The layer as st_folium's ``feature_group`` string (it joins ``fig``)."""
    return _get_feature_group_string(layer, map=fig, idx=0)


def render_folium_frame(
    strings: MapStrings,
    layer: str,
    *,
    key: str,
    height: int,
    returned_objects: list[str],
    on_change: Callable[[], None],
) -> None:
    """Mount the map once; later reruns send only a changed ``layer``."""
    hash_key = generate_js_hash(strings.script, key, False)
    (south, west), (north, east) = strings.bounds
    defaults = {
        "last_object_clicked": None,
        # st_folium's default is None, but its frontend (0.27.4) starts the count
        # at 0, sees a change right after mounting and reports it: a second script
        # run on every first load. Starting at 0 here saves that run.
        "last_object_clicked_count": 0,
        "bounds": {
            "_southWest": {"lat": south, "lng": west},
            "_northEast": {"lat": north, "lng": east},
        },
        "zoom": strings.zoom,
    }

    def changed() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})
        on_change()

    streamlit_folium._component_func(
        script=strings.script,
        header=strings.header,
        html=strings.html,
        id=strings.map_id,
        key=hash_key,
        height=height,
        width=None,
        returned_objects=returned_objects,
        default={k: v for k, v in defaults.items() if k in returned_objects},
        zoom=None,
        center=None,
        feature_group=layer,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(strings.css_links),
        js_links=list(strings.js_links),
        on_change=changed,
        wrap_longitude=False,
    )
