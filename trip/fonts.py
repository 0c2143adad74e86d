"""The CJK font subset the app serves: which characters it covers and where it lives.

One place for the ranges: the build script (scripts/build_cjk_font.py) subsets by
them, the map frame's @font-face uses them, and a test holds static/app.css to them.
"""

from __future__ import annotations

CJK_FONT_URL = "/app/static/fonts/noto-sans-cjk-subset.woff"
# Hangul Jamo, CJK radicals to unified ideographs, Hangul syllables,
# compatibility ideographs, full-width forms.
CJK_RANGES = (
    (0x1100, 0x11FF),
    (0x2E80, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),
)


def is_cjk(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in CJK_RANGES)


def css_unicode_range() -> str:
    """'U+1100-11FF, U+2E80-9FFF, …' for an @font-face rule."""
    return ", ".join(f"U+{low:04X}-{high:04X}" for low, high in CJK_RANGES)
