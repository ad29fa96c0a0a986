"""Vendor the Arabic and Chinese fonts tact ships (run by a developer, never at run time).

Pages and PDFs must render the same on a server without system fonts, so tact carries:
- Noto Sans Arabic (SIL OFL 1.1), regular and bold, from Debian's fonts-noto-core;
- WenQuanYi Micro Hei (Apache 2.0), from Debian's fonts-wqy-microhei, cut down to the 3,755
  common characters of GB 2312 level 1 plus every character of the Chinese catalogs and
  reference data, with Latin and Cyrillic (the full font is 5 MB; the subset keeps pages light).
Each is written as woff2 (pages) and TTF (WeasyPrint). Needs fontTools + brotli (WeasyPrint's).

    python scripts/vendor_fonts.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "tact" / "static" / "vendor" / "fonts"
NOTO = Path("/usr/share/fonts/truetype/noto")
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# Arabic, Arabic supplement and presentation forms, with ASCII digits and common punctuation
# (pages mix Latin codes into Arabic sentences).
ARABIC_RANGES = [
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0x200C, 0x200F),
    (0x2010, 0x2027),
    (0x2066, 0x2069),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
]
# The Chinese font is also the PDF's text font for Latin and Cyrillic (English, French, Spanish,
# Russian reports render without system fonts), so it keeps those alphabets.
CJK_EXTRA = [
    (0x0020, 0x007E),
    (0x00A0, 0x017F),
    (0x0400, 0x045F),
    (0x2010, 0x2027),
    (0x2030, 0x203A),
    (0x20AC, 0x20AC),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
]


def _gb2312_level1() -> set[int]:
    chars: set[int] = set()
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return chars


def _project_chinese() -> set[int]:
    """Every CJK character in the Chinese catalogs, the reference data and the user guide."""
    text = ""
    for po in ROOT.glob("src/tact/**/locale/zh_Hans/LC_MESSAGES/*.po"):
        text += po.read_text(encoding="utf-8")
    for data in ROOT.glob("src/tact/*/data/*.json"):
        text += json.dumps(json.loads(data.read_text(encoding="utf-8")), ensure_ascii=False)
    for doc in ROOT.glob("src/tact/**/zh*/*.md"):
        text += doc.read_text(encoding="utf-8")
    return {ord(c) for c in re.findall(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]", text)}


def _expand(ranges: list[tuple[int, int]]) -> set[int]:
    return {c for start, end in ranges for c in range(start, end + 1)}


def _write(font: TTFont, unicodes: set[int], stem: str) -> None:
    options = subset.Options()
    options.layout_features = ["*"]  # Arabic shaping needs init/medi/fina/liga/rlig
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)
    font.flavor = None
    font.save(OUT / f"{stem}.ttf")
    font.flavor = "woff2"
    font.save(OUT / f"{stem}.woff2")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    arabic = _expand(ARABIC_RANGES)
    for weight in ("Regular", "Bold"):
        _write(TTFont(NOTO / f"NotoSansArabic-{weight}.ttf"), arabic, f"NotoSansArabic-{weight}")
    chinese = _gb2312_level1() | _project_chinese() | _expand(CJK_EXTRA)
    _write(TTCollection(WQY).fonts[0], chinese, "WenQuanYiMicroHei-subset")
    for path in sorted(OUT.iterdir()):
        print(f"{path.name:40} {path.stat().st_size / 1024:8.0f} KiB")


if __name__ == "__main__":
    main()
