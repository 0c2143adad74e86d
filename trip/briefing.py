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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from trip.charts import trade_chart
from trip.fonts import CJK_FONT_URL, css_unicode_range
from trip.formatting import country_name, format_day_range, format_money
from trip.i18n import LANGS, catalog, t
from trip.labels import (
    chart_title,
    delegation_size,
    item_when,
    source_citation,
    stop_dates,
    stop_label,
    stop_name,
    trade_facts,
)
from trip.loading import Trip, trip_window
from trip.mapview import (
    ADDED_ROUTE,
    BASEMAP_FILE,
    BASEMAP_URL,
    LAND,
    MARKER_COLORS,
    ROUTE,
    SEA,
    VENDOR_URL,
    load_basemap,
)
from trip.models import ProgramItem, Source
from trip.stops import StopSummary, summarize
from trip.text import js_json
from trip.trade import goods_of, headline, trade_charts

OPENING = "opening"
CLOSING = "closing"
STATIC = Path(__file__).resolve().parent.parent / "static"
LEAFLET = STATIC / "vendor" / "leaflet-1.9.4"
_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters["js"] = lambda value: Markup(js_json(value))


def step_keys(summaries: tuple[StopSummary, ...]) -> tuple[str, ...]:
    """The steps in order: the opening, each stop (by id), the closing."""
    return (OPENING, *(summary.stop.stop_id for summary in summaries), CLOSING)


def start_step(stop: str | None, step: str | None) -> str:
    """The step a link asks for: ``?stop=`` a stop, ``?step=closing``, else the
    opening."""
    if stop:
        return stop
    return CLOSING if step == CLOSING else OPENING


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
            chart.chart_id: chart_svg(chart.rows, lang) for chart in trade_charts(trip)
        },
    )


def chart_svg(rows: Any, lang: str) -> str:
    """The trade page's Altair chart as SVG, rendered offline by vl-convert."""
    import vl_convert

    chart = trade_chart(rows, lang).properties(width=520)
    svg = vl_convert.vegalite_to_svg(chart.to_dict())
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
    keys = step_keys(summaries)
    return _TEMPLATES.get_template("briefing.html.j2").render(
        lang=lang,
        langs=LANGS,
        # Raw messages: "step" keeps its {number} and {count} for the script.
        ui={key.removeprefix("briefing."): catalog(lang)[key] for key in _UI_KEYS},
        title=trip.info.title(lang),
        trade_title=t(lang, "trade.title", region=trip.info.region(lang)),
        opening=_opening(trip, summaries, lang),
        stops=[_stop(trip, summary, lang) for summary in summaries],
        closing=_closing(trip, lang),
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
            for chart in trade_charts(trip)
            if chart.chart_id in assets.charts
        ],
        generated=dt.date.today().isoformat(),
    )


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
    "briefing.generated",
    "briefing.no_script",
    "themes.title",
    "themes.none",
    "delegation.none",
    "trade.none",
    "sources.title",
    "itinerary.announced_title",
    "trade.unit_note",
    "trade.derived_note",
)


def _source(source: Source, lang: str) -> dict[str, Any]:
    return {
        "text": source_citation(source, lang),
        "title": source.title,
        "url": source.url,
        "local_copy": source.local_copy,
    }


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
        "themes": [theme.name(lang) for theme in trip.themes],
        "stops": [stop_name(summary, lang) for summary in summaries],
    }


def _item(trip: Trip, item: ProgramItem, summary: StopSummary | None, lang: str):
    return {
        "when": item_when(item, summary, trip.info, lang),
        "title": item.title(lang),
        "status": item.status,
        "status_label": t(lang, f"status.{item.status}"),
        "basis": item.basis,
        "basis_label": t(lang, f"basis.{item.basis}"),
        "inference": t(lang, "items.inferred_because", why=item.inference(lang))
        if item.inference(lang)
        else None,
        "discrepancy": t(lang, "items.discrepancy", what=item.discrepancy(lang))
        if item.discrepancy(lang)
        else None,
        "sources": _sources(trip, item.source_ids, lang),
    }


def _trade_figure(trip: Trip, country: str, lang: str) -> dict[str, Any] | None:
    figure = headline(trip, country)
    if figure is None:
        return None
    goods = goods_of(trip, country, figure.year)
    return {
        "country": country_name(country, lang),
        "label": f"{t(lang, f'trade.flow.{figure.flow}')} {figure.year}",
        "value": format_money(figure.value_eur, lang, figure.decimals),
        "facts": " · ".join(trade_facts(figure, lang)),
        "goods": t(lang, "trade.goods", goods=", ".join(g.name(lang) for g in goods))
        if goods
        else None,
        "sources": _sources(trip, figure.source_ids, lang),
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
        "trade": _trade_figure(trip, stop.country, lang),
        "no_trade": t(
            lang, "trade.no_figures", country=country_name(stop.country, lang)
        ),
    }


def _closing(trip: Trip, lang: str) -> dict[str, Any]:
    countries = dict.fromkeys(figure.country for figure in trip.trade)
    cards = [_trade_figure(trip, country, lang) for country in countries]
    return {"cards": [card for card in cards if card is not None]}


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
    }
