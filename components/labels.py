"""Markdown built from ready data and the catalog, shared by several components;
the plain-text labels are in ``trip/labels.py``."""

from __future__ import annotations

from collections.abc import Iterable

from trip.aggregate import Trip
from trip.citing import PageCitations, anchor
from trip.i18n import t_md
from trip.itinerary_models import ProgramItem
from trip.labels import source_citation
from trip.source_models import Source
from trip.text import Markdown, md_join, md_link
from trip.trip_models import Statement


def status_badges(item: ProgramItem | Statement, lang: str) -> Markdown:
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


def source_short(source: Source, lang: str) -> Markdown:
    """'Sachsen Fernsehen, 17.09.2023', linked where the source has a URL."""
    return md_link(source_citation(source, lang), source.url)


def source_list(trip: Trip, source_ids: Iterable[str], lang: str) -> Markdown:
    """The sources, each once, in the order first named, separated by ';'."""
    by_id = trip.source_by_id
    unique = dict.fromkeys(source_ids)
    return md_join("; ", (source_short(by_id[source_id], lang) for source_id in unique))


def source_marks(cited: PageCitations, source_ids: Iterable[str]) -> Markdown:
    """'[1] [4]': the sources as numbered marks that lead to the page's source
    list (``render_page_sources``), the claim's words left uncluttered."""
    return Markdown(
        " ".join(f"[\\[{n}\\]](#{anchor(n)})" for n in cited.cite(source_ids))
    )


def sources_line(
    cited: PageCitations, source_ids: Iterable[str], lang: str
) -> Markdown:
    """'Quellen: [1] [4]' under a figure or a list."""
    return t_md(lang, "source.line", sources=source_marks(cited, source_ids))
