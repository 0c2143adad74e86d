"""The rows of provenance: the sources (``sources.csv``) and their own words for
a fact (``quotes.csv``), with the fact tables a quote may name."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from trip.fields import (
    Day,
    Key,
    Label,
    Language,
    Name,
    Sha256,
    Slug,
    SourceId,
    Text,
    WebUrl,
    rule,
)
from trip.record import Record, split_list


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

    _split = field_validator("row_ids", mode="before")(lambda value: split_list(value))

    def gloss(self, lang: str) -> str | None:
        return self._in(lang, "gloss")

    def note(self, lang: str) -> str | None:
        return self._in(lang, "note")
