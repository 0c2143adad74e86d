"""A naive app: st_folium with folium's defaults (CDN scripts, OpenStreetMap tiles).
Offline its map never appears; the benchmark records that."""

import folium
from streamlit_folium import st_folium

from bench.apps.floor import markers

fig = folium.Map(location=(36, 133), zoom_start=5)
markers().add_to(fig)
st_folium(fig, key="map", height=560)
