"""The one place untrusted text is made safe: Markdown, links, HTML, JSON, notices.

What Streamlit really renders is checked in a browser (tests/e2e/test_hostile.py);
here the functions' own promises.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.app.conftest import as_read
from tests.corpus import DATA, URL
from trip.i18n import t_md
from trip.text import (
    WORD_JOINER,
    Markdown,
    csv_cell,
    html_text,
    is_web_url,
    js_json,
    md,
    md_format,
    md_join,
    md_link,
    quote,
)

PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def unescaped_punctuation(markdown: str) -> list[str]:
    """ASCII punctuation not preceded by an escaping backslash."""
    found, escaped = [], False
    for char in markdown:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in PUNCTUATION:
            found.append(char)
    return found


@pytest.mark.parametrize("text", list(URL.values()), ids=list(URL))
def test_markdown_reads_back_as_the_text_itself(text):
    escaped = md(text)
    visible = re.sub(r"\s+", " ", text).replace("\x00", "\ufffd")
    visible = visible.replace("\u202e", "\ufffd")
    assert as_read(escaped) == visible
    assert not unescaped_punctuation(escaped)


@pytest.mark.parametrize("text", list(DATA.values()), ids=list(DATA))
def test_markdown_breaks_every_text_level_transform(text):
    """Streamlit turns these into icons, emoji, links and arrows *after* parsing,
    where backslash escapes are already gone; a word joiner must sit inside each."""
    parsed = md(text).replace("\\", "")  # the text nodes the transforms see
    assert not re.search(r":material_|:material/|:streamlit:|:[\w+-]+:", parsed)
    assert not re.search(r"https?://|www\.|\w@\w", parsed, re.IGNORECASE)
    assert not re.search(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)", parsed)


def test_markdown_has_no_block_syntax_after_a_line_break():
    escaped = md("title\n---\n# heading\n\n    code\n1. item")
    assert "\n" not in escaped
    assert as_read(escaped) == "title --- # heading code 1. item"


def test_control_and_bidi_characters_do_not_reach_markdown():
    assert md("a\x00b\u202ec") == Markdown("a\ufffdb\ufffdc")


def test_markdown_is_escaped_once():
    once = md("**bold**")
    assert md(once) is once
    assert md_join(", ", [once, "*x*"]) == "\\*\\*bold\\*\\*\\, \\*x\\*"
    assert md(" (kept) ") == " \\(kept\\) "


def test_catalog_values_are_escaped_and_catalog_markdown_kept():
    sources = Markdown("[a](b)")
    message = t_md("en", "app.announced", dates="**10 Sep**", sources=sources)
    assert message.startswith("Announced: **\\*\\*10 Sep\\*\\***")
    assert message.endswith("([a](b))")
    assert isinstance(message, Markdown)


def test_format_escapes_numbers_that_could_start_a_list():
    assert md_format("{n}", n=1.5) == "1\\.5"


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://example.org/a b", None),  # a space: not a URL the loader accepts
        ("https://example.org/a)![x](http://evil.example/i.png)", "%29"),
        ("https://example.org/path_(x)?q=1&r=[2]", "https://example.org/path_%28x%29"),
        ("https://example.org/<script>", "%3Cscript%3E"),
    ],
)
def test_link_target_cannot_close_the_link(url, target):
    link = md_link("Title", url)
    if target is None:
        assert link == "Title"
        return
    assert link.startswith("[Title](")
    inside = link[len("[Title](") : -1]
    assert target in inside
    assert not re.search(r"[()<>\s\\]", inside)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "http:///no-host",
        "https://",
        "ftp://example.org/file",
        "https://exa mple.org",
        "https://example.org/\x00",
        "https://example.org\\@evil.example",
        "//example.org/relative",
        "https://[::1",
    ],
)
def test_only_web_urls_with_a_host_become_links(url):
    assert not is_web_url(url)
    assert md_link("Title", url) == "Title"


@pytest.mark.parametrize("text", list(URL.values()), ids=list(URL))
def test_json_for_scripts_reads_back_and_cannot_end_a_script(text):
    encoded = js_json(text)
    assert json.loads(encoded) == text
    for forbidden in ("<", ">", "&", "'", "\u2028", "\u2029"):
        assert forbidden not in encoded


def test_html_text_escapes_quotes_for_attributes():
    assert html_text('"><img src=x>') == "&quot;&gt;&lt;img src=x&gt;"


def test_quote_is_bounded_and_visible():
    assert quote("y" * 10_000, 60) == "y" * 59 + "…"
    assert quote("a\x00b\u202ec\nd") == "a\ufffdb\ufffdc d"
    assert quote("short") == "short"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Japan", "Japan"),
        (-2.5, -2.5),
    ],
)
def test_csv_cells_are_not_formulas(value, expected):
    assert csv_cell(value) == expected


def test_word_joiner_is_invisible():
    assert WORD_JOINER == "\u2060"
