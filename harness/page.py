"""The app's page as a browser test or benchmark sees it: selectors for
Streamlit's states and our elements, and scripts that measure the timeline."""

from __future__ import annotations

import re

DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SKELETON = '[data-testid="stSkeleton"]'
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Whether the map's frame has its height. streamlit-folium sets it from inside the
# frame, a moment after the script run ends and even after the markers are drawn;
# until then the frame is 0 px high on a line of text, 18 px lower than it will be.
MAP_SIZED = """selector => {
    const frame = document.querySelector(selector);
    return frame !== null && frame.getBoundingClientRect().height > 0;
}"""
# Opened at /itinerary, Streamlit first probes /itinerary/_stcore/… for its base
# path and gets 404 before it tries /_stcore/… (streamlit/streamlit#7074).
PAGE_PROBE = re.compile(r"/[a-z-]+/_stcore/(health|host-config)$")
# The timeline rows the chart outlines itself on a click (trip/charts.py, flash).
FLASH = """() => document.querySelectorAll(
    '[data-testid="stVegaLiteChart"] svg g.mark-rect path[fill-opacity="0.1"]'
).length"""
# Where the timeline's plot starts: its row rectangles span the plot, and the row
# labels' width varies with the data, so a click "left of the bars" is measured.
PLOT_LEFT = """() => Math.min(...Array.from(document.querySelectorAll(
    '[data-testid="stVegaLiteChart"] svg g.mark-rect path[fill-opacity="0"]'
)).map(path => path.getBoundingClientRect().left))"""
