"""Fonts for figures: DejaVu Sans for Latin text with a CJK font for Chinese."""

from __future__ import annotations

import glob
import importlib.util
from pathlib import Path

from matplotlib import font_manager

_CJK_FILES = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
              "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
              "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
_CJK_NAMES = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC",
              "Noto Sans CJK JP", "Source Han Sans SC", "Droid Sans Fallback", "SimHei",
              "Microsoft YaHei", "PingFang SC", "Heiti SC")
_FONT_FAMILY: list[str] | None = None


def font_family() -> list[str]:
    """DejaVu Sans for Latin text, falling back to a CJK font for Chinese.

    The project installs one (Noto Sans CJK SC, from the `mplfonts` package), so
    Chinese renders the same on every machine; a system font (Debian:
    fonts-wqy-microhei) is used where that is missing. Matplotlib's font list is
    cached when it is first built, so fonts are added here by their files.
    Without any CJK font, Chinese chart text shows as boxes (the page text is
    unaffected).
    """
    global _FONT_FAMILY
    if _FONT_FAMILY is None:
        names = {f.name for f in font_manager.fontManager.ttflist}
        if not names.intersection(_CJK_NAMES):
            for path in [*_packaged_cjk_fonts(), *_CJK_FILES,
                         *glob.glob("/usr/share/fonts/**/*CJK*", recursive=True)]:
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
            names = {f.name for f in font_manager.fontManager.ttflist}
        _FONT_FAMILY = ["DejaVu Sans", *[n for n in _CJK_NAMES if n in names][:1]]
    return _FONT_FAMILY


def _packaged_cjk_fonts() -> list[str]:
    """Noto Sans CJK SC as shipped in the `mplfonts` package (found without importing it)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return [str(folder / "NotoSansCJKsc-Regular.otf")]
