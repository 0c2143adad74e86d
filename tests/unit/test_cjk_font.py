"""The shipped CJK font subset covers every CJK and Hangul character in data/."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from scripts.build_cjk_font import TARGET, cjk_characters
from trip.fonts import CJK_FONT_URL, css_unicode_range, is_cjk
from trip.map_style import MAP_STYLE


def test_subset_has_a_glyph_for_every_cjk_character_in_the_data():
    characters = cjk_characters()
    assert {"東", "京", "서", "울", "新", "竹"} <= characters
    cmap = TTFont(str(TARGET)).getBestCmap()
    missing = sorted(char for char in characters if ord(char) not in cmap)
    assert not missing, f"run scripts/build_cjk_font.py; missing: {missing}"


@pytest.mark.parametrize(
    ("char", "expected"), [("東", True), ("울", True), ("Ü", False)]
)
def test_cjk_detection(char, expected):
    assert is_cjk(char) is expected


def test_css_and_map_load_the_subset_from_our_own_server():
    css = (Path(__file__).resolve().parents[2] / "static" / "app.css").read_text(
        "utf-8"
    )
    assert f'url("{CJK_FONT_URL}")' in css
    assert f"unicode-range: {css_unicode_range()};" in css
    assert CJK_FONT_URL in MAP_STYLE
    assert css_unicode_range() in MAP_STYLE
