"""Numbers, money, dates and times per locale, all through Babel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from babel import Locale
from babel.dates import format_date, format_time, get_month_names
from babel.lists import format_list
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_decimal,
    format_percent,
    get_currency_symbol,
)

# English for a European audience: day before month, "€851 million".
LOCALES = {"de": "de_DE", "en": "en_GB"}


def locale_of(lang: str) -> str:
    return LOCALES[lang]


def format_money(value_eur: float, lang: str, decimals: int = 0) -> str:
    """'851 Mio. €' in German, '€851 million' in English (Babel's compact forms)."""
    loc = locale_of(lang)
    if lang == "de":
        return format_compact_currency(
            value_eur, "EUR", locale=loc, fraction_digits=decimals
        )
    amount = format_compact_decimal(
        value_eur, format_type="long", locale=loc, fraction_digits=decimals
    )
    return f"{get_currency_symbol('EUR', locale=loc)}{amount}"


def format_millions(value_eur: float, lang: str, decimals: int = 1) -> str:
    """The value in millions as a plain number, for a chart whose axis names
    the unit: '809,1' in German, '809.1' in English; no trailing ',0'."""
    pattern = "#,##0." + "#" * decimals if decimals else "#,##0"
    return format_decimal(value_eur / 1e6, pattern, locale=locale_of(lang))


def month_span(
    through_month: int, lang: str, width: str = "abbreviated"
) -> tuple[str, str]:
    """January and ``through_month`` as the locale names them ("Jan.", "Sept."),
    for a figure that covers only part of a year."""
    names = get_month_names(width, locale=locale_of(lang))
    return names[1], names[through_month]


def format_change(percent: float, lang: str) -> str:
    """A signed change in per cent: '+26 %' / '+26%'."""
    pattern = Locale.parse(locale_of(lang)).percent_formats[None].pattern
    return format_percent(
        percent / 100, f"+{pattern};-{pattern}", locale=locale_of(lang)
    )


def format_day(day: dt.date, lang: str) -> str:
    """'21. September 2023' / '21 September 2023'."""
    return format_date(day, "long", locale=locale_of(lang))


def format_day_medium(day: dt.date, lang: str) -> str:
    """'08.09.2023' / '8 Sept 2023': source dates."""
    return format_date(day, "medium", locale=locale_of(lang))


def format_day_short(day: dt.date, lang: str) -> str:
    """'Do., 21. Sept.' / 'Thu 21 Sept': a day inside the trip, with its weekday."""
    pattern = "EEE, d. MMM" if lang == "de" else "EEE d MMM"
    return format_date(day, pattern, locale=locale_of(lang))


def format_day_range(
    start: dt.date, end: dt.date, lang: str, with_year: bool = True
) -> str:
    """'10.–20. September 2023' / '10–20 September 2023'.

    CLDR has interval patterns for abbreviated months only; as the CLDR spec
    (UTS #35, "Missing Skeleton Fields") says, the best match is widened to the
    requested field length. Babel does not do that step, so it is done here.
    """
    month = "MMMM" if with_year else "MMM"
    if start == end:
        return format_date(
            start,
            _widen("d. MMM y" if lang == "de" else "d MMM y", month, with_year),
            locale=locale_of(lang),
        )
    skeleton = "yMMMd" if with_year else "MMMd"
    formats = Locale.parse(locale_of(lang)).interval_formats[skeleton]
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    first, second = (_widen(part, month, with_year) for part in formats[field])
    return format_date(start, first, locale=locale_of(lang)) + format_date(
        end, second, locale=locale_of(lang)
    )


def _widen(pattern: str, month: str, with_year: bool) -> str:
    widened = pattern.replace("MMMM", "MMM").replace("MMM", month)
    return widened if with_year else widened.replace(" y", "")


def format_clock(moment: dt.time | dt.datetime, lang: str) -> str:
    """'14:00' in both languages (24-hour clock in de_DE and en_GB)."""
    return format_time(moment, "short", locale=locale_of(lang))


def country_name(code: str, lang: str) -> str:
    """'Südkorea' / 'South Korea' for KR: CLDR's names, not ours."""
    return Locale.parse(locale_of(lang)).territories.get(code, code)


def language_name(code: str, lang: str) -> str:
    """'Japanisch' / 'Japanese' for ja."""
    return Locale.parse(locale_of(lang)).languages.get(code, code)


def format_names(names: Iterable[object], lang: str) -> str:
    """'Japan und Südkorea' / 'Japan and South Korea'."""
    return format_list([str(name) for name in names], locale=locale_of(lang))


def vega_locale(lang: str) -> dict:
    """Decimal and group separators from Babel, so axes read "1.200" in German
    (Vega formats numbers in US English unless told otherwise)."""
    symbols = Locale.parse(locale_of(lang)).number_symbols["latn"]
    return {
        "number": {
            "decimal": symbols["decimal"],
            "thousands": symbols["group"],
            "grouping": [3],
            "currency": ["", " €"] if lang == "de" else ["€", ""],
        }
    }
