"""The app's page as a browser test or benchmark sees it: selectors for
Streamlit's states and our elements, and scripts that measure the timeline."""

from __future__ import annotations

import re

DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SKELETON = '[data-testid="stSkeleton"]'
# Something the script has drawn. Streamlit's state reads "notRunning" before a
# page's first run has started too, with nothing drawn; on a fresh server's first
# visit to a subpage, settling on DONE alone returned with the page still empty
# (2 loads in 6) while the run that draws it had yet to start.
DRAWN = '[data-testid="stMain"] [data-testid="stElementContainer"]'
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
# The page's columns (st.columns) that reach past the screen's left or right edge:
# a stacked layout whose panels wrapped into a second row beside the first put
# the timeline, themes and trade of a tablet's overview off the screen, unseen.
COLUMNS_PAST_THE_EDGE = """width => Array.from(
    document.querySelectorAll('[data-testid="stColumn"]')
).map(column => column.getBoundingClientRect())
 .filter(box => box.width && (box.left < -1 || box.right > width + 1))
 .map(box => [Math.round(box.left), Math.round(box.right)])"""
