"""The framework's floor: st_folium with local Leaflet, the same markers, and the
click round trip (click -> on_change -> Python -> feature_group_to_add)."""

import streamlit as st
from streamlit_folium import st_folium

from bench.apps.floor import bare_map, markers, stops


def picked() -> None:
    clicked = (st.session_state.get("map") or {}).get("last_object_clicked") or {}
    for stop_id, lat, lon, _ in stops():
        if (
            abs(lat - clicked.get("lat", 0)) < 1e-6
            and abs(lon - clicked.get("lng", 0)) < 1e-6
        ):
            st.session_state["selected"] = stop_id


st_folium(
    bare_map(),
    key="map",
    height=560,
    feature_group_to_add=markers(st.session_state.get("selected")),
    returned_objects=["last_object_clicked"],
    on_change=picked,
)
