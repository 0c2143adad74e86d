"""Catalogs: same keys and placeholders in de/en, no markup, every used key exists.

Modelled on home-assistant's hassfest translation lint.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trip.fields import CUSTOM_RULES
from trip.i18n import LANGS, catalog, placeholders, t_count
from trip.schema import catalog_keys

ROOT = Path(__file__).resolve().parents[2]
LITERAL_KEY = re.compile(r"\bt(?:_md)?\(\s*(?:lang|code)\s*,\s*\"([a-z_.A-Z0-9]+)\"")


def test_both_catalogs_have_the_same_keys():
    assert set(catalog("de")) == set(catalog("en"))


@pytest.mark.parametrize("key", sorted(catalog("de")))
def test_placeholders_match(key):
    assert placeholders(catalog("de")[key]) == placeholders(catalog("en")[key])


@pytest.mark.parametrize("lang", LANGS)
def test_no_html_urls_or_padding(lang):
    for key, message in catalog(lang).items():
        assert not re.search(r"<[a-zA-Z/]", message), key
        assert "http" not in message, key
        assert message == message.strip(), key
        assert message, key


def used_keys() -> set[str]:
    """Literal keys in the code, plus the keys the schema derives (one per choice
    of each closed field, one per kind of fact), plus plural forms."""
    keys = set()
    for folder in ("app.py", "components", "pages", "trip", "deploy"):
        for path in (
            (ROOT / folder).rglob("*.py") if folder != "app.py" else [ROOT / folder]
        ):
            keys |= set(LITERAL_KEY.findall(path.read_text("utf-8")))
    keys |= catalog_keys()
    keys |= {f"itinerary.program.{form}" for form in ("one", "other")}
    keys |= {f"notice.unknown_params.{form}" for form in ("one", "other")}
    keys |= {f"expected.{kind}" for kind in CUSTOM_RULES}
    # Streamlit's own strings, put in the reader's language by a script
    # (components/document_language.framework_words takes every key of the section).
    keys |= {key for key in catalog("en") if key.startswith("framework.")}
    return keys


def test_every_key_used_exists():
    missing = used_keys() - set(catalog("de"))
    assert not missing


ANY_KEY_LITERAL = re.compile(r"[\"']([a-z_]+(?:\.[a-zA-Z_0-9]+)+)[\"']")


def test_no_unused_keys():
    code = "\n".join(
        path.read_text("utf-8")
        for folder in ("components", "pages", "trip")
        for path in (ROOT / folder).rglob("*.py")
    ) + (ROOT / "app.py").read_text("utf-8")
    mentioned = set(ANY_KEY_LITERAL.findall(code))
    unused = set(catalog("de")) - mentioned - used_keys()
    assert not unused


def test_every_error_key_exists():
    source = (ROOT / "trip").rglob("*.py")
    keys = {
        k
        for p in source
        for k in re.findall(r'"((?:error|expected)\.[a-z_]+)"', p.read_text("utf-8"))
    }
    assert keys
    assert keys <= set(catalog("en"))


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("de", 1, "Programm (1 Punkt)"),
        ("de", 3, "Programm (3 Punkte)"),
        ("en", 1, "Programme (1 item)"),
        ("en", 0, "Programme (0 items)"),
    ],
)
def test_counts_use_the_plural_rules_of_the_language(lang, count, expected):
    assert t_count(lang, "itinerary.program", count) == expected
