"""The map's look, one place for the two maps that draw it: the app's folium map
(``trip.mapview``) and the briefing deck's own script (``trip.briefing``)."""

from __future__ import annotations

from trip.fonts import CJK_FONT_URL, css_unicode_range

LAND = {"fillColor": "#e9e4d8", "color": "#9a958a", "weight": 0.8, "fillOpacity": 1}
# Over online tiles only the outlines stay: if the tiles fail, the coasts still show.
LAND_OUTLINE = {**LAND, "fillOpacity": 0, "color": "#6b675f"}
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

# The least span the map shows, in degrees: one stop (or stops a few km apart)
# still shows its region, not a blank square at the closest zoom.
MIN_SPAN = 4.0
