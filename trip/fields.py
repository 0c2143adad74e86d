"""The kinds of cell a trip's files hold, each a type with the rule it keeps
(written as ISO dates, plain numbers, IANA zones, no invisible characters), the
marks the schema reads off fields (``Key``, ``Ref``, ``Label``), and our rules'
errors, named so the catalog can say what was expected."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import Locale
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from trip.text import is_web_url

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


# The rules the models check beyond types and bounds; each has ``expected.<kind>``.
CUSTOM_RULES = (
    "url",
    "url_or_copy",
    "copy_record",
    "timezone",
    "date_order",
    "inference",
    "time_status",
    "provisional_source",
    "provisional_basis",
    "country",
    "language",
    "iso_date",
    "clock_time",
    "plain_number",
    "plain_integer",
    "invisible",
)


def rule(kind: str) -> PydanticCustomError:
    """A broken rule of ours; ``kind`` names the catalog text ``expected.<kind>``,
    so the message is in the reader's language, not pydantic's English."""
    if kind not in CUSTOM_RULES:
        raise ValueError(f"unknown rule {kind!r}")
    return PydanticCustomError(kind, kind)


def _web_url(value: str) -> str:
    if not is_web_url(value):
        raise rule("url")
    return value


@dataclass(frozen=True)
class Key:
    """Field metadata: the field is the row's id, unique in its file."""


@dataclass(frozen=True)
class Ref:
    """Field metadata: the value (each value, for a list) is the id of a row in
    the trip's ``table`` (its ``Key`` field). ``fact`` names what a source
    reference supports when it is not the row's own kind (a stop's coordinates)."""

    table: str
    fact: str | None = None


@dataclass(frozen=True)
class Label:
    """Field metadata: each choice of this closed field has UI words in the
    catalog under these keys ("status.{}" -> "status.announced"), so the catalog
    check derives them from here."""

    keys: tuple[str, ...]

    def __init__(self, *keys: str) -> None:
        object.__setattr__(self, "keys", keys)


_ENGLISH = Locale("en")


def _country(value: str) -> str:
    """An ISO 3166 alpha-2 code Babel can name in every language (JP, KR, TW)."""
    if not (len(value) == 2 and value.isalpha() and value in _ENGLISH.territories):
        raise rule("country")
    return value


def _language(value: str) -> str:
    """An ISO 639 code Babel can name (de, ja, ko)."""
    if value not in _ENGLISH.languages:
        raise rule("language")
    return value


WebUrl = Annotated[str, AfterValidator(_web_url)]
Country = Annotated[str, AfterValidator(_country)]
Language = Annotated[str, AfterValidator(_language)]
Status = Literal["announced", "reported"]
Basis = Literal["stated", "inferred"]
SourceId = Annotated[Slug, Ref("sources")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


def _written_as(pattern: str, kind: str) -> BeforeValidator:
    """A cell must be written exactly so before pydantic converts it: its lax
    parsing takes ``2023-09-10T00:00:00`` and ``1694304000`` as dates and
    ``3_5.68`` as 35.68."""
    shape = re.compile(pattern)

    def check(value: Any) -> Any:
        if isinstance(value, str) and not shape.fullmatch(value.strip()):
            raise rule(kind)
        return value

    return BeforeValidator(check)


Day = Annotated[dt.date, _written_as(r"\d{4}-\d{2}-\d{2}", "iso_date")]
ClockTime = Annotated[dt.time, _written_as(r"\d{2}:\d{2}", "clock_time")]
Number = Annotated[float, _written_as(r"-?\d+(\.\d+)?", "plain_number")]
Whole = Annotated[int, _written_as(r"-?\d+", "plain_integer")]
# A position in a list: far above any trip's, far below what a page could show.
Order = Annotated[Whole, Field(ge=1, le=9_999)]

# Characters that show as nothing: format characters (zero-width space, joiners,
# soft hyphen, byte-order mark) and the Hangul fillers and braille blank, which
# render empty. In a name they make a look-alike of another name.
_BLANKS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _no_invisible(value: str) -> str:
    if any(unicodedata.category(c) == "Cf" or c in _BLANKS for c in value):
        raise rule("invisible")
    return value


# What readers tell things apart by: titles and names.
Name = Annotated[Text, AfterValidator(_no_invisible)]

# What a figure's ``value`` is counted in; the app shows euros.
SCALES = {"one": 1, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


# The areas of IANA's Area/Location names. Not "Etc" (Etc/GMT+9 is nine hours
# *behind* UTC), not POSIX rules (EST5EDT), "localtime" or "Factory".
ZONE_AREAS = frozenset(
    {
        *("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic"),
        *("Australia", "Europe", "Indian", "Pacific"),
    }
)


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def known_zone(value: str) -> str:
    """An IANA Area/Location time zone that tzdata knows (Asia/Tokyo)."""
    area, _, location = value.partition("/")
    if not (area in ZONE_AREAS and location and value in _zone_names()):
        raise rule("timezone")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise rule("timezone") from exc
    return value


TimeZoneName = Annotated[Text, AfterValidator(known_zone)]
