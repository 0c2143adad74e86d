"""Rows for the timeline chart: announced windows and reported items per stop."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trip.aggregate import Trip
from trip.itinerary_models import ProgramItem
from trip.stops import StopSummary, item_matches, items_for_country


def timeline_rows(
    summaries: tuple[StopSummary, ...],
    stop_labels: dict[str, str],
    selected: str | None,
    theme: str | None,
) -> list[dict[str, Any]]:
    """One row per announced country window and per item at a stop.

    ``end`` is exclusive (the day after), so a one-day item has a visible width.
    """
    rows: list[dict[str, Any]] = []
    for summary in summaries:
        stop = summary.stop
        base = {
            "stop_id": stop.stop_id,
            "stop": stop_labels[stop.stop_id],
            "order": summary.number,
            "selected": stop.stop_id == selected,
        }
        if summary.leg is not None:
            rows.append(
                {
                    **base,
                    "kind": f"window_{summary.leg.status}",
                    "start": summary.leg.date_start.isoformat(),
                    "end": (summary.leg.date_end + dt.timedelta(days=1)).isoformat(),
                    "active": True,
                }
            )
        rows += [_item_row(base, item, theme) for item in summary.items]
    return rows


def _item_row(
    base: dict[str, Any], item: ProgramItem, theme: str | None
) -> dict[str, Any]:
    """An item's bar in a row: its days, end exclusive; muted off the theme."""
    return {
        **base,
        "kind": f"item_{item.status}",
        "start": item.date_start.isoformat(),
        "end": (item.date_end + dt.timedelta(days=1)).isoformat(),
        "active": item_matches(item, theme),
    }


def unplaced_rows(
    trip: Trip,
    summaries: tuple[StopSummary, ...],
    labels: dict[str, str],
    theme: str | None,
) -> list[dict[str, Any]]:
    """A row per country for the items no source places at a stop (mostly the
    announced programme), each item a bar over its announced period; the row
    stands above the country's first stop. ``labels``: country -> row label.
    Such a row names no stop, so a click on it picks nothing."""
    rows: list[dict[str, Any]] = []
    first_number = {}
    for summary in summaries:
        first_number.setdefault(summary.stop.country, summary.number)
    last = len(summaries) + 1
    for country in dict.fromkeys(leg.country for leg in trip.legs):
        base = {
            "stop_id": "",
            "stop": labels[country],
            "order": first_number.get(country, last) - 0.5,
            "selected": False,
        }
        rows += [
            _item_row(base, item, theme) for item in items_for_country(trip, country)
        ]
    return rows


def row_of(trip: Trip, summaries: tuple[StopSummary, ...], stop_id: str) -> int:
    """The 0-based row a stop takes in the timeline, which sorts rows by
    ``order``: a country's row without a stop stands above its stops."""
    orders = {summary.number for summary in summaries} | {
        row["order"] for row in unplaced_rows(trip, summaries, _no_labels(trip), None)
    }
    number = next(s.number for s in summaries if s.stop.stop_id == stop_id)
    return sorted(orders).index(number)


def _no_labels(trip: Trip) -> dict[str, str]:
    return {leg.country: leg.country for leg in trip.legs}


ROW_PX = 34  # a timeline row's height (trip/charts.py draws chart_height)
AXIS_PX = 46  # the date axis below the rows


def chart_height(trip: Trip, summaries: tuple[StopSummary, ...]) -> int:
    """The timeline's height in px, known before it is drawn: one row per stop
    and per country with items without a stop, and the axis."""
    rows = {s.stop.stop_id for s in summaries} | {
        row["stop"] for row in unplaced_rows(trip, summaries, _no_labels(trip), None)
    }
    return len(rows) * ROW_PX + AXIS_PX
