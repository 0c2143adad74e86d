"""Plain-text labels built from ready data and the catalog, shared by the app's
components, the briefing deck and the calendar. Markdown places wrap them in
``trip.text.md``; HTML places are autoescaped."""

from __future__ import annotations

from trip.formatting import format_day_medium, format_day_range
from trip.i18n import t
from trip.models import ProgramItem, Source
from trip.stops import StopSummary


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
                country=t(lang, f"country.{summary.stop.country}"),
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


def source_date(source: Source, lang: str) -> str:
    """'08.09.2023' / '8 Sept 2023', or 'ohne Datum' / 'undated'."""
    if source.date is None:
        return t(lang, "source.undated")
    return format_day_medium(source.date, lang)
