"""Every fact in its source's words (issue 17): the rules of quotes.csv and of the
local copies, each broken once, with the file, row and field the check names."""

from __future__ import annotations

import csv
import hashlib
from decimal import Decimal

import pytest

from tests.conftest import replace_in
from trip.__main__ import main
from trip.loading import check_trip, load_trip
from trip.quotes import citations, numbers_in

PRESS_RELEASE = "sources/smwa-2023-09-08-press-release.txt"


def problems(folder) -> set[tuple[str, str, int | None, str | None]]:
    return {(e.key, e.file, e.row, e.field) for e in check_trip(folder)}


def line_of(folder, file: str, text: str) -> int:
    lines = (folder / file).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_one_word_changed_in_a_quote_fails_the_check(data_copy, capsys):
    row = line_of(data_copy, "quotes.csv", "startet am Wochenende nach Ostasien")
    replace_in(
        data_copy / "quotes.csv",
        "startet am Wochenende nach Ostasien",
        "startet am Montag nach Ostasien",
    )
    assert problems(data_copy) == {
        ("error.quote_not_in_copy", "quotes.csv", row, "quote")
    }
    assert main(["check", str(data_copy), "--lang", "en"]) == 1
    assert f"File: quotes.csv · line: {row} · field: quote" in capsys.readouterr().out


def test_line_breaks_and_spaces_may_differ_words_may_not(data_copy):
    replace_in(
        data_copy / "quotes.csv",
        "Im Länder-Ranking belegte Japan Platz 17.",
        "Im  Länder-Ranking   belegte Japan Platz 17.",
    )
    assert problems(data_copy) == set()


def test_a_changed_copy_fails_on_its_checksum(data_copy):
    copy = data_copy / PRESS_RELEASE
    copy.write_text(copy.read_text("utf-8") + "\nNachtrag.\n", "utf-8")
    row = line_of(data_copy, "sources.csv", "smwa-pr-2023-09-08,")
    assert problems(data_copy) == {("error.copy_changed", "sources.csv", row, "sha256")}
    # Once the copy is checked and its new checksum recorded, it passes again.
    recorded = next(s for s in load_trip().sources if s.sha256).sha256
    digest = hashlib.sha256(copy.read_bytes()).hexdigest()
    replace_in(data_copy / "sources.csv", recorded, digest)
    assert problems(data_copy) == set()


def test_a_copy_needs_its_day_and_checksum(data_copy):
    replace_in(data_copy / "sources.csv", ",2026-11-25,", ",,")
    (problem,) = check_trip(data_copy)
    assert (problem.file, problem.details.get("expected_key")) == (
        "sources.csv",
        "expected.copy_record",
    )


def test_a_fact_row_without_words_is_named(data_copy):
    replace_in(data_copy / "quotes.csv", "program,kr-dkf,", "program,kr-tipa,")
    row = line_of(data_copy, "program.csv", "kr-dkf,")
    assert ("error.no_quote", "program.csv", row, "item_id") in problems(data_copy)


def test_a_quote_from_a_source_the_row_does_not_cite(data_copy):
    replace_in(
        data_copy / "quotes.csv",
        "program,kr-dkf,smwa-pr-2023-09-08",
        "program,kr-dkf,dpa-2023-09-08",
    )
    found = problems(data_copy)
    assert any(p[0] == "error.quote_not_cited" and p[3] == "source_id" for p in found)


def test_a_quote_in_another_language_needs_both_glosses(data_copy):
    path = data_copy / "quotes.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames or [], list(reader)
    korean = next(
        number
        for number, row in enumerate(rows)
        if (row["row_ids"], row["source_id"])
        == ("ulsan-hyundai", "ulsanilbo-2023-09-21")
    )
    rows[korean]["gloss_en"] = ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    row = korean + 2  # the header is line 1
    assert problems(data_copy) == {
        ("error.invalid_value", "quotes.csv", row, "gloss_en")
    }


def test_a_figure_s_source_must_hold_the_figure(data_copy):
    replace_in(
        data_copy / "trade.csv",
        "jp-2022-export,JP,2022,export,851,",
        "jp-2022-export,JP,2022,export,852,",
    )
    found = problems(data_copy)
    row = line_of(data_copy, "trade.csv", "jp-2022-export")
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


def test_every_fact_of_every_bundled_trip_names_its_words():
    trip = load_trip()
    for item in trip.program:
        cited = citations(trip.source_by_id, trip.quotes, item)
        assert any(c.quote for c in cited), item.item_id
