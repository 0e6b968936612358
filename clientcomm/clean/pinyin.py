"""Chinese ``字(pinyin)`` conversion artefacts: ``發(fā)`` → ``發``.

Some Simplified→Traditional converters annotate characters whose reading is
ambiguous with their pinyin in brackets. The rule removes a bracketed group
only when it directly follows a Han character and holds exactly one pinyin
syllable with one tone mark (converters gloss one character at a time), so ordinary brackets — ``(见上文)``, ``(2019)``,
``(Apple)`` — are never touched.

>>> remove_pinyin_glosses("經常發(fā)生變化(見上文),客戶(kèhù)", None)[0]
'經常發生變化(見上文),客戶(kèhù)'
"""
from __future__ import annotations

import re

from ..language.scripts import HAN_RANGES
from .result import log_entry

__all__ = ["remove_pinyin_glosses", "PINYIN_GLOSS"]

_HAN = HAN_RANGES
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_VOWELS = f"aeiouüv{_TONED}"
#: A Han character followed by ``(syllable)`` (ASCII or full-width brackets):
#: one pinyin syllable — optional initial, 1–4 vowels, optional -n/-ng/-r —
#: with exactly one tone mark (checked in :func:`remove_pinyin_glosses`).
PINYIN_GLOSS = re.compile(
    rf"([{_HAN}])[(（]((?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[{_VOWELS}]{{1,4}}(?:ng|n|r)?)[)）]")


def _is_gloss(syllable: str) -> bool:
    return sum(c in _TONED for c in syllable) == 1


def remove_pinyin_glosses(text: str, lang: str | None = None) -> tuple[str, list[dict]]:
    """Drop pinyin glosses after Han characters, logging each ``字(pīn)`` → ``字``."""
    found: list[str] = []

    def repl(m: re.Match) -> str:
        if not _is_gloss(m.group(2)):
            return m.group(0)
        found.append(f"{m.group(0)}→{m.group(1)}")
        return m.group(1)

    out = PINYIN_GLOSS.sub(repl, text)
    if not found:
        return text, []
    return out, [log_entry("pinyin_gloss", "removed", len(found), found)]
