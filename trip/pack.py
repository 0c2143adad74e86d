"""The pack (``python -m trip pack``): the briefing document with every asset
inlined (Leaflet, the land shapes, the CJK font, the charts as SVG), so the one
file works offline and without a server, from a USB stick."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from markupsafe import Markup

from trip.aggregate import Trip
from trip.basemap import BASEMAP_FILE, load_basemap
from trip.briefing import Assets, briefing_html
from trip.deck import OPENING
from trip.downloads import chart_svg
from trip.stops import StopSummary, summarize
from trip.trade import trade_charts, trade_countries
from trip.trade_chart import trade_chart

STATIC = Path(__file__).resolve().parent.parent / "static"
LEAFLET = STATIC / "vendor" / "leaflet-1.9.4"


def pack_html(
    trip: Trip, lang: str, summaries: tuple[StopSummary, ...] | None = None
) -> str:
    """The pack: the deck from its opening step, every asset inlined, so the one
    file works offline and without a server (the app's download, the command
    line, deploy's fallback)."""
    summaries = summarize(trip) if summaries is None else summaries
    return briefing_html(trip, summaries, lang, OPENING, inline_assets(trip, lang))


def inline_assets(trip: Trip, lang: str) -> Assets:
    """Everything the pack needs, read from the app's own files; nothing fetched."""
    font = (STATIC / "fonts" / "noto-sans-cjk-subset.woff").read_bytes()
    return Assets(
        standalone=True,
        leaflet_js=_inline_script((LEAFLET / "leaflet.js").read_text("utf-8")),
        leaflet_css=_inline_style((LEAFLET / "leaflet.css").read_text("utf-8")),
        land=load_basemap(BASEMAP_FILE),
        cjk_font="data:font/woff;base64," + base64.b64encode(font).decode("ascii"),
        charts={
            chart.chart_id: inline_svg(chart.rows, lang, trade_countries(trip))
            for chart in trade_charts(trip)
        },
    )


def inline_svg(rows: Any, lang: str, countries: tuple[str, ...]) -> str:
    """The trade page's chart as an SVG element for the pack, in the same
    colours (``countries``: the trip's order of them)."""
    chart = trade_chart(rows, lang, countries).properties(width=520)
    svg = chart_svg(chart.to_dict()).decode("utf-8")
    return svg[svg.index("<svg") :]


def _inline_script(code: str) -> Markup:
    """Library code inlined into a <script>: it must not end the element early."""
    return Markup(code.replace("</script", "<\\/script"))


def _inline_style(css: str) -> Markup:
    return Markup(css.replace("</style", "<\\/style"))
