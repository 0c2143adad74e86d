"""The shipped CJK font subset covers every CJK and Hangul character in data/."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from scripts.build_cjk_font import TARGET, cjk_characters, is_cjk


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
    root = Path(__file__).resolve().parents[2]
    url = "/app/static/fonts/noto-sans-cjk-subset.woff"
    assert url in (root / "static" / "app.css").read_text("utf-8")
    assert url in (root / "trip" / "mapview.py").read_text("utf-8")
