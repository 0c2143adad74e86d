"""Plain-text labels built from ready data and the catalog, shared by the app's
components, the briefing deck and the calendar. Markdown places wrap them in
``trip.text.md``; HTML places are autoescaped."""

from __future__ import annotations

from trip.aggregate import Trip
from trip.formatting import (
    country_name,
    format_change,
    format_clock,
    format_day_medium,
    format_day_range,
    format_names,
    month_span,
)
from trip.i18n import t
from trip.itinerary_models import ProgramItem
from trip.source_models import Source
from trip.stops import StopSummary
from trip.timezones import local_to_home
from trip.trade import TradeChart, TradeRow
from trip.trade_models import TradeFigure
from trip.trip_models import DelegationSize, TripInfo


def stop_name(summary: StopSummary, lang: str) -> str:
    """'4 · Seoul (서울)', plain text: Markdown places wrap it in ``md``."""
    stop = summary.stop
    return t(
        lang,
        "stop.name",
        number=summary.number,
        name=stop.name(lang),
        local=stop.name_local,
    )


def stop_dates(summary: StopSummary, lang: str) -> str:
    """Announced window and reported days, never blurred into one."""
    parts = []
    if summary.leg is not None:
        window = format_day_range(
            summary.leg.date_start, summary.leg.date_end, lang, with_year=False
        )
        parts.append(
            t(
                lang,
                f"stop.window_{summary.leg.status}",
                dates=window,
                country=country_name(summary.stop.country, lang),
            )
        )
    if summary.days is not None:
        parts.append(
            t(
                lang,
                "stop.reported_days",
                dates=format_day_range(*summary.days, lang, with_year=False),
            )
        )
    return " · ".join(parts)


def stop_label(summary: StopSummary, lang: str) -> str:
    """Plain text for tooltips and screen readers: name and dates."""
    return f"{stop_name(summary, lang)}: {stop_dates(summary, lang)}"


def item_dates(item: ProgramItem, lang: str) -> str:
    return format_day_range(item.date_start, item.date_end, lang, with_year=False)


def source_citation(source: Source, lang: str) -> str:
    """'Sachsen Fernsehen, 17.09.2023': who published it, and when."""
    return f"{source.publisher}, {source_date(source, lang)}"


def source_date(source: Source, lang: str) -> str:
    """'08.09.2023' / '8 Sept 2023', or 'ohne Datum' / 'undated'."""
    if source.date is None:
        return t(lang, "source.undated")
    return format_day_medium(source.date, lang)


def item_when(
    item: ProgramItem, summary: StopSummary | None, home: TripInfo, lang: str
) -> str:
    """'20 Sept · 14:00 local time (07:00 in Dresden, converted)': the days, and the
    local time with the home's where a source gives a time at a stop."""
    time = item_time(item, summary, home, lang)
    return f"{item_dates(item, lang)} · {time}" if time else item_dates(item, lang)


def item_time(
    item: ProgramItem, summary: StopSummary | None, home: TripInfo, lang: str
) -> str | None:
    """'14:00 local time, time as announced (07:00 in Dresden, converted)', where a
    source gives a time at a stop; None otherwise."""
    if item.time_local is None or summary is None:
        return None
    at_home = local_to_home(
        item.date_start, item.time_local, summary.stop.timezone, home.home_timezone
    )
    return t(
        lang,
        "itinerary.local_time",
        time=format_clock(item.time_local, lang),
        time_status=t(lang, f"time.{item.time_status}"),
        home=home.home(lang),
        at_home=format_clock(at_home, lang),
    )


def trade_facts(figure: TradeFigure, lang: str) -> list[str]:
    """'+26 % gegenüber 2021', 'Rang 17 der Zielländer', 'Rekordwert', 'vorläufig'."""
    facts = []
    if figure.growth_pct is not None:
        change = format_change(figure.growth_pct, lang)
        facts.append(t(lang, "trade.growth", change=change, year=figure.year - 1))
    if figure.rank is not None:
        facts.append(t(lang, f"trade.rank_of.{figure.flow}", rank=figure.rank))
    if figure.year_inferred:
        facts.append(t(lang, "trade.year_inferred"))
    if figure.record:
        facts.append(t(lang, "trade.record"))
    if figure.provisional:
        inferred = figure.provisional_basis == "inferred"
        facts.append(
            t(lang, "trade.provisional_inferred" if inferred else "trade.provisional")
        )
    return facts


def provisional_note(
    figures: list[TradeFigure], sources: dict[str, Source], lang: str
) -> str | None:
    """Why the figures count as provisional, and which source says so (context,
    not the figures' source); None if none is."""
    provisional = [f for f in figures if f.provisional]
    if not provisional:
        return None
    years = format_names(sorted({f.year for f in provisional}), lang)
    context = "; ".join(
        source_citation(sources[source_id], lang)
        for source_id in dict.fromkeys(f.provisional_source_id for f in provisional)
        if source_id
    )
    reasons = dict.fromkeys(
        why for f in provisional if (why := f.provisional_inference(lang))
    )
    if reasons:
        return t(
            lang,
            "trade.provisional_inferred_note",
            years=years,
            why=" ".join(reasons),
            sources=context,
        )
    return t(lang, "trade.provisional_note", years=years, sources=context)


def series_name(figure: TradeFigure | TradeRow, lang: str) -> str:
    """'Ausfuhr', or 'Ausfuhr, Jan.–Sept.' for a part of a year: the name of
    the series a value belongs to, in legends, tables and the cards."""
    flow = t(lang, f"trade.flow.{figure.flow}")
    if not figure.through_month:
        return flow
    first, last = month_span(figure.through_month, lang)
    return t(lang, "trade.part", flow=flow, first=first, last=last)


def figure_year(figure: TradeFigure | TradeRow, lang: str) -> str:
    """'2016', or '2013 (Jahr erschlossen)' where the source names no year."""
    if figure.year_inferred:
        return t(lang, "trade.year_inferred_short", year=figure.year)
    return str(figure.year)


def figure_label(figure: TradeFigure | TradeRow, lang: str) -> str:
    """'Ausfuhr 2022', 'Ausfuhr, Jan.–Sept. 2016', 'Handelsvolumen 2013 (Jahr
    erschlossen)': what a figure is, wherever it is named."""
    return f"{series_name(figure, lang)} {figure_year(figure, lang)}"


def year_note(figures: list[TradeFigure], lang: str) -> str | None:
    """How the year of each figure was found whose source names none."""
    notes = [
        t(lang, "trade.year_note", figure=f"{series_name(f, lang)} {f.year}", why=why)
        for f in figures
        if f.year_inferred and (why := f.year_inference(lang))
    ]
    return " ".join(notes) or None


def trade_heading(trip: Trip, lang: str) -> str:
    """'Exporte aus Sachsen', or 'Aus- und Einfuhren: Sachsen' where a figure
    is not an export: a heading says what is under it."""
    only_exports = all(f.flow == "export" for f in trip.trade)
    key = "trade.title" if only_exports else "trade.title_both"
    return t(lang, key, region=trip.info.region(lang))


def delegation_size(size: DelegationSize, lang: str) -> str:
    """'rund 30 für die Reise' / '22 in Ulsan': the size as its source gives it."""
    number = (
        t(lang, "delegation.about", size=size.size) if size.approximate else size.size
    )
    return t(lang, "delegation.scoped", size=number, scope=size.scope_name(lang))


def chart_title(chart: TradeChart, lang: str) -> str:
    """'Ausfuhren nach Japan und Südkorea, 2021 und 2022 (Mio. €)' from the rows."""
    if chart.country is not None:
        first_year, last_year = chart.years[0], chart.years[-1]
        span = t(lang, "trade.chart.span", first=first_year, last=last_year)
        values = {
            "country": country_name(chart.country, lang),
            "years": span if last_year > first_year else str(first_year),
        }
        if chart.through_month:
            first, last = month_span(chart.through_month, lang, "wide")
            return t(
                lang, "trade.chart.history_part", **values, months=f"{first}–{last}"
            )
        return t(lang, "trade.chart.history", **values)
    return t(
        lang,
        "trade.chart.exports",
        countries=format_names((country_name(c, lang) for c in chart.countries), lang),
        years=format_names(chart.years, lang),
    )


_SENTENCE_END = (".", "!", "?", "…")


def as_sentences(*parts: str | None) -> str:
    """Parts joined as sentences: each ends with one full stop unless it ends in
    its own punctuation already ("…«." stays; "….." never happens)."""
    sentences = []
    for part in parts:
        text = (part or "").strip()
        if text:
            bare = text.rstrip("»«“”\"')")
            sentences.append(text if bare.endswith(_SENTENCE_END) else f"{text}.")
    return " ".join(sentences)
