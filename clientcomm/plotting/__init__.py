"""Figures for clientcomm: matplotlib helpers whose labels render in every corpus language.

Importing this package registers the CJK font (Noto Sans CJK, OFL) with
matplotlib and sets the fallback chain DejaVu Sans → Noto Sans CJK, so
Cyrillic, Romanian diacritics and Chinese in both scripts draw without
missing-glyph boxes.

>>> import pandas as pd
>>> from clientcomm import plotting
>>> fig = plotting.bar(pd.Series({"русский": 2, "română": 3, "中文": 1}))
>>> plotting.missing_glyphs("русский română ș ț 简体 繁體")
[]
"""
from __future__ import annotations

from .figures import (FIGURE_DIR_ENV, FIGURE_PREFIX_ENV, bar, distribution, heatmap, intervals, keyness_bars,
                      new_figure, proportions, save, show, to_png)
from .fonts import FONT_FAMILIES, cjk_font_path, missing_glyphs, register_fonts
from .notebook import load_segments, readable, select_languages, setup_notebook
from . import conversations  # figures and helpers of notebooks 07-08 (plotting.conversations.response_times …)

__all__ = ["bar", "heatmap", "distribution", "keyness_bars", "proportions", "intervals", "readable", "new_figure", "to_png",
           "save", "show", "register_fonts", "missing_glyphs", "cjk_font_path", "FONT_FAMILIES",
           "setup_notebook", "load_segments", "select_languages", "FIGURE_DIR_ENV", "FIGURE_PREFIX_ENV",
           "conversations"]

register_fonts()
