"""What each step of the briefing shows, as plain values for its template: the
opening, the stops and the countries' programmes, the closing's trade cards, and
every fact's sources and the sources' own words. The steps' order is
``trip.deck``'s; the HTML is ``trip.briefing``'s."""

from __future__ import annotations

from typing import Any

from trip.aggregate import Trip, trip_window
from trip.citing import source_numbers
from trip.deck import AIMS, AIMS_TOPICS, LEG_STEP, OPENING_TOPICS, Step
from trip.formatting import (
    country_name,
    format_day_medium,
    format_day_range,
    format_money,
)
from trip.i18n import t
from trip.itinerary_models import Leg, ProgramItem
from trip.labels import (
    as_sentences,
    delegation_size,
    figure_label,
    item_when,
    source_citation,
    source_date,
    stop_dates,
    stop_name,
    trade_facts,
)
from trip.quotes import citations
from trip.source_models import Source
from trip.stops import StopSummary, items_for_country
from trip.trade import goods_of, headline


def source_entry(source: Source, lang: str) -> dict[str, Any]:
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
            "source": source_entry(citation.source, lang),
        }
        for citation in citations(trip.source_by_id, trip.quotes, row)
        if citation.quote
    ]


def cited_sources(trip: Trip, source_ids: Any, lang: str) -> list[dict[str, Any]]:
    """Each source of a fact once, in the order the fact names them."""
    by_id = trip.source_by_id
    return [
        source_entry(by_id[source_id], lang) for source_id in dict.fromkeys(source_ids)
    ]


def opening_content(
    trip: Trip, summaries: tuple[StopSummary, ...], lang: str
) -> dict[str, Any]:
    """The opening step and the handout's first page: when, who, what for."""
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
        "announced_sources": cited_sources(
            trip, (leg.source_id for leg in announced), lang
        ),
        "reported": [
            {
                "text": t(
                    lang,
                    "briefing.reported" if announced else "briefing.reported_only",
                    dates=format_day_range(leg.date_start, leg.date_end, lang),
                    country=country_name(leg.country, lang),
                ),
                "sources": cited_sources(trip, [leg.source_id], lang),
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
                "sources": cited_sources(trip, [statement.source_id], lang),
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


def _item(
    trip: Trip, item: ProgramItem, summary: StopSummary | None, lang: str
) -> dict[str, Any]:
    """A programme item as a step and the handout show it."""
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
        "sources": cited_sources(trip, item.source_ids, lang),
        "wording": _wording(trip, item, lang),
    }


def unplaced_items(trip: Trip, leg: Leg) -> tuple[ProgramItem, ...]:
    """A leg's items without a stop, if it is the first leg of its country."""
    first = next(other for other in trip.legs if other.country == leg.country)
    return items_for_country(trip, leg.country) if first is leg else ()


def leg_content(trip: Trip, leg: Leg, lang: str) -> dict[str, Any]:
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
        "program": [
            _item(trip, item, None, lang) for item in unplaced_items(trip, leg)
        ],
    }


def step_content(trip: Trip, step: Step, lang: str) -> dict[str, Any]:
    """A step's content, with the numbers of its sources in the hand-out's list
    (the slide shows those, not the citations, in audience mode)."""
    numbers = source_numbers(trip, step_sources(trip, step))
    if step.kind == "stop" and step.summary is not None:
        found = {"kind": "stop", **_stop(trip, step.summary, lang)}
    elif step.kind == "leg" and step.leg is not None:
        found = {"kind": "leg", **leg_content(trip, step.leg, lang)}
    else:
        found = {"kind": step.kind, "id": step.key}
    return {**found, "source_numbers": numbers}


def step_sources(trip: Trip, step: Step) -> list[str]:
    """The sources of what a step shows."""
    if step.kind == "stop" and step.summary is not None:
        return [s for item in step.summary.items for s in item.source_ids]
    if step.kind == "leg" and step.leg is not None:
        items = unplaced_items(trip, step.leg)
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
        "sources": cited_sources(trip, figure.source_ids, lang),
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


def closing_content(trip: Trip, lang: str) -> dict[str, Any]:
    """The closing step: a trade card per country with a headline figure."""
    countries = dict.fromkeys(figure.country for figure in trip.trade)
    cards = [_trade_figure(trip, country, lang) for country in countries]
    return {
        "cards": [card for card in cards if card is not None],
        "none": t(lang, "trade.none"),
    }
