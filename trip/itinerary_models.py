"""The rows of where and when: the stops, the legs (a country's dates) and the
programme items."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from trip.fields import (
    Basis,
    ClockTime,
    Country,
    Day,
    Key,
    Label,
    Name,
    Number,
    Order,
    Ref,
    Slug,
    SourceId,
    Status,
    Text,
    TimeZoneName,
    rule,
)
from trip.record import Record, split_list


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
        lambda value: split_list(value)
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
