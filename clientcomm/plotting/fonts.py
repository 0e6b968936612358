"""Fonts for figures in Russian, Romanian and Chinese (both scripts).

Matplotlib ships DejaVu Sans, which covers Latin (with Romanian ș ț ă â î)
and Cyrillic but no Chinese. The CJK glyphs come from Noto Sans CJK
(SIL Open Font License 1.1), installed from PyPI by the core dependency
``noto-cjk-sans-otc`` (the static Regular OpenType collection). It is
registered with matplotlib once, lazily, and the family list
``DejaVu Sans → Noto Sans CJK SC`` is set so that matplotlib's per-glyph
fallback takes each character from the first font that has it.

>>> register_fonts()[0]
'DejaVu Sans'
>>> missing_glyphs("Клиенты ș 客户 客戶")
[]
"""
from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

__all__ = ["FONT_FAMILIES", "cjk_font_path", "register_fonts", "missing_glyphs"]

#: Fallback chain, in order: Latin/Cyrillic first, then CJK (its SC face
#: holds every Simplified and Traditional character; TC is listed for
#: systems where only a Traditional face is installed).
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Sans CJK TC"]


def cjk_font_path() -> Path | None:
    """Path of the Noto Sans CJK collection from ``noto-cjk-sans-otc``, or None when not installed."""
    try:
        import noto_cjk_sans_otc
    except ImportError:
        return None
    path = Path(str(noto_cjk_sans_otc.FONT_PATH))
    return path if path.exists() else None


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, ...]:
    """Register the CJK font with matplotlib and set the fallback chain; returns the families in use.

    Safe to call many times (cached). Without the CJK font package a warning
    is logged once and only DejaVu Sans is used (Chinese would then be missing).
    """
    import matplotlib
    from matplotlib import font_manager

    path = cjk_font_path()
    families = ["DejaVu Sans"]
    if path is None:
        logging.getLogger(__name__).warning(
            "noto-cjk-sans-otc is not installed: Chinese labels will show as empty boxes "
            "(pip install noto-cjk-sans-otc)")
    else:
        known = {f.name for f in font_manager.fontManager.ttflist}
        if "Noto Sans CJK SC" not in known or not any(
                Path(f.fname) == path for f in font_manager.fontManager.ttflist):
            font_manager.fontManager.addfont(str(path))
        families += ["Noto Sans CJK SC", "Noto Sans CJK TC"]
    # The per-glyph fallback walks the families named in font.family itself (a generic
    # "sans-serif" alias would resolve to its first installed font only).
    matplotlib.rcParams["font.family"] = list(families)
    matplotlib.rcParams["font.sans-serif"] = families + [
        f for f in matplotlib.rcParams["font.sans-serif"] if f not in families]
    matplotlib.rcParams["axes.unicode_minus"] = True
    return tuple(families)


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` that no font of the fallback chain can draw (whitespace ignored).

    >>> missing_glyphs("ok")
    []
    """
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    fams = register_fonts()
    fonts = []
    for fam in fams:
        prop = font_manager.FontProperties(family=fam)
        fname = font_manager.findfont(prop, fallback_to_default=False)
        entry = next((f for f in font_manager.fontManager.ttflist
                      if f.fname == fname and f.name == fam), None)
        fonts.append(FT2Font(fname, face_index=getattr(entry, "index", 0) if entry else 0))
    out = []
    for ch in dict.fromkeys(text):
        if ch.isspace():
            continue
        if not any(f.get_char_index(ord(ch)) for f in fonts):
            out.append(ch)
    return out
