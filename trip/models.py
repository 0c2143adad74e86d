"""One pydantic model per data file: the schema of ``data/*.csv``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from trip.text import is_web_url

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


# The rules the models check beyond types and bounds; each has ``expected.<kind>``.
CUSTOM_RULES = (
    "url",
    "url_or_copy",
    "timezone",
    "date_order",
    "inference",
    "provisional_source",
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


WebUrl = Annotated[str, AfterValidator(_web_url)]
Country = Literal["JP", "KR", "TW"]
Status = Literal["announced", "reported"]
Basis = Literal["stated", "inferred"]
THEME_IDS = ("microelectronics", "mobility", "hydrogen")
GOODS_GROUPS = ("motor_vehicles", "electrical", "machinery", "chemical_semi_finished")


def known_zone(value: str) -> str:
    """An IANA time zone that tzdata knows."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise rule("timezone") from exc
    return value


class Record(BaseModel):
    """Common config: rows are immutable, unknown fields are an error, and numbers
    are finite (``nan`` and ``inf`` parse as floats, but no page can show them)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class TripInfo(Record):
    """``trip.csv``, one row: what names the trip in titles, lists and files, and
    the home whose clock the itinerary shows beside the stops' local time."""

    title_de: Text
    title_en: Text
    home_de: Text
    home_en: Text
    home_timezone: Text

    _known_zone = field_validator("home_timezone")(lambda cls, value: known_zone(value))

    def title(self, lang: str) -> str:
        return self.title_de if lang == "de" else self.title_en

    def home(self, lang: str) -> str:
        return self.home_de if lang == "de" else self.home_en


class Source(Record):
    source_id: Slug
    publisher: Text
    title: Text
    date: dt.date | None = None
    url: WebUrl | None = None
    local_copy: Text | None = None
    language: Literal["de", "en", "ja", "ko"]
    kind: Literal["announcement", "report", "reference"]
    evidence: Text

    @model_validator(mode="after")
    def _reachable(self) -> Source:
        if not self.url and not self.local_copy:
            raise rule("url_or_copy")
        return self


class Theme(Record):
    theme_id: Literal[THEME_IDS]  # type: ignore[valid-type]
    order: Annotated[int, Field(ge=1)]
    source_id: Slug


class Stop(Record):
    stop_id: Slug
    order: Annotated[int, Field(ge=1)]
    name_de: Text
    name_en: Text
    name_local: Text
    country: Country
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]
    coord_basis: Basis
    coord_source_id: Slug
    coord_anchor: Text
    timezone: Text
    status: Literal["announced", "added"]
    source_id: Slug

    _known_zone = field_validator("timezone")(lambda cls, value: known_zone(value))

    def name(self, lang: str) -> str:
        return self.name_de if lang == "de" else self.name_en


class Leg(Record):
    country: Country
    date_start: dt.date
    date_end: dt.date
    status: Status
    source_id: Slug

    @model_validator(mode="after")
    def _ordered(self) -> Leg:
        if self.date_end < self.date_start:
            raise rule("date_order")
        return self


def _split_list(value: object) -> object:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


class ProgramItem(Record):
    item_id: Slug
    date_start: dt.date
    date_end: dt.date
    time_local: dt.time | None = None
    stop_id: Slug | None = None
    country: Country
    themes: tuple[Literal[THEME_IDS], ...] = ()  # type: ignore[valid-type]
    status: Status
    basis: Basis
    title_de: Text
    title_en: Text
    inference_de: Text | None = None
    inference_en: Text | None = None
    discrepancy_de: Text | None = None
    discrepancy_en: Text | None = None
    source_ids: Annotated[tuple[Slug, ...], Field(min_length=1)]

    _split = field_validator("themes", "source_ids", mode="before")(
        lambda value: _split_list(value)
    )

    @model_validator(mode="after")
    def _consistent(self) -> ProgramItem:
        if self.date_end < self.date_start:
            raise rule("date_order")
        if self.basis == "inferred" and not (self.inference_de and self.inference_en):
            raise rule("inference")
        return self

    def title(self, lang: str) -> str:
        return self.title_de if lang == "de" else self.title_en

    def inference(self, lang: str) -> str | None:
        return self.inference_de if lang == "de" else self.inference_en

    def discrepancy(self, lang: str) -> str | None:
        return self.discrepancy_de if lang == "de" else self.discrepancy_en


class TradeFigure(Record):
    figure_id: Slug
    country: Literal["JP", "KR"]
    year: Annotated[int, Field(ge=1990, le=2030)]
    flow: Literal["export", "import"]
    # Up to a million million euros: larger values are typos, and overflow formats.
    value: Annotated[float, Field(gt=0, le=1_000_000)]
    scale: Literal["million"]
    decimals: Annotated[int, Field(ge=0, le=3)]
    # Above -100 %: the year before is value / (1 + growth), so -100 % divides by 0.
    growth_pct: Annotated[float, Field(gt=-100, le=10_000)] | None = None
    rank: Annotated[int, Field(ge=1)] | None = None
    record: bool
    provisional: bool
    source_id: Slug
    confirmed_by: Slug | None = None  # a second source for the value
    provisional_source_id: Slug | None = None  # the source that makes it provisional

    @model_validator(mode="after")
    def _provisional_has_basis(self) -> TradeFigure:
        if self.provisional and not self.provisional_source_id:
            raise rule("provisional_source")
        return self

    @property
    def source_ids(self) -> tuple[str, ...]:
        found = (self.source_id, self.confirmed_by, self.provisional_source_id)
        return tuple(source for source in found if source)

    @property
    def value_eur(self) -> float:
        return self.value * 1_000_000


class GoodsGroup(Record):
    country: Literal["JP", "KR"]
    year: Annotated[int, Field(ge=1990, le=2030)]
    order: Annotated[int, Field(ge=1)]
    group: Literal[GOODS_GROUPS]  # type: ignore[valid-type]
    source_id: Slug


class DelegationSize(Record):
    scope: Literal["trip", "japan", "ulsan"]
    size: Annotated[int, Field(ge=1)]
    approximate: bool
    source_id: Slug
