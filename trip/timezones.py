"""Local times at the stops and at the trip's home (its ``trip.csv``), from IANA
data (zoneinfo + tzdata)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def at_stop_and_home(
    now: dt.datetime, timezone: str, home_timezone: str
) -> tuple[dt.datetime, dt.datetime]:
    """The same instant on the stop's clock and on the home's."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(ZoneInfo(timezone)), now.astimezone(ZoneInfo(home_timezone))


def local_to_home(
    day: dt.date, time: dt.time, timezone: str, home_timezone: str
) -> dt.datetime:
    """A local appointment time at a stop, as the home's clock showed it then."""
    local = dt.datetime.combine(day, time, tzinfo=ZoneInfo(timezone))
    return local.astimezone(ZoneInfo(home_timezone))


def utc_offset(timezone: str, moment: dt.datetime) -> str:
    """'UTC+9', 'UTC+5:30': the offset in force at ``moment``."""
    offset = moment.astimezone(ZoneInfo(timezone)).utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
