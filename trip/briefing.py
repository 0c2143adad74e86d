"""The briefing: the trip as steps (an opening, one per stop, a closing) in one HTML
document that steps in the browser, so a key press shows its effect at once and
the map is built once.

The /briefing page shows the document in a frame, with assets from the app's
static files; the pack (``trip.pack``) is the same document with every asset
inlined and a printable handout, for a USB stick. What each step shows is
``trip.deck_content``'s. Text from data lands only through Jinja's autoescaping
(HTML) and ``trip.text.js_json`` (the script).
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from trip.aggregate import Trip
from trip.basemap import BASEMAP_URL
from trip.deck import deck_steps
from trip.deck_content import (
    cited_sources,
    closing_content,
    leg_content,
    opening_content,
    source_entry,
    step_content,
    unplaced_items,
)
from trip.fonts import CJK_FONT_URL, css_unicode_range
from trip.formatting import format_day_medium
from trip.i18n import LANGS, catalog, t
from trip.labels import chart_title, stop_label, trade_heading
from trip.map_style import ADDED_ROUTE, LAND, MARKER_COLORS, MIN_SPAN, ROUTE, SEA
from trip.mapview import VENDOR_URL
from trip.stops import StopSummary
from trip.text import css_string, js_json
from trip.trade import trade_charts
from trip.trade_text import chart_notes

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters["js"] = lambda value: Markup(js_json(value))


@dataclass(frozen=True)
class Assets:
    """Where the document's assets come from: the app's static files (by URL) or,
    for the pack, inlined into the document itself."""

    standalone: bool
    leaflet_js: str = ""
    leaflet_css: str = ""
    land: dict[str, Any] | None = None
    cjk_font: str = CJK_FONT_URL
    charts: dict[str, str] = field(default_factory=dict)


def app_assets() -> Assets:
    """The /briefing page's assets: the app's static files, by URL."""
    return Assets(standalone=False)


def briefing_html(
    trip: Trip,
    summaries: tuple[StopSummary, ...],
    lang: str,
    start: str,
    assets: Assets,
) -> str:
    """The whole briefing as one HTML document, opening at step ``start``."""
    steps = deck_steps(trip, summaries)
    keys = tuple(step.key for step in steps)
    title = trip.info.title(lang)
    charts = [chart for chart in trade_charts(trip) if chart.chart_id in assets.charts]
    return _TEMPLATES.get_template("briefing.html.j2").render(
        lang=lang,
        langs=LANGS,
        # Raw messages: "step" keeps its {number} and {count} for the script.
        ui={key.removeprefix("briefing."): catalog(lang)[key] for key in _UI_KEYS},
        title=title,
        trade_title=trade_heading(trip, lang),
        opening=opening_content(trip, summaries, lang),
        steps=[step_content(trip, step, lang) for step in steps],
        closing=closing_content(trip, lang),
        unplaced=[
            leg_content(trip, leg, lang)
            for leg in trip.legs
            if unplaced_items(trip, leg)
        ],
        sources=[source_entry(source, lang) for source in trip.sources],
        keys=keys,
        start=keys.index(start) if start in keys else 0,
        map=_map_data(summaries, lang, assets),
        assets=assets,
        font_range=css_unicode_range(),
        charts=[
            (
                chart_title(chart, lang),
                Markup(assets.charts[chart.chart_id]),
                cited_sources(
                    trip, (s for row in chart.rows for s in row.source_ids), lang
                ),
            )
            for chart in charts
        ],
        chart_notes=_chart_notes(trip, charts, lang),
        running_title=Markup(css_string(title)),
        page_counter=Markup(css_counter(catalog(lang)["briefing.page"])),
        generated=t(
            lang, "briefing.generated", date=format_day_medium(dt.date.today(), lang)
        ),
    )


def css_counter(message: str) -> str:
    """A catalog message with {page} and {pages} as CSS ``content`` for the page
    margin ('"Seite " counter(page) " von " counter(pages)')."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(message):
        if literal:
            parts.append(css_string(literal))
        if name:
            parts.append(f"counter({name})")
    return " ".join(parts)


def _chart_notes(trip: Trip, charts: list[Any], lang: str) -> list[str]:
    """The notes the charts need: the unit, what is derived (only if something
    is) and why values count as provisional (only if some do)."""
    if not charts:
        return []
    rows = tuple(row for chart in charts for row in chart.rows)
    return [t(lang, "trade.unit_note"), *chart_notes(trip, rows, lang)]


_UI_KEYS = (
    "briefing.next",
    "briefing.previous",
    "briefing.exit",
    "briefing.key_hint",
    "briefing.step",
    "briefing.map",
    "briefing.stops",
    "briefing.no_script",
    "briefing.unplaced",
    "briefing.delegation",
    "briefing.details",
    "briefing.show_sources",
    "briefing.sources_short",
    "about.title",
    "themes.title",
    "themes.none",
    "delegation.none",
    "trade.none",
    "sources.title",
)


def _map_data(
    summaries: tuple[StopSummary, ...], lang: str, assets: Assets
) -> dict[str, Any]:
    """What the deck's script draws, as one JSON value."""
    return {
        "stops": [
            {
                "id": s.stop.stop_id,
                "lat": s.stop.lat,
                "lon": s.stop.lon,
                "number": s.number,
                "added": s.stop.status == "added",
                "label": stop_label(s, lang),
            }
            for s in summaries
        ],
        "land": None if assets.standalone else BASEMAP_URL,
        "landStyle": LAND,
        "sea": SEA,
        "route": {**ROUTE},
        "addedRoute": {**ADDED_ROUTE, "dashArray": ADDED_ROUTE["dash_array"]},
        "colors": MARKER_COLORS,
        "vendor": VENDOR_URL,
        "leastSpan": MIN_SPAN,
    }
