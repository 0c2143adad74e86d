"""The briefing: the trip as steps (an opening, one per stop, a closing) in one HTML
document that steps in the browser, so a key press shows its effect at once and
the map is built once.

The /briefing page shows the document in a frame, with assets from the app's
static files; the pack (``python -m trip pack``) is the same document with every
asset inlined and a printable handout, for a USB stick. Text from data lands only
through Jinja's autoescaping (HTML) and ``trip.text.js_json`` (the script).
"""

from __future__ import annotations

import base64
import datetime as dt
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from trip.aggregate import Trip, trip_window
from trip.citing import source_numbers
from trip.deck import (
    AIMS,
    AIMS_TOPICS,
    LEG_STEP,
    OPENING,
    OPENING_TOPICS,
    Step,
    deck_steps,
)
from trip.downloads import chart_svg
from trip.fonts import CJK_FONT_URL, css_unicode_range
from trip.formatting import (
    country_name,
    format_day_medium,
    format_day_range,
    format_money,
)
from trip.i18n import LANGS, catalog, t
from trip.labels import (
    as_sentences,
    chart_title,
    delegation_size,
    figure_label,
    item_when,
    source_citation,
    source_date,
    stop_dates,
    stop_label,
    stop_name,
    trade_facts,
    trade_heading,
)
from trip.mapview import (
    ADDED_ROUTE,
    BASEMAP_FILE,
    BASEMAP_URL,
    LAND,
    MARKER_COLORS,
    MIN_SPAN,
    ROUTE,
    SEA,
    VENDOR_URL,
    load_basemap,
)
from trip.models import Leg, ProgramItem, Source
from trip.quotes import citations
from trip.stops import StopSummary, items_for_country, summarize
from trip.text import css_string, js_json
from trip.trade import goods_of, headline, trade_charts, trade_countries
from trip.trade_chart import trade_chart
from trip.trade_text import chart_notes

STATIC = Path(__file__).resolve().parent.parent / "static"
LEAFLET = STATIC / "vendor" / "leaflet-1.9.4"
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
    return Assets(standalone=False)


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
        opening=_opening(trip, summaries, lang),
        steps=[_step(trip, step, lang) for step in steps],
        closing=_closing(trip, lang),
        unplaced=[_leg(trip, leg, lang) for leg in trip.legs if _unplaced(trip, leg)],
        sources=[_source(source, lang) for source in trip.sources],
        keys=keys,
        start=keys.index(start) if start in keys else 0,
        map=_map_data(summaries, lang, assets),
        assets=assets,
        font_range=css_unicode_range(),
        charts=[
            (
                chart_title(chart, lang),
                Markup(assets.charts[chart.chart_id]),
                _sources(trip, (s for row in chart.rows for s in row.source_ids), lang),
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


def pack_html(
    trip: Trip, lang: str, summaries: tuple[StopSummary, ...] | None = None
) -> str:
    """The pack: the deck from its opening step, every asset inlined, so the one
    file works offline and without a server (the app's download, the command
    line, deploy's fallback)."""
    summaries = summarize(trip) if summaries is None else summaries
    return briefing_html(trip, summaries, lang, OPENING, inline_assets(trip, lang))


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


def _source(source: Source, lang: str) -> dict[str, Any]:
    """A source as the deck and the handout cite it; a source kept only as a
    local copy says when it was retrieved, not where the project keeps it."""
    return {
        "text": source_citation(source, lang),
        "short": f"{source.short_publisher}, {source_date(source, lang)}",
        "title": source.title,
        "url": source.url,
        "copy_note": t(
            lang, "source.copy_only", date=format_day_medium(source.retrieved, lang)
        )
        if source.local_copy and source.retrieved and not source.url
        else None,
    }


def _wording(trip: Trip, row: Any, lang: str) -> list[dict[str, Any]]:
    """The sources' own words for a fact, for a tap in the deck."""
    return [
        {
            "text": citation.quote.quote,
            "language": citation.source.language,
            "gloss": t(lang, "quote.gloss", gloss=citation.quote.gloss(lang))
            if citation.quote.gloss(lang)
            else None,
            "note": t(lang, "quote.note", note=citation.quote.note(lang))
            if citation.quote.note(lang)
            else None,
            "source": _source(citation.source, lang),
        }
        for citation in citations(trip.source_by_id, trip.quotes, row)
        if citation.quote
    ]


def _sources(trip: Trip, source_ids: Any, lang: str) -> list[dict[str, Any]]:
    by_id = trip.source_by_id
    return [_source(by_id[source_id], lang) for source_id in dict.fromkeys(source_ids)]


def _opening(
    trip: Trip, summaries: tuple[StopSummary, ...], lang: str
) -> dict[str, Any]:
    announced = [leg for leg in trip.legs if leg.status == "announced"]
    reported = [leg for leg in trip.legs if leg.status == "reported"]
    by_id = trip.source_by_id
    return {
        "announced": t(
            lang,
            "briefing.announced",
            dates=format_day_range(*trip_window(announced), lang),
        )
        if announced
        else None,
        "announced_sources": _sources(trip, (leg.source_id for leg in announced), lang),
        "reported": [
            {
                "text": t(
                    lang,
                    "briefing.reported" if announced else "briefing.reported_only",
                    dates=format_day_range(leg.date_start, leg.date_end, lang),
                    country=country_name(leg.country, lang),
                ),
                "sources": _sources(trip, [leg.source_id], lang),
            }
            for leg in reported
        ],
        "delegation": [
            {
                "text": delegation_size(size, lang),
                "source": by_id[size.source_id].short_publisher,
            }
            for size in trip.delegation
        ],
        "about": [
            {
                "topic": t(lang, f"about.topic.{statement.topic}"),
                "slide": "opening"
                if statement.topic in OPENING_TOPICS
                else AIMS
                if statement.topic in AIMS_TOPICS
                else None,
                "text": statement.text(lang),
                "status": statement.status,
                "status_label": t(lang, f"status.{statement.status}"),
                "inference": statement.inference(lang),
                "source": by_id[statement.source_id].short_publisher,
                "sources": _sources(trip, [statement.source_id], lang),
            }
            for statement in sorted(trip.about, key=lambda s: s.order)
        ],
        "discrepancies": [
            t(
                lang,
                "items.discrepancy",
                what=f"{country_name(leg.country, lang)}: {leg.discrepancy(lang)}",
            )
            for leg in trip.legs
            if leg.discrepancy(lang)
        ],
        "themes": [theme.name(lang) for theme in trip.themes],
        "stops": [stop_name(summary, lang) for summary in summaries],
    }


def _item(trip: Trip, item: ProgramItem, summary: StopSummary | None, lang: str):
    inference = item.inference(lang)
    discrepancy = item.discrepancy(lang)
    notes = [
        item.detail(lang),
        t(lang, "items.inferred_because", why=inference) if inference else None,
        t(lang, "items.discrepancy", what=discrepancy) if discrepancy else None,
    ]
    return {
        "when": item_when(item, summary, trip.info, lang),
        "title": item.title(lang),
        "status": item.status,
        "status_label": t(lang, f"status.{item.status}"),
        "basis": item.basis,
        "basis_label": t(lang, f"basis.{item.basis}"),
        "notes": [note for note in notes if note],
        # The handout's line: labels, then each note as one sentence.
        "text": as_sentences(
            f"{item.title(lang)} ({t(lang, f'status.{item.status}')}, "
            f"{t(lang, f'basis.{item.basis}')})",
            *notes,
        ),
        "sources": _sources(trip, item.source_ids, lang),
        "wording": _wording(trip, item, lang),
    }


def _unplaced(trip: Trip, leg: Leg) -> tuple[ProgramItem, ...]:
    """A leg's items without a stop, if it is the first leg of its country."""
    first = next(other for other in trip.legs if other.country == leg.country)
    return items_for_country(trip, leg.country) if first is leg else ()


def _leg(trip: Trip, leg: Leg, lang: str) -> dict[str, Any]:
    """A country's programme that no source places at a stop, with its dates."""
    country = country_name(leg.country, lang)
    dates = format_day_range(leg.date_start, leg.date_end, lang, with_year=False)
    return {
        "id": LEG_STEP + leg.leg_id,
        "country": country,
        "name": t(lang, "briefing.unplaced_title", country=country),
        "dates": t(lang, f"stop.window_{leg.status}", dates=dates, country=country),
        "discrepancy": t(lang, "items.discrepancy", what=leg.discrepancy(lang))
        if leg.discrepancy(lang)
        else None,
        "program": [_item(trip, item, None, lang) for item in _unplaced(trip, leg)],
    }


def _step(trip: Trip, step: Step, lang: str) -> dict[str, Any]:
    """A step's content, with the numbers of its sources in the hand-out's list
    (the slide shows those, not the citations, in audience mode)."""
    numbers = source_numbers(trip, step_sources(trip, step))
    if step.kind == "stop" and step.summary is not None:
        found = {"kind": "stop", **_stop(trip, step.summary, lang)}
    elif step.kind == "leg" and step.leg is not None:
        found = {"kind": "leg", **_leg(trip, step.leg, lang)}
    else:
        found = {"kind": step.kind, "id": step.key}
    return {**found, "source_numbers": numbers}


def step_sources(trip: Trip, step: Step) -> list[str]:
    """The sources of what a step shows."""
    if step.kind == "stop" and step.summary is not None:
        return [s for item in step.summary.items for s in item.source_ids]
    if step.kind == "leg" and step.leg is not None:
        items = _unplaced(trip, step.leg)
        return [step.leg.source_id] + [s for item in items for s in item.source_ids]
    if step.kind == "closing":
        countries = dict.fromkeys(figure.country for figure in trip.trade)
        figures = (headline(trip, country) for country in countries)
        return [s for figure in figures if figure for s in figure.source_ids]
    if step.kind == AIMS:
        about = [s.source_id for s in trip.about if s.topic in AIMS_TOPICS]
        return about + [theme.source_id for theme in trip.themes]
    about = [s.source_id for s in trip.about if s.topic in OPENING_TOPICS]
    return [leg.source_id for leg in trip.legs] + about


def _trade_figure(trip: Trip, country: str, lang: str) -> dict[str, Any] | None:
    figure = headline(trip, country)
    if figure is None:
        return None
    goods = goods_of(trip, country, figure.year)
    return {
        "country": country_name(country, lang),
        "label": figure_label(figure, lang),
        "value": format_money(figure.value_eur, lang, figure.decimals),
        "facts": " · ".join(trade_facts(figure, lang)),
        "goods": t(lang, "trade.goods", goods=", ".join(g.name(lang) for g in goods))
        if goods
        else None,
        "sources": _sources(trip, figure.source_ids, lang),
        "wording": _wording(trip, figure, lang),
    }


def _stop(trip: Trip, summary: StopSummary, lang: str) -> dict[str, Any]:
    stop = summary.stop
    return {
        "id": stop.stop_id,
        "name": stop_name(summary, lang),
        "added": stop.status == "added",
        "badge": t(lang, f"briefing.badge_{stop.status}"),
        "dates": stop_dates(summary, lang),
        "themes": [trip.theme_name(theme, lang) for theme in summary.themes],
        "program": [_item(trip, item, summary, lang) for item in summary.items],
        "no_items": t(lang, "items.none"),
    }


def _closing(trip: Trip, lang: str) -> dict[str, Any]:
    countries = dict.fromkeys(figure.country for figure in trip.trade)
    cards = [_trade_figure(trip, country, lang) for country in countries]
    return {
        "cards": [card for card in cards if card is not None],
        "none": t(lang, "trade.none"),
    }


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
