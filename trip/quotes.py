"""Every fact in its source's words: the rules for ``quotes.csv`` and the lookups
the views use.

A quote names a fact file, the rows it supports and one source those rows cite.
Every fact row has at least one quote; every source that gives a trade figure's
value has one that holds the figure; where a source's text is kept in the trip's
folder, the quote is found in it, word for word (only runs of white space may
differ), and the copy is the one whose SHA-256 was recorded.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal
from pydantic import BaseModel

from trip.errors import DataFileError
from trip.fields import SCALES
from trip.i18n import LANGS
from trip.schema import TABLES, Rows, cited_sources, key_field, row_id, table_of
from trip.source_models import FACT_TABLES, Quote, Source
from trip.trade_models import TradeFigure

_WHITESPACE = re.compile(r"\s+")
# Digits with the separators and spaces sources (and OCR) put between them:
# 851 · 1,16 · 809.1 · 52 745,0 · 1.160 · "4 7 ,8"
_NUMBER_RUN = re.compile(r"[\d.,\s]*\d")


def normalized(text: str) -> str:
    """Text with each run of white space as one space: a copy's line breaks and a
    quote's spaces are the same words."""
    return _WHITESPACE.sub(" ", text).strip()


def quote_problems(rows: dict[str, Rows]) -> list[DataFileError]:
    """Every broken quote rule that needs only the files' rows."""
    facts = _fact_rows(rows)
    sources = {s.source_id: s for _, s in rows["sources"]}  # type: ignore[attr-defined]
    problems = []
    seen: dict[tuple[str, str, str], int] = {}
    quoted: dict[tuple[str, str], set[str]] = {}
    for line, quote in rows["quotes"]:
        assert isinstance(quote, Quote)
        for fact_id in quote.row_ids:
            fact = facts[quote.table].get(fact_id)
            if fact is None:
                problems.append(
                    DataFileError(
                        "error.unknown_reference",
                        "quotes.csv",
                        row=line,
                        field="row_ids",
                        value=fact_id,
                        expected=", ".join(sorted(facts[quote.table])) or "–",
                    )
                )
                continue
            cited = cited_sources(fact[1])
            if quote.source_id not in cited:
                problems.append(
                    DataFileError(
                        "error.quote_not_cited",
                        "quotes.csv",
                        row=line,
                        field="source_id",
                        value=quote.source_id,
                        expected=", ".join(cited),
                    )
                )
            triple = (quote.table, fact_id, quote.source_id)
            if triple in seen:
                problems.append(
                    DataFileError(
                        "error.duplicate_id",
                        "quotes.csv",
                        row=line,
                        field="row_ids",
                        value="/".join(triple),
                    )
                )
            seen[triple] = line
            quoted.setdefault((quote.table, fact_id), set()).add(quote.source_id)
        problems += _gloss_problems(line, quote, sources.get(quote.source_id))
    problems += _coverage_problems(facts, quoted)
    problems += _figure_problems(rows, sources)
    return problems


def copy_problems(
    rows: dict[str, Rows], copies: dict[str, bytes]
) -> list[DataFileError]:
    """Each kept copy is the one recorded (SHA-256), and each quote from a source
    with a copy is in it."""
    problems = []
    texts = {}
    for line, source in rows.get("sources", ()):
        assert isinstance(source, Source)
        content = copies.get(source.source_id)
        if content is None:
            continue
        digest = hashlib.sha256(content).hexdigest()
        if source.sha256 and digest != source.sha256:
            problems.append(
                DataFileError(
                    "error.copy_changed",
                    "sources.csv",
                    row=line,
                    field="sha256",
                    value=source.sha256,
                    expected=digest,
                )
            )
        texts[source.source_id] = normalized(content.decode("utf-8", "replace"))
    for line, quote in rows.get("quotes", ()):
        assert isinstance(quote, Quote)
        text = texts.get(quote.source_id)
        if text is not None and normalized(quote.quote) not in text:
            problems.append(
                DataFileError(
                    "error.quote_not_in_copy",
                    "quotes.csv",
                    row=line,
                    field="quote",
                    value=quote.quote,
                )
            )
    return problems


def _fact_rows(rows: dict[str, Rows]) -> dict[str, dict[str, tuple[int, object]]]:
    """table -> row id -> (line, row), for every fact file."""
    found = {}
    for name in FACT_TABLES:
        key = key_field(TABLES[name].model)
        found[name] = {getattr(row, key): (line, row) for line, row in rows[name]}
    return found


def _gloss_problems(
    line: int, quote: Quote, source: Source | None
) -> list[DataFileError]:
    """A gloss in each UI language the source is not written in."""
    if source is None:
        return []
    return [
        DataFileError(
            "error.invalid_value",
            "quotes.csv",
            row=line,
            field=f"gloss_{lang}",
            details={"expected_key": "expected.gloss", "choices": [source.language]},
        )
        for lang in LANGS
        if source.language != lang and not quote.gloss(lang)
    ]


def _coverage_problems(
    facts: dict[str, dict[str, tuple[int, object]]],
    quoted: dict[tuple[str, str], set[str]],
) -> list[DataFileError]:
    """A fact row that no quote supports."""
    problems = []
    for table, found in facts.items():
        key = key_field(TABLES[table].model)
        for fact_id, (line, _) in found.items():
            if (table, fact_id) not in quoted:
                problems.append(
                    DataFileError(
                        "error.no_quote",
                        TABLES[table].file,
                        row=line,
                        field=key,
                        value=fact_id,
                    )
                )
    return problems


def _figure_problems(
    rows: dict[str, Rows], sources: dict[str, Source]
) -> list[DataFileError]:
    """Each source that gives a figure's value has a quote that holds it."""
    quotes = [quote for _, quote in rows["quotes"]]
    problems = []
    for line, figure in rows["trade"]:
        assert isinstance(figure, TradeFigure)
        for source_id in figure.source_ids:
            words = [
                q
                for q in quotes
                if isinstance(q, Quote)
                and q.table == "trade"
                and figure.figure_id in q.row_ids
                and q.source_id == source_id
            ]
            source = sources.get(source_id)
            language = source.language if source else "en"
            if words and not any(
                holds_figure(q.quote, figure, language) for q in words
            ):
                problems.append(
                    DataFileError(
                        "error.figure_not_quoted",
                        "trade.csv",
                        row=line,
                        field="source_id"
                        if source_id == figure.source_id
                        else "confirmed_by",
                        value=source_id,
                        expected=str(figure.value),
                    )
                )
            elif not words and source_id != figure.source_id:
                problems.append(
                    DataFileError(
                        "error.no_quote",
                        "trade.csv",
                        row=line,
                        field="confirmed_by",
                        value=source_id,
                    )
                )
    return problems


def holds_figure(words: str, figure: TradeFigure, language: str) -> bool:
    """Whether the words give the figure's value in some unit of euros ("851
    Millionen", "1,16 Milliarden"), read with the source language's separators."""
    return any(
        abs(number * scale - Decimal(str(figure.value_eur)))
        <= Decimal("1e-6") * Decimal(str(figure.value_eur))
        for number in numbers_in(words, language)
        for scale in SCALES.values()
    )


def numbers_in(words: str, language: str) -> Iterable[Decimal]:
    """Every number the words may give: each stretch of a run of digits, spaces and
    separators read without its spaces, so "im Jahr 2016 809, 1 Mio." yields 2016
    and 809.1 (a space may be a group separator, an OCR gap or a word break)."""
    for run in _NUMBER_RUN.findall(words):
        parts = run.split()
        for start in range(len(parts)):
            for end in range(start + 1, len(parts) + 1):
                token = "".join(parts[start:end]).strip(".,")
                if not token:
                    continue
                try:
                    yield parse_decimal(token, locale=language, strict=False)
                except (NumberFormatError, InvalidOperation, ValueError):
                    continue


@dataclass(frozen=True)
class Citation:
    """A source a fact rests on, with its words for that fact where recorded."""

    source: Source
    quote: Quote | None


def citations(
    sources: Mapping[str, Source], quotes: Iterable[Quote], row: BaseModel
) -> tuple[Citation, ...]:
    """Each source a fact row cites, in the row's order, with its quote."""
    table, key = table_of(row).name, row_id(row)
    words = {q.source_id: q for q in quotes if q.table == table and key in q.row_ids}
    return tuple(
        Citation(sources[source_id], words.get(source_id))
        for source_id in cited_sources(row)
    )
