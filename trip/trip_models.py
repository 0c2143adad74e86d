"""The rows about the trip as a whole: its title and home (``trip.csv``), its
themes, how many travelled and what the sources say of it (``about.csv``)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from trip.fields import (
    Basis,
    Key,
    Label,
    Name,
    Order,
    Ref,
    Slug,
    SourceId,
    Status,
    Text,
    TimeZoneName,
    Whole,
    rule,
)
from trip.record import Record


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


class Theme(Record):
    theme_id: Annotated[Slug, Key()]
    order: Order
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
