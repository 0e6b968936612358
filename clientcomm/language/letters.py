"""Letters and words as evidence: alphabets, letters unique to a language, function words.

Data files beside this module: ``alphabets.tsv`` (each language's letters) and
``function_words.tsv`` (frequent function words), both written by hand.

>>> alphabet_violations("мы хочам у свае пахучыя лясы", "be"), alphabet_violations("мы хочам", "uk")
(0, 1)
>>> function_word_hits(["це", "не", "так"], "uk")
3
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

from ..matching import collapse_elongation  # one elongation rule for the package (sentiment uses it too)
from .scripts import char_script

__all__ = [
    "alphabets", "function_words", "alphabet_violations", "function_word_hits",
    "fix_homoglyphs", "words", "UNIQUE_LETTERS", "unique_letter_hits", "ORTHOGRAPHY_RULES",
    "orthography_violations", "collapse_elongation",
]

_HERE = os.path.dirname(__file__)

#: Letters that, alone among the languages we tell apart, one language (or one pair) uses.
UNIQUE_LETTERS: dict[str, str] = {
    "ro": "ăâîșțşţ",          # â î also French/Portuguese/Italian; decided together with ă ș ț
    "uk": "ґєї",
    "be": "ў",
    "kk": "әғқңөұүһ",
    "sr": "ђћ",
    "mk": "ѓќѕ",
    "pl": "ąćęłńśźż",
    "pt": "ãõ",
    "es": "ñ",
}

#: Spelling patterns a language's orthography does not allow: (pattern, languages ruled out, why).
ORTHOGRAPHY_RULES: tuple[tuple[re.Pattern, frozenset[str], str], ...] = (
    (re.compile(r"ъ(?![еёюяЕЁЮЯ])", re.IGNORECASE), frozenset({"ru", "kk"}),
     "Russian and Kazakh write the hard sign only before е ё ю я (Bulgarian: път, България)"),
)

# Latin look-alikes typed inside Cyrillic words (Kazakh "бiрнеше" with Latin i).
_LATIN_LOOKALIKES = "aeopcxyiAEOPCXYIKMHTB"
_LATIN_TO_CYRILLIC = str.maketrans(_LATIN_LOOKALIKES, "аеорсхуіАЕОРСХУІКМНТВ")
_LOOKALIKE = re.compile(f"[{_LATIN_LOOKALIKES}]")
_MIXED_WORD = re.compile(r"\w*[а-яёіїєґўәғқңөұүһђћјљњџѓќѕА-ЯЁІЇЄҐЎӘҒҚҢӨҰҮҺЂЋЈЉЊЏЃЌЅ]\w*")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ\-][^\W\d_]+)*")


def _data_lines(name: str):
    with open(os.path.join(_HERE, name), encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


@lru_cache(maxsize=1)
def alphabets() -> dict[str, tuple[str, frozenset[str]]]:
    """``{lang: (script, letters)}`` from ``alphabets.tsv`` (Latin: letters beyond a-z)."""
    out = {}
    for row in _data_lines("alphabets.tsv"):
        lang, script = row[0], row[1]
        letters = row[2] if len(row) > 2 else ""
        out[lang] = (script, frozenset(letters))
    return out


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    """``{lang: set of function words}`` from ``function_words.tsv``."""
    return {row[0]: frozenset(row[1].split()) for row in _data_lines("function_words.tsv")}


def fix_homoglyphs(text: str) -> str:
    """Replace Latin look-alike letters inside Cyrillic words by their Cyrillic twins.

    >>> fix_homoglyphs("кептiру барысында бiрнеше рет")
    'кептіру барысында бірнеше рет'
    """
    if not _LOOKALIKE.search(text):  # no Latin look-alike letter at all: nothing to replace
        return text
    return _MIXED_WORD.sub(lambda m: m.group(0).translate(_LATIN_TO_CYRILLIC), text)


def words(text: str) -> list[str]:
    """Lower-case words (letters, inner apostrophes and hyphens); cedilla ş ţ read as ș ț.

    >>> words("Aşa e, 42 de ani!")
    ['așa', 'e', 'de', 'ani']
    """
    text = text.lower().replace("ş", "ș").replace("ţ", "ț")
    return _WORD.findall(text)


def alphabet_violations(text: str, lang: str) -> int:
    """Number of distinct letters of ``text`` that ``lang``'s alphabet does not have.

    For Latin-script languages only letters beyond a-z count.

    >>> alphabet_violations("Ce mai faci, ţară?", "ro"), alphabet_violations("Ce mai faci, ţară?", "it")
    (0, 2)
    """
    script, letters = alphabets()[lang]
    lower = set(text.lower())
    if script == "Latn":
        bad = {c for c in lower if c.isalpha() and c > "\x7f" and c not in letters and _is_latin(c)}
    else:
        bad = {c for c in lower if c.isalpha() and c not in letters and _is_script(c, script)}
    return len(bad)


def _is_latin(ch: str) -> bool:
    return char_script(ch) == "Latn"


def _is_script(ch: str, script: str) -> bool:
    return char_script(ch) == script


def orthography_violations(text: str, lang: str) -> int:
    """Number of spelling patterns in ``text`` that ``lang``'s orthography rules out.

    >>> orthography_violations("Пакетът пристигна вчера.", "ru"), orthography_violations("объявление", "ru")
    (1, 0)
    """
    return sum(len(rx.findall(text)) for rx, langs, _ in ORTHOGRAPHY_RULES if lang in langs)


def unique_letter_hits(text: str) -> dict[str, int]:
    """Count of letters unique to each language (see ``UNIQUE_LETTERS``); languages with none omitted.

    >>> unique_letter_hits("Ґречна дівчина їсть")
    {'uk': 2}
    """
    lower = text.lower()
    out = {}
    for lang, letters in UNIQUE_LETTERS.items():
        n = sum(lower.count(c) for c in letters)
        if n:
            out[lang] = n
    return out


def function_word_hits(tokens: list[str], lang: str) -> int:
    """How many of ``tokens`` (lower case) are function words of ``lang``."""
    fw = function_words().get(lang, frozenset())
    return sum(t in fw for t in tokens)
