"""A ``DataFileError`` in the reader's language: values for its catalog message."""

from __future__ import annotations

from typing import Any

from babel.lists import format_list
from babel.numbers import format_decimal

from trip.errors import DataFileError
from trip.formatting import locale_of
from trip.i18n import t


def message_values(error: DataFileError, lang: str) -> dict[str, Any]:
    """The error's placeholders with "what was expected" in ``lang``: allowed values
    as a list ("JP, KR oder TW"), bounds and counts as localized numbers."""
    locale = locale_of(lang)
    values = {
        name: format_decimal(value, locale=locale)
        if isinstance(value, int | float) and not isinstance(value, bool)
        else value
        for name, value in error.placeholders.items()
    }
    key = error.details.get("expected_key")
    if key is None:
        return values
    choices = error.details.get("choices")
    bound = error.details.get("bound")
    if choices:
        detail = format_list(list(choices), style="or", locale=locale)
    elif bound is not None:
        detail = format_decimal(bound, locale=locale)
    else:
        detail = error.expected
    return {**values, "expected": t(lang, key, detail=detail)}
