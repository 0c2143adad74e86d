"""Build static/fonts/noto-sans-cjk-subset.woff: the CJK and Hangul glyphs we use.

Stop names (東京, 서울, 新竹 …) and Korean source titles must render on machines
without CJK fonts (kiosk PCs, minimal Linux), offline. A subset of Noto Sans CJK
(SIL OFL 1.1, Debian package fonts-noto-cjk) keeps that to a few dozen KB.

Run after adding CJK text to data/ (tests/unit/test_cjk_font.py says when):
    apt-get install fonts-noto-cjk && .venv/bin/python scripts/build_cjk_font.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trip.fonts import CJK_FONT_URL, is_cjk  # noqa: E402 (needs ROOT on the path)

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TARGET = ROOT / CJK_FONT_URL.removeprefix("/app/")
# Japanese glyph forms; the face carries Hangul and the Han characters we use too.
FACE = "Noto Sans CJK JP"


def cjk_characters(root: Path = ROOT) -> set[str]:
    """Every CJK or Hangul character in the data and the catalogs."""
    texts = [p.read_text("utf-8") for p in (root / "data").rglob("*.csv")]
    texts += [p.read_text("utf-8") for p in (root / "data" / "i18n").glob("*.toml")]
    return {char for text in texts for char in text if is_cjk(char)}


def main() -> None:
    collection = TTCollection(str(SOURCE))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == FACE)
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    characters = cjk_characters()
    subsetter.populate(unicodes=[ord(char) for char in sorted(characters)])
    subsetter.subset(font)
    font.flavor = "woff"
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(TARGET))
    sys.stdout.write(f"{len(characters)} characters, {TARGET.stat().st_size} bytes\n")


if __name__ == "__main__":
    main()
