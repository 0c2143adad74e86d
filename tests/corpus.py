"""Hostile strings, as an attacker or a careless copy-paste would write them.

Each payload carries the marker "pwn" where it would create something (an element,
a link, a request to evil.example, ``top.__pwned``), so tests can look for what it
created. ``DATA`` holds the payloads a data file may contain (no control
characters: the loader rejects those); ``URL`` adds what only a link can bring.
"""

from __future__ import annotations

EVIL_HOST = "evil.example"
SOURCE_HOST = "source.example"  # the legitimate links in the hostile data folder

DATA = {
    "script": "<script>top.__pwned = 1</script>",
    "img_onerror": '<img src=x onerror="top.__pwned = 1" class="pwn">',
    "js_escape": "\\u003cimg src=x onerror=top.__pwned=1 class=pwn\\u003e",
    "close_script": "</script><script>top.__pwned = 1</script>",
    "template": "`${top.__pwned = 1}` ${alert(1)}",
    "backslash": "C:\\x41\\u0 \\",
    "md_image": "![pwn](http://evil.example/md.png)",
    "md_link": "[pwn-link](http://evil.example/link)",
    "md_ref": "[pwn-ref][1] [1]: http://evil.example/ref",
    "autolink": "<http://evil.example/angle>",
    "bare_url": "see https://evil.example/bare and www.evil.example/www",
    "email": "write to pwn@evil.example now",
    "icons": ":material/skull: :streamlit: :smile: :+1:",
    "colours": ":red[pwn-red] :blue-badge[pwn-badge] :small[pwn-small]",
    "directives": ":help[pwn-help] ::pwn-leaf :::pwn-box",
    "katex": "$pwn^2$ and $$\\int pwn$$",
    "emphasis": "**pwn-bold** _pwn-em_ ~~pwn-del~~ `pwn-code`",
    "heading": "# pwn-heading",
    "list": "1. pwn-list",
    "quote_block": "> pwn-quote",
    "table": "| pwn | table |",
    "entities": "&lt;b&gt;pwn&lt;/b&gt; &#x3C;i&#x3E; &amp;",
    "quotes": "\"double\" 'single' <angle> & ampersand",
    "arrows": "a -> b <- c <-> d -- e >= f",
    "html_comment": "<!-- pwn --> visible",
    "cjk_rtl": "東京 서울 שלום مرحبا",
    "huge": "x" * 1_500,
}

URL = {
    **DATA,
    "newline_rule": "a\n---\n# pwn-heading",
    "nul": "nul\x00byte",
    "bidi": "abc\u202edcba",
    "huge": "y" * 10_000,
}

# Things that must never be on a page that shows the corpus, as CSS selectors or
# (text) patterns; each names what would have happened.
CREATED = {
    ".pwn": "an element from HTML in the text",
    "[onerror]": "an event handler from HTML in the text",
    f'img[src*="{EVIL_HOST}"]': "an image from Markdown",
    f'a[href*="{EVIL_HOST}"]:not([href^="https://{SOURCE_HOST}"])': "a link",
    'a[href^="mailto:"]': "an e-mail link from a bare address",
    ".katex": "KaTeX from $…$",
    '[role="img"][aria-label*="skull"]': "a material icon",
    'img[alt="Streamlit logo"]': "the :streamlit: logo",
    "[data-testid=stMarkdownContainer] hr": "a rule",
    "[data-testid=stMarkdownContainer] blockquote": "a block quote",
    "[data-testid=stMarkdownContainer] table": "a table",
    # (the page's own source list, where the marks lead, is ours)
    "[data-testid=stMarkdownContainer] ol:not(.page-sources)": "a numbered list",
}
# An element whose whole text is the second item was made by Markdown syntax.
MADE_BY_SYNTAX = (
    ("strong", "pwn-bold"),
    ("em", "pwn-em"),
    ("del", "pwn-del"),
    ("code", "pwn-code"),
    ("span", "pwn-red"),
    ("span", "pwn-badge"),
    ("span", "pwn-small"),
    ("h1, h2, h3, h4, h5, h6", "pwn-heading"),
    ("a", "pwn-link"),
    ("a", "pwn-ref"),
)
# Text that appears only if the text was transformed.
TRANSFORMED = ("😄", "👍", "→", "←", "↔", "≥")
