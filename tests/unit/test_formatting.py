"""Numbers, money and dates per locale (Babel), as the issue spells them out."""

from __future__ import annotations

import datetime as dt

import pytest

from trip.formatting import (
    format_change,
    format_clock,
    format_day,
    format_day_range,
    format_money,
)

NBSP = "\xa0"
SEP = dt.date(2023, 9, 10), dt.date(2023, 9, 20)


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (851e6, 0, "de", f"851{NBSP}Mio.{NBSP}€"),
        (851e6, 0, "en", "€851 million"),
        (1.16e9, 2, "de", f"1,16{NBSP}Mrd.{NBSP}€"),
        (1.16e9, 2, "en", "€1.16 billion"),
        (47.8e6, 1, "de", f"47,8{NBSP}Mio.{NBSP}€"),
        (809.1e6, 1, "en", "€809.1 million"),
    ],
)
def test_money_per_locale(value, decimals, lang, expected):
    assert format_money(value, lang, decimals) == expected


@pytest.mark.parametrize(
    ("start", "end", "lang", "with_year", "expected"),
    [
        (*SEP, "de", True, "10.–20. September 2023"),
        (*SEP, "en", True, "10–20 September 2023"),
        (
            dt.date(2023, 9, 30),
            dt.date(2023, 10, 2),
            "de",
            True,
            "30. September – 2. Oktober 2023",
        ),
        (dt.date(2023, 9, 11), dt.date(2023, 9, 13), "de", False, "11.–13. Sept."),
        (dt.date(2023, 9, 11), dt.date(2023, 9, 13), "en", False, "11–13 Sept"),
        (dt.date(2023, 9, 21), dt.date(2023, 9, 21), "de", True, "21. September 2023"),
        (dt.date(2023, 9, 21), dt.date(2023, 9, 21), "en", False, "21 Sept"),
    ],
)
def test_day_ranges_per_locale(start, end, lang, with_year, expected):
    result = format_day_range(start, end, lang, with_year=with_year)
    assert result.replace("\u2009", " ") == expected


@pytest.mark.parametrize(
    ("percent", "lang", "expected"),
    [(26, "de", f"+26{NBSP}%"), (26, "en", "+26%"), (-7, "de", f"-7{NBSP}%")],
)
def test_signed_change(percent, lang, expected):
    assert format_change(percent, lang) == expected


def test_clock_and_day_per_locale():
    assert (
        format_clock(dt.time(14, 0), "de")
        == format_clock(dt.time(14, 0), "en")
        == "14:00"
    )
    assert format_day(dt.date(2023, 9, 8), "en") == "8 September 2023"
