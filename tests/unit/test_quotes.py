"""Every fact in its source's words (issue 17): the rules of quotes.csv and of the
local copies, each broken once in a trip made in code (tests.factory's
EVERY_KIND, whose announcement is kept as a local copy), with the file, row and
field the check names."""

from __future__ import annotations

import csv
import hashlib
from decimal import Decimal

import pytest

from tests.conftest import replace_in
from tests.factory import COPY, COPY_RETRIEVED, REPORT, SOURCE
from trip.__main__ import main
from trip.loading import check_trip
from trip.quotes import citations, numbers_in
from trip.schema import row_id
from trip.source_models import FACT_TABLES


def problems(folder) -> set[tuple[str, str, int | None, str | None]]:
    return {(e.key, e.file, e.row, e.field) for e in check_trip(folder)}


def line_of(folder, file: str, text: str) -> int:
    lines = (folder / file).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_one_word_changed_in_a_quote_fails_the_check(every_kind_copy, capsys):
    folder = every_kind_copy
    row = line_of(folder, "quotes.csv", "Der Wert betrug 500 Millionen Euro.")
    replace_in(folder / "quotes.csv", "Der Wert betrug 500", "Der Wert erreichte 500")
    assert problems(folder) == {("error.quote_not_in_copy", "quotes.csv", row, "quote")}
    assert main(["check", str(folder), "--lang", "en"]) == 1
    assert f"File: quotes.csv · line: {row} · field: quote" in capsys.readouterr().out


def test_line_breaks_and_spaces_may_differ_words_may_not(every_kind_copy):
    """The copy breaks this quote across lines; the quote gets more spaces."""
    assert "Der Wert betrug 420\nMillionen Euro." in (every_kind_copy / COPY).read_text(
        "utf-8"
    )
    replace_in(
        every_kind_copy / "quotes.csv",
        "Der Wert betrug 420 Millionen Euro.",
        "Der  Wert   betrug 420 Millionen Euro.",
    )
    assert problems(every_kind_copy) == set()


def test_a_changed_copy_fails_on_its_checksum(every_kind_copy):
    folder = every_kind_copy
    copy = folder / COPY
    recorded = hashlib.sha256(copy.read_bytes()).hexdigest()
    copy.write_text(copy.read_text("utf-8") + "\nNachtrag.\n", "utf-8")
    row = line_of(folder, "sources.csv", f"{SOURCE},")
    assert problems(folder) == {("error.copy_changed", "sources.csv", row, "sha256")}
    # Once the copy is checked and its new checksum recorded, it passes again.
    digest = hashlib.sha256(copy.read_bytes()).hexdigest()
    replace_in(folder / "sources.csv", recorded, digest)
    assert problems(folder) == set()


def test_a_copy_needs_its_day_and_checksum(every_kind_copy):
    replace_in(every_kind_copy / "sources.csv", f",{COPY_RETRIEVED.isoformat()},", ",,")
    (problem,) = check_trip(every_kind_copy)
    assert (problem.file, problem.details.get("expected_key")) == (
        "sources.csv",
        "expected.copy_record",
    )


def test_a_fact_row_without_words_is_named(every_kind_copy):
    folder = every_kind_copy
    replace_in(folder / "quotes.csv", "program,beta-visits,", "program,visit-beta,")
    row = line_of(folder, "program.csv", "beta-visits,")
    assert ("error.no_quote", "program.csv", row, "item_id") in problems(folder)


def test_a_quote_from_a_source_the_row_does_not_cite(every_kind_copy):
    replace_in(
        every_kind_copy / "quotes.csv",
        f"program,beta-visits,{SOURCE}",
        f"program,beta-visits,{REPORT}",
    )
    row = line_of(every_kind_copy, "quotes.csv", "program,beta-visits,")
    found = problems(every_kind_copy)
    assert ("error.quote_not_cited", "quotes.csv", row, "source_id") in found


def test_a_quote_in_another_language_needs_both_glosses(every_kind_copy):
    """``REPORT`` writes English: its words need a German gloss."""
    path = every_kind_copy / "quotes.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames or [], list(reader)
    english = next(
        number
        for number, row in enumerate(rows)
        if (row["table"], row["source_id"]) == ("delegation", REPORT)
    )
    assert rows[english]["gloss_de"]
    rows[english]["gloss_de"] = ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    row = english + 2  # the header is line 1
    assert problems(every_kind_copy) == {
        ("error.invalid_value", "quotes.csv", row, "gloss_de")
    }


def test_a_figure_s_source_must_hold_the_figure(every_kind_copy):
    """The figure is confirmed by a second source: both quotes must hold it."""
    folder = every_kind_copy
    replace_in(
        folder / "trade.csv",
        "de-2026-export,DE,2026,export,380,",
        "de-2026-export,DE,2026,export,381,",
    )
    found = problems(folder)
    row = line_of(folder, "trade.csv", "de-2026-export")
    assert ("error.figure_not_quoted", "trade.csv", row, "source_id") in found
    assert ("error.figure_not_quoted", "trade.csv", row, "confirmed_by") in found


@pytest.mark.parametrize(
    ("words", "language", "number"),
    [
        ("Waren im Wert von 851 Millionen Euro", "de", "851"),
        ("einen Wert von 1,16 Milliarden Euro", "de", "1.16"),
        ("Mit 1,16 Millionen Euro", "de", "1.16"),
        (
            "betrug der Export 4 7 ,8 Mio. € und im Jahr 2016 809, 1 Mio. €",
            "de",
            "47.8",
        ),
        (
            "betrug der Export 4 7 ,8 Mio. € und im Jahr 2016 809, 1 Mio. €",
            "de",
            "809.1",
        ),
        ("exports of 1.16 billion euros", "en", "1.16"),
        ("Insgesamt Mio. EUR 52 745,0", "de", "52745.0"),
    ],
)
def test_numbers_are_read_as_the_source_writes_them(words, language, number):
    assert Decimal(number) in set(numbers_in(words, language))


def test_every_fact_has_a_citation_with_its_words(every_kind_trip):
    trip = every_kind_trip
    for table in FACT_TABLES:
        for row in getattr(trip, table):
            cited = citations(trip.source_by_id, trip.quotes, row)
            assert any(c.quote for c in cited), (table, row_id(row))
    counted = next(d for d in trip.delegation if d.source_id == REPORT)
    (citation,) = citations(trip.source_by_id, trip.quotes, counted)
    assert (citation.source.source_id, citation.quote.quote) == (
        REPORT,
        f"Wording {counted.scope}",
    )
