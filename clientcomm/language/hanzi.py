"""Simplified versus Traditional Chinese from OpenCC's character tables.

A character is *Simplified-only* when OpenCC's ``STCharacters`` maps it to
Traditional forms that do not include itself (发 → 發 髮), and *Traditional-only*
when ``TSCharacters`` maps it to Simplified forms that do not include itself
(發 → 发). Characters common to both scripts (中, 人, 后) are no evidence.
The tables are read from the installed ``opencc`` package (opencc-python-
reimplemented, data from the OpenCC project, Apache-2.0), once, lazily.

>>> chinese_variant("我们发现这个问题")[0], chinese_variant("我們發現這個問題")[0]
('zh-Hans', 'zh-Hant')
"""
from __future__ import annotations

import os
from functools import lru_cache

__all__ = ["han_sets", "variant_counts", "chinese_variant"]


def _read_table(name: str) -> dict[str, list[str]]:
    import opencc

    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", name)
    table: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            key, _, values = line.rstrip("\n").partition("\t")
            if key:
                table[key] = values.split()
    return table


@lru_cache(maxsize=1)
def han_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(Simplified-only, Traditional-only) character sets built from OpenCC's tables.

    >>> simp, trad = han_sets()
    >>> "发" in simp, "發" in trad, "中" in simp | trad
    (True, True, False)
    """
    st = _read_table("STCharacters.txt")
    ts = _read_table("TSCharacters.txt")
    simp = {c for c, forms in st.items() if len(c) == 1 and c not in forms}
    trad = {c for c, forms in ts.items() if len(c) == 1 and c not in forms}
    # A character that one table treats as Simplified and the other as Traditional is no evidence.
    both = simp & trad
    return frozenset(simp - both), frozenset(trad - both)


def variant_counts(text: str) -> tuple[int, int]:
    """Number of Simplified-only and Traditional-only characters in ``text``.

    >>> variant_counts("这是國語")
    (1, 2)
    """
    marks = text.translate(_variant_marks())  # "s" per Simplified-only, "t" per Traditional-only character
    return marks.count("s"), marks.count("t")


class _VariantMarks(dict):
    """``str.translate`` table: a Simplified-only character → ``"s"``, a Traditional-only one → ``"t"``,
    anything else → ``""`` (filled on first use)."""

    def __init__(self, simp: frozenset[str], trad: frozenset[str]) -> None:
        super().__init__()
        self.simp, self.trad = simp, trad

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = self[code] = "s" if ch in self.simp else "t" if ch in self.trad else ""
        return out


@lru_cache(maxsize=1)
def _variant_marks() -> _VariantMarks:
    return _VariantMarks(*han_sets())


def chinese_variant(text: str) -> tuple[str, float, str]:
    """``(lang, score, script)`` for a Han text: zh-Hans/Hans, zh-Hant/Hant, or zh/Hani if no evidence.

    The score is the share of the winning side among distinguishing characters,
    shrunk towards 0.5 when there are few of them.

    >>> chinese_variant("中文")
    ('zh', 0.5, 'Hani')
    """
    n_s, n_t = variant_counts(text)
    if n_s == n_t:
        return "zh", 0.5, "Hani"
    win = max(n_s, n_t)
    score = (win + 0.5) / (n_s + n_t + 1.0)
    return ("zh-Hans", score, "Hans") if n_s > n_t else ("zh-Hant", score, "Hant")
