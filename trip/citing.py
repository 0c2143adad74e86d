"""Sources cited by number, as Wikipedia and Our World in Data cite them: one
numbering per trip (the order of ``sources.csv``), the same on every page, on the
Sources page, in the deck's footers and in the hand-out's list; and the sources
one page has cited, for the list at its end."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from trip.aggregate import Trip


def numbering(trip: Trip) -> dict[str, int]:
    """Each source's number: its place in the trip's source list, from 1."""
    return {source.source_id: n for n, source in enumerate(trip.sources, start=1)}


def source_numbers(trip: Trip, source_ids: Iterable[str]) -> list[int]:
    """Sources as their numbers, each once, ascending."""
    order = numbering(trip)
    return sorted({order[source_id] for source_id in source_ids})


def anchor(number: int) -> str:
    """The id of a source's entry in a page's list (``#quelle-4``)."""
    return f"quelle-{number}"


@dataclass
class PageCitations:
    """What one page run has cited so far: its marks lead to its own list."""

    trip: Trip
    cited: set[int] = field(default_factory=set)

    def cite(self, source_ids: Iterable[str]) -> list[int]:
        """The numbers of these sources, remembered for the page's list."""
        numbers = source_numbers(self.trip, source_ids)
        self.cited.update(numbers)
        return numbers

    def listed(self) -> list[tuple[int, str]]:
        """(number, source id) of every source cited on the page, by number."""
        ids = [source.source_id for source in self.trip.sources]
        return [(n, ids[n - 1]) for n in sorted(self.cited)]
