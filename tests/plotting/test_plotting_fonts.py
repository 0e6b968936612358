"""Figures render Russian, Romanian and Chinese (both scripts) with no missing glyphs."""
from __future__ import annotations

import sys
import types
import warnings

import matplotlib
import pandas as pd
import pytest

from clientcomm import plotting
from clientcomm.plotting import fonts

LABELS = {
    "ru": "Клиент-флегматик хочет знать все подробности",
    "ro": "Clienții țin la învățătură: ș ț ă â î Ș Ț Ă Â Î",
    "zh-Hans": "客户要求提前交货，我们会尽快联系",
    "zh-Hant": "客戶要求提前交貨，我們會儘快聯繫",
}


def test_cjk_font_is_installed_and_registered():
    path = fonts.cjk_font_path()
    assert path is not None and path.exists(), "noto-cjk-sans-otc (core dependency) is missing"
    fams = plotting.register_fonts()
    assert fams[0] == "DejaVu Sans" and "Noto Sans CJK SC" in fams
    assert matplotlib.rcParams["font.family"] == list(fams)


@pytest.mark.parametrize("lang", sorted(LABELS))
def test_every_character_has_a_glyph(lang):
    assert plotting.missing_glyphs(LABELS[lang]) == []


def test_missing_glyphs_reports_what_no_font_has():
    # U+E000 is a private-use code point: no font of the chain draws it
    assert plotting.missing_glyphs("ok \ue000") == ["\ue000"]


def test_rendering_multilingual_labels_raises_no_glyph_warning():
    data = pd.Series({LABELS["ru"][:20]: 3, LABELS["ro"][:20]: 2, LABELS["zh-Hans"][:8]: 4, LABELS["zh-Hant"][:8]: 1})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would become an error here
        fig = plotting.bar(data, title=" · ".join(v[:6] for v in LABELS.values()), horizontal=True)
        png = plotting.to_png(fig)
    assert png[:4] == b"\x89PNG"


def test_without_the_cjk_font_chinese_is_reported_missing(monkeypatch):
    """The check is real: with only DejaVu Sans in the chain, Chinese glyphs are missing."""
    monkeypatch.setattr(fonts, "register_fonts", lambda: ("DejaVu Sans",))
    assert set(fonts.missing_glyphs("客戶")) == {"客", "戶"}
    assert fonts.missing_glyphs("Клиенты ș ț") == []


def test_without_the_font_package_a_warning_and_dejavu_only(monkeypatch, caplog):
    """Without noto-cjk-sans-otc: cjk_font_path() is None, register_fonts() warns once and uses DejaVu Sans alone."""
    monkeypatch.setitem(sys.modules, "noto_cjk_sans_otc", None)  # the import now raises ImportError
    assert fonts.cjk_font_path() is None
    fonts.register_fonts.cache_clear()
    try:
        with matplotlib.rc_context(), caplog.at_level("WARNING", logger=fonts.__name__):
            assert fonts.register_fonts() == ("DejaVu Sans",)
            assert matplotlib.rcParams["font.family"] == ["DejaVu Sans"]
        assert "noto-cjk-sans-otc is not installed" in caplog.text
    finally:
        fonts.register_fonts.cache_clear()  # the next caller registers the real font again


def test_a_font_path_that_does_not_exist_counts_as_not_installed(monkeypatch, tmp_path):
    fake = types.SimpleNamespace(FONT_PATH=tmp_path / "missing.ttc")
    monkeypatch.setitem(sys.modules, "noto_cjk_sans_otc", fake)
    assert fonts.cjk_font_path() is None
