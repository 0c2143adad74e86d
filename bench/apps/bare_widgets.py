"""The framework's floor for a page like ours: the bare st_folium app plus one
element of each kind the overview draws beside its map (a picker, a segmented
control, a toggle, buttons, a metric, one small Vega-Lite chart), with no data
work. Streamlit loads each element kind's code on first sight, and its map frame
appears only after them; this variant shows what that costs on its own."""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from bench.apps.floor import bare_map, markers

st.selectbox("Stop", ["Tokyo", "Seoul"])
st.segmented_control("Theme", ["Hydrogen", "Mobility"])
left, right = st.columns(2)
with left:
    st_folium(
        bare_map(),
        key="map",
        height=560,
        feature_group_to_add=markers(None),
        returned_objects=["last_object_clicked"],
    )
    st.toggle("Tiles")
with right:
    st.vega_lite_chart(
        pd.DataFrame({"day": [1, 2, 3], "stops": [2, 1, 3]}),
        {"mark": "bar", "encoding": {"x": {"field": "day"}, "y": {"field": "stops"}}},
    )
    st.button("Tokyo")
    st.metric("Exports", "851")
