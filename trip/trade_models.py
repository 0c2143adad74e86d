"""The rows of trade: the figures (a value per country, year and flow) and the
goods groups the sources name."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from trip.fields import (
    SCALES,
    Basis,
    Country,
    Key,
    Label,
    Name,
    Number,
    Order,
    Ref,
    Slug,
    SourceId,
    Text,
    Whole,
    rule,
)
from trip.record import Record


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
