"""One pydantic model per data file: the schema of a trip folder's CSV files.

Nothing here names a trip: countries and languages are checked against Babel's
lists, ids against the trip's own files (``Ref``), and the names people read
(themes, goods groups, delegation scopes) come with the data in both languages.
The cell types and their rules are in ``trip.fields``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from trip.fields import (
    SCALES,
    Basis,
    ClockTime,
    Country,
    Day,
    Key,
    Label,
    Language,
    Name,
    Number,
    Order,
    Ref,
    Sha256,
    Slug,
    SourceId,
    Status,
    Text,
    TimeZoneName,
    WebUrl,
    Whole,
    rule,
)


class Record(BaseModel):
    """Common config: rows are immutable, unknown fields are an error, and numbers
    are finite (``nan`` and ``inf`` parse as floats, but no page can show them)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    def _in(self, lang: str, field: str) -> Any:
        """A text the data gives in both languages (``<field>_de``, ``<field>_en``):
        German for German readers, English for everyone else."""
        return getattr(self, f"{field}_de" if lang == "de" else f"{field}_en")


class TripInfo(Record):
    """``trip.csv``, one row: what names the trip in titles, lists and files, and
    the home whose clock the itinerary shows beside the stops' local time."""

    title_de: Name
    title_en: Name
    home_de: Name
    home_en: Name
    home_timezone: TimeZoneName
    # Whose trade the figures are ("Sachsen" / "Saxony"): "Exporte aus …".
    region_de: Name
    region_en: Name
    # The announcement the trip's dates and plan come from, if there was one:
    # citations name it first.
    announcement_source_id: Annotated[Slug, Ref("sources", fact="trip")] | None = None

    def title(self, lang: str) -> str:
        return self._in(lang, "title")

    def home(self, lang: str) -> str:
        return self._in(lang, "home")

    def region(self, lang: str) -> str:
        return self._in(lang, "region")


class Source(Record):
    source_id: Annotated[Slug, Key()]
    publisher: Name
    # How a short line names the publisher ("SMWA"); the full name otherwise.
    publisher_short: Name | None = None
    title: Name
    date: Day | None = None
    url: WebUrl | None = None
    # A text copy kept in the trip's folder, with the day it was taken and its
    # SHA-256, so ``trip check`` can tell when the copy changed and verify quotes.
    local_copy: Text | None = None
    retrieved: Day | None = None
    sha256: Sha256 | None = None
    language: Language
    kind: Annotated[
        Literal["announcement", "report", "reference"], Label("source.kind.{}")
    ]
    evidence: Text

    @model_validator(mode="after")
    def _reachable(self) -> Source:
        if not self.url and not self.local_copy:
            raise rule("url_or_copy")
        if self.local_copy and not (self.retrieved and self.sha256):
            raise rule("copy_record")
        return self

    @property
    def short_publisher(self) -> str:
        return self.publisher_short or self.publisher


class Theme(Record):
    theme_id: Annotated[Slug, Key()]
    order: Order
    name_de: Name
    name_en: Name
    source_id: SourceId

    def name(self, lang: str) -> str:
        return self._in(lang, "name")


class Stop(Record):
    stop_id: Annotated[Slug, Key()]
    order: Order
    name_de: Name
    name_en: Name
    name_local: Name
    country: Country
    lat: Annotated[Number, Field(ge=-90, le=90)]
    lon: Annotated[Number, Field(ge=-180, le=180)]
    coord_basis: Annotated[Basis, Label("coordinates.{}")]
    coord_source_id: Annotated[Slug, Ref("sources", fact="coordinates")]
    coord_anchor: Text
    timezone: TimeZoneName
    status: Annotated[
        Literal["announced", "added"], Label("briefing.badge_{}", "stop.{}_badge")
    ]
    source_id: SourceId

    def name(self, lang: str) -> str:
        return self._in(lang, "name")


class Leg(Record):
    leg_id: Annotated[Slug, Key()]
    country: Country
    date_start: Day
    date_end: Day
    status: Annotated[Status, Label("stop.window_{}", "timeline.kind.window_{}")]
    source_id: SourceId
    # Where sources give other dates for the leg (a departure day, a start day).
    discrepancy_de: Text | None = None
    discrepancy_en: Text | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Leg:
        if self.date_end < self.date_start:
            raise rule("date_order")
        return self

    def discrepancy(self, lang: str) -> str | None:
        return self._in(lang, "discrepancy")


def _split_list(value: object) -> object:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


class ProgramItem(Record):
    """A programme item. Items of one day are shown in file order (a source may
    give an order without times), so the file lists them as they happened."""

    item_id: Annotated[Slug, Key()]
    date_start: Day
    date_end: Day
    time_local: ClockTime | None = None
    # A time from a preview is announced even when the item itself is reported.
    time_status: Annotated[Status, Label("time.{}")] | None = None
    stop_id: Annotated[Slug, Ref("stops")] | None = None
    country: Country
    themes: Annotated[tuple[Slug, ...], Ref("themes")] = ()
    status: Annotated[Status, Label("status.{}", "timeline.kind.item_{}")]
    basis: Annotated[Basis, Label("basis.{}")]
    title_de: Name
    title_en: Name
    # What the source adds to the title: a purpose, a background, a follow-up.
    detail_de: Text | None = None
    detail_en: Text | None = None
    inference_de: Text | None = None
    inference_en: Text | None = None
    discrepancy_de: Text | None = None
    discrepancy_en: Text | None = None
    source_ids: Annotated[tuple[Slug, ...], Field(min_length=1), Ref("sources")]

    _split = field_validator("themes", "source_ids", mode="before")(
        lambda value: _split_list(value)
    )

    @model_validator(mode="after")
    def _consistent(self) -> ProgramItem:
        if self.date_end < self.date_start:
            raise rule("date_order")
        if self.basis == "inferred" and not (self.inference_de and self.inference_en):
            raise rule("inference")
        if (self.time_local is None) != (self.time_status is None):
            raise rule("time_status")
        return self

    def title(self, lang: str) -> str:
        return self._in(lang, "title")

    def detail(self, lang: str) -> str | None:
        return self._in(lang, "detail")

    def inference(self, lang: str) -> str | None:
        return self._in(lang, "inference")

    def discrepancy(self, lang: str) -> str | None:
        return self._in(lang, "discrepancy")


class TradeFigure(Record):
    figure_id: Annotated[Slug, Key()]
    country: Country
    year: Annotated[Whole, Field(ge=1990, le=2030)]
    # "volume": exports and imports together, as a source may give only that.
    flow: Annotated[
        Literal["export", "import", "volume"],
        Label("trade.flow.{}", "trade.finding.{}", "trade.rank_of.{}"),
    ]
    # Up to a million million euros: larger values are typos, and overflow formats.
    value: Annotated[Number, Field(gt=0, le=1_000_000)]
    scale: Literal[tuple(SCALES)]  # type: ignore[valid-type]
    decimals: Annotated[Whole, Field(ge=0, le=3)]
    # Above -100 %: the year before is value / (1 + growth), so -100 % divides by 0.
    growth_pct: Annotated[Number, Field(gt=-100, le=10_000)] | None = None
    rank: Annotated[Whole, Field(ge=1, le=999)] | None = None
    # Empty where the source does not say (a record, a provisional value).
    record: bool | None = None
    provisional: bool | None = None
    source_id: SourceId
    confirmed_by: SourceId | None = None  # a second source for the value
    # The source that makes it provisional: context, not a source of the value.
    provisional_source_id: (
        Annotated[Slug, Ref("sources", fact="provisional")] | None
    ) = None
    provisional_basis: Basis | None = None
    provisional_inference_de: Text | None = None
    provisional_inference_en: Text | None = None
    # January to this month only ("the first three quarters": 9); empty for
    # the whole year. A part of a year is compared only with the same part.
    through_month: Annotated[Whole, Field(ge=1, le=11)] | None = None
    # Empty or "stated": the source names the year. "inferred": it does not
    # ("currently"), and year_inference_de/_en say how the year was found.
    year_basis: Basis | None = None
    year_inference_de: Text | None = None
    year_inference_en: Text | None = None

    @model_validator(mode="after")
    def _provisional_has_basis(self) -> TradeFigure:
        if self.year_basis == "inferred" and not (
            self.year_inference_de and self.year_inference_en
        ):
            raise rule("inference")
        if self.provisional and not self.provisional_source_id:
            raise rule("provisional_source")
        if self.provisional and self.provisional_basis is None:
            raise rule("provisional_basis")
        if self.provisional_basis == "inferred" and not (
            self.provisional_inference_de and self.provisional_inference_en
        ):
            raise rule("inference")
        return self

    def provisional_inference(self, lang: str) -> str | None:
        return self._in(lang, "provisional_inference")

    def year_inference(self, lang: str) -> str | None:
        return self._in(lang, "year_inference")

    @property
    def year_inferred(self) -> bool:
        return self.year_basis == "inferred"

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources that give the value itself, each of which must hold the
        figure; ``provisional_source_id`` is context and not among them."""
        return tuple(s for s in (self.source_id, self.confirmed_by) if s)

    @property
    def value_eur(self) -> float:
        return self.value * SCALES[self.scale]


class GoodsGroup(Record):
    goods_id: Annotated[Slug, Key()]
    country: Country
    year: Annotated[Whole, Field(ge=1990, le=2030)]
    order: Order
    group: Slug
    name_de: Name
    name_en: Name
    source_id: SourceId

    def name(self, lang: str) -> str:
        return self._in(lang, "name")


class DelegationSize(Record):
    """How many travelled, for the part of the trip a source counts: ``scope_de``
    and ``scope_en`` complete "rund 30 …" ("für die Reise", "in Ulsan")."""

    scope: Annotated[Slug, Key()]
    scope_de: Name
    scope_en: Name
    size: Annotated[Whole, Field(ge=1, le=100_000)]
    approximate: bool
    source_id: SourceId

    def scope_name(self, lang: str) -> str:
        return self._in(lang, "scope")


class Statement(Record):
    """``about.csv``: what a source says about the trip as a whole (who travels,
    who organises it, its aims, the political agenda, the background), beside the
    programme. ``topic`` is a closed choice, so its heading is a UI word."""

    statement_id: Annotated[Slug, Key()]
    order: Order
    topic: Annotated[
        Literal["traveller", "delegation", "organiser", "aims", "agenda", "context"],
        Label("about.topic.{}"),
    ]
    text_de: Text
    text_en: Text
    status: Annotated[Status, Label("status.{}")]
    basis: Annotated[Basis, Label("basis.{}")]
    inference_de: Text | None = None
    inference_en: Text | None = None
    source_id: SourceId

    @model_validator(mode="after")
    def _explained(self) -> Statement:
        if self.basis == "inferred" and not (self.inference_de and self.inference_en):
            raise rule("inference")
        return self

    def text(self, lang: str) -> str:
        return self._in(lang, "text")

    def inference(self, lang: str) -> str | None:
        return self._in(lang, "inference")


# The files whose rows are facts: a quote names one of them and a row's id there.
FACT_TABLES = (
    "about",
    "themes",
    "stops",
    "legs",
    "program",
    "trade",
    "goods",
    "delegation",
)


class Quote(Record):
    """``quotes.csv``: a source's own words for one fact, in the source's language,
    with a German and an English gloss where the source is in another language.
    ``trip check`` finds the words in the source's local copy where one is kept."""

    table: Literal[FACT_TABLES]  # type: ignore[valid-type]
    # The rows of ``table`` these words support (ids, ``;``-separated): one
    # sentence often names several facts (three themes, three stops).
    row_ids: Annotated[tuple[Slug, ...], Field(min_length=1)]
    source_id: SourceId
    quote: Text
    gloss_de: Text | None = None
    gloss_en: Text | None = None
    # A remark on the words themselves (a misprint, a unit the source gets wrong).
    note_de: Text | None = None
    note_en: Text | None = None

    _split = field_validator("row_ids", mode="before")(lambda value: _split_list(value))

    def gloss(self, lang: str) -> str | None:
        return self._in(lang, "gloss")

    def note(self, lang: str) -> str | None:
        return self._in(lang, "note")
