"""One catalog per language in ``data/i18n``: every user-visible string."""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from trip.paths import CATALOG_DIR
from trip.text import Markdown, md_format

LANGS = ("de", "en")
DEFAULT_LANG = "de"
I18N_DIR = CATALOG_DIR


def flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Nested TOML tables to dotted keys: ``{"map": {"title": …}}`` -> ``map.title``."""
    flat: dict[str, str] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{dotted}."))
        else:
            flat[dotted] = str(value)
    return flat


@cache
def catalog(lang: str, i18n_dir: Path = I18N_DIR) -> dict[str, str]:
    with (i18n_dir / f"{lang}.toml").open("rb") as handle:
        return flatten(tomllib.load(handle))


def placeholders(message: str) -> set[str]:
    """The ``{name}`` fields a message uses."""
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}


def plural_key(lang: str, key: str, count: int) -> str:
    """The plural form of ``key`` that ``count`` needs in ``lang`` (CLDR rules via
    Babel): ``key.one`` / ``key.other``."""
    from trip.formatting import locale_of

    form = Locale.parse(locale_of(lang)).plural_form(count)
    return f"{key}.{form}" if f"{key}.{form}" in catalog(lang) else f"{key}.other"


def t_count(lang: str, key: str, count: int, **values: Any) -> str:
    """``t`` for a message with plural forms, chosen by ``count``."""
    return t(lang, plural_key(lang, key, count), count=count, **values)


def t(lang: str, key: str, **values: Any) -> str:
    """The message ``key`` in ``lang`` as plain text, with ``values`` filled in.

    For plain-text places only (page titles, chart texts, table cells, the map's
    tooltips); Markdown places take ``t_md``. A key missing from the catalog is a
    bug, so it raises rather than showing the key.
    """
    return catalog(lang)[key].format_map(values)


def t_md(lang: str, key: str, **values: Any) -> Markdown:
    """The message ``key`` as Markdown: the catalog's own Markdown is kept, every
    value that is not ``Markdown`` already is escaped (``trip.text.md``)."""
    return md_format(catalog(lang)[key], **values)
