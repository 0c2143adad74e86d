"""Rows for the timeline chart: announced windows and reported items per stop."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trip.stops import StopSummary, item_matches


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
        for item in summary.items:
            rows.append(
                {
                    **base,
                    "kind": f"item_{item.status}",
                    "start": item.date_start.isoformat(),
                    "end": (item.date_end + dt.timedelta(days=1)).isoformat(),
                    "active": item_matches(item, theme),
                }
            )
    return rows
