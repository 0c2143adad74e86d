"""Short texts built from ready data and the catalog, shared by several components."""

from __future__ import annotations

from collections.abc import Iterable

from trip.formatting import format_day_medium, format_day_range
from trip.i18n import t, t_md
from trip.loading import Trip
from trip.models import ProgramItem, Source
from trip.stops import StopSummary
from trip.text import Markdown, md_join, md_link


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


def status_badges(item: ProgramItem, lang: str) -> Markdown:
    """Markdown badges: announced/reported and stated/inferred."""
    status = ":blue-badge[{}]" if item.status == "announced" else ":green-badge[{}]"
    basis = ":gray-badge[{}]" if item.basis == "stated" else ":orange-badge[{}]"
    return Markdown(
        " ".join(
            (
                status.format(t_md(lang, f"status.{item.status}")),
                basis.format(t_md(lang, f"basis.{item.basis}")),
            )
        )
    )


def source_date(source: Source, lang: str) -> str:
    """'08.09.2023' / '8 Sept 2023', or 'ohne Datum' / 'undated'."""
    if source.date is None:
        return t(lang, "source.undated")
    return format_day_medium(source.date, lang)


def source_short(source: Source, lang: str) -> Markdown:
    """'Sachsen Fernsehen, 17.09.2023', linked where the source has a URL."""
    return md_link(f"{source.publisher}, {source_date(source, lang)}", source.url)


def source_list(trip: Trip, source_ids: Iterable[str], lang: str) -> Markdown:
    """The sources, each once, in the order first named, separated by ';'."""
    by_id = trip.source_by_id
    unique = dict.fromkeys(source_ids)
    return md_join("; ", (source_short(by_id[source_id], lang) for source_id in unique))


def sources_line(trip: Trip, source_ids: Iterable[str], lang: str) -> Markdown:
    """'Quelle: …' / 'Source: …' under a figure or an item."""
    return t_md(lang, "source.line", sources=source_list(trip, source_ids, lang))
