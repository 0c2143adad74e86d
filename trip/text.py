"""Untrusted text (from data files and URLs), one function per output context.

Every text that did not come from our own catalog goes through here before it
lands in Streamlit Markdown, in HTML inside the map, or in the map's JavaScript:

- ``md`` / ``t_md`` / ``md_link``: Streamlit Markdown (``st.markdown``, captions,
  alerts, headings, and widget labels and ``help=``, which are Markdown too);
- ``html_text``: HTML element content and attribute values;
- ``js_json``: a value inside a ``<script>`` or an ``eval``'d string;
- ``css_string``: a quoted string in a style sheet (a print page's running title);
- ``quote``: a bounded, visible prefix of a value for notices and error panels;
- ``csv_cell``: a cell of a CSV download that a spreadsheet must not run.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from typing import Any
from urllib.parse import quote as percent_encode
from urllib.parse import urlsplit

WORD_JOINER = "\u2060"
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Streamlit's Markdown runs some transforms on parsed text, after backslash escapes
# are resolved, so an escape cannot stop them (streamlit StreamlitMarkdown.tsx):
# material icons and :streamlit:, emoji shortcodes (remark-emoji), bare URLs and
# e-mail addresses (mdast-util-gfm-autolink-literal), and typographic arrows.
# An invisible word joiner at each of these places breaks every such pattern.
_TEXT_TRANSFORMS = re.compile(
    r"(?<=:)(?=\S)"  # :material/…:, :streamlit:, :smile:, http://, mailto:
    r"|(?<=@)"  # name@example.org
    r"|(?<=www)(?=\.)"  # www.example.org
    r"|(?<=[-<>~])(?=[->=])",  # -> <- <-> -- >= <= ~=
    re.IGNORECASE,
)
# Runs of white space, but not the no-break spaces Babel puts in figures
# ("851\u00a0Mio.\u00a0€"): they keep a figure on one line and start no block.
_WHITESPACE = re.compile(r"[^\S\u00a0\u202f]+")
# Characters that reorder or hide text (Trojan Source, CVE-2021-42574), besides
# the C0/C1 control characters.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# What may stand unencoded in a link target: RFC 3986 characters, without the ones
# Markdown gives a meaning to in a link destination ( ) < > and the space.
_URL_SAFE = "/:?#[]@!$&'*+,;=%-._~"


class Markdown(str):
    """Markdown that is safe to render: catalog text, or data text escaped by ``md``.

    ``md`` passes it through unchanged, so escaping is never done twice.
    """

    __slots__ = ()


def is_hidden_control(char: str) -> bool:
    """C0/C1 control characters and bidi overrides: never meant to be shown."""
    return unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS


def visible(text: object) -> str:
    """Text with each run of whitespace as one space, and control and bidi
    characters as U+FFFD, so that nothing in it is hidden or starts a new line."""
    return "".join(
        "\ufffd" if is_hidden_control(char) else char
        for char in _WHITESPACE.sub(" ", str(text))
    )


def md(text: object) -> Markdown:
    """Data text as Streamlit Markdown that renders as exactly that text.

    Whitespace (newlines too) collapses to a single space, so no text starts a
    block (heading, rule, list, table, code); every ASCII punctuation character is
    backslash-escaped (links, images, emphasis, code, HTML, KaTeX, directives such
    as ``:red[…]``); and a word joiner defuses the text-level transforms above.
    """
    if isinstance(text, Markdown):
        return text
    plain = _TEXT_TRANSFORMS.sub(WORD_JOINER, visible(text))
    return Markdown(
        "".join("\\" + char if char in _ASCII_PUNCTUATION else char for char in plain)
    )


def md_join(separator: str, parts: Any) -> Markdown:
    """Join Markdown parts; plain-text parts (and the separator) are escaped."""
    return Markdown(md(separator).join(md(part) for part in parts))


def md_format(template: str, **values: Any) -> Markdown:
    """Fill a trusted Markdown template; every value that is not ``Markdown`` is
    escaped (numbers too: '1.' could start a list)."""
    return Markdown(template.format_map({k: md(v) for k, v in values.items()}))


def md_link(text: object, url: str | None) -> Markdown:
    """A Markdown link whose target cannot close the link or open another one.

    Only http(s) URLs with a host become links (the loader accepts no others);
    anything else shows as its escaped text alone.
    """
    label = md(text)
    if not url or not is_web_url(url):
        return label
    return Markdown(f"[{label}]({percent_encode(url, safe=_URL_SAFE)})")


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL with a host, without spaces or control characters."""
    if any(char.isspace() or is_hidden_control(char) for char in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(host) and "\\" not in url


def html_text(text: object) -> str:
    """Text inside HTML, as element content or a quoted attribute value."""
    return html.escape(str(text), quote=True)


def html_link(text: object, url: str | None) -> str:
    """An HTML link that opens outside the app, or the escaped text alone where
    the URL is not a web address (as ``md_link``)."""
    label = html_text(text)
    if not url or not is_web_url(url):
        return label
    href = html_text(percent_encode(url, safe=_URL_SAFE))
    return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{label}</a>'


def css_string(text: object) -> str:
    """Text as a double-quoted CSS string that cannot end the string, the rule or
    the ``<style>`` element: every character but letters, digits and spaces as
    a CSS escape (``\\3C `` for ``<``)."""
    plain = visible(text)
    escaped = "".join(
        char if char.isalnum() or char == " " else f"\\{ord(char):X} " for char in plain
    )
    return f'"{escaped}"'


def js_json(value: Any) -> str:
    """A value for JavaScript source: JSON that cannot end a ``<script>`` element
    or open an HTML comment, whether it is inlined or ``eval``'d."""
    return (
        json.dumps(value, ensure_ascii=False, allow_nan=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def quote(text: object, limit: int = 60) -> str:
    """A bounded, visible prefix of a value for a notice or an error message:
    control and bidi characters show as U+FFFD, long values end in '…'."""
    shown = visible(text).strip()
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell that spreadsheets read as text, not as a formula (OWASP CSV
    injection): text starting with = + - @ gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
