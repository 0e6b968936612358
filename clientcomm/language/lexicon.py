"""Dictionary coverage: the share of a text's words that a language's lexicon knows.

Short fragments ("денеска вечерва", "taula rodona") carry too few characters
for n-gram statistics, but each whole word is strong evidence: Ukrainian
"дякую" (thank you) is in no Russian word list. The word lists are simplemma's
form → lemma dictionaries (a maintained, offline core dependency of clientcomm,
used by ``clientcomm.tokens`` too); only membership is used.
Serbian Cyrillic is looked up in simplemma's Serbo-Croatian (``hbs``, Latin
script) list after letter-by-letter transliteration. Belarusian and Kazakh have
no list (``None``; the detector then assumes a neutral share). Polish is left out on purpose: its
list is the largest (3.7 million forms) and Polish is already told apart by its
letters ą ć ę ł ń ś ź ż.

The lists are read from compact memory-mapped tries (:mod:`.wordlists`: about
38 MB on disk for all twelve, built once per machine into a cache folder),
not decoded into Python dicts: a process touches only the pages it looks up,
and worker processes share them.

>>> known_share(["дякую", "дуже"], "uk"), known_share(["дякую", "дуже"], "ru")
(1.0, 0.0)
>>> known_share(["данас", "увече"], "sr")
1.0
>>> known_share(["хочам"], "be") is None
True
"""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping, Sequence

__all__ = ["LEXICON_CODES", "MAX_WORDS", "KNOWN_CACHE_SIZE", "SR_CYR_TO_LAT", "known_share", "lexicon"]

#: clientcomm language → simplemma dictionary code (languages without a list are absent).
LEXICON_CODES: dict[str, str] = {
    "ru": "ru", "uk": "uk", "bg": "bg", "mk": "mk", "sr": "hbs",
    "en": "en", "ro": "ro", "it": "it", "es": "es", "pt": "pt", "fr": "fr", "ca": "ca",
}
#: Only the first words of a text are looked up (long texts are decided by n-grams anyway).
MAX_WORDS = 8

#: Words whose membership each language remembers (then it starts afresh): a look-up in the
#: memory-mapped list costs about ten times a dict look-up, and frequent words repeat.
KNOWN_CACHE_SIZE = 10_000
_KNOWN: dict[str, dict[str, bool]] = {}

_SR_PAIRS = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z",
             "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
             "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c",
             "ч": "č", "џ": "dž", "ш": "š"}
#: ``str.translate`` table: Serbian Cyrillic → Serbian Latin (Gaj's alphabet), both cases.
SR_CYR_TO_LAT = str.maketrans({**_SR_PAIRS, **{k.upper(): v.capitalize() for k, v in _SR_PAIRS.items()}})


@lru_cache(maxsize=None)  # a handful of languages; asked for every short text
def lexicon(lang: str) -> Mapping[str, str] | None:
    """simplemma's form → lemma mapping for ``lang`` (a memory-mapped word list), or None when there is none.

    >>> "mulțumesc" in lexicon("ro")
    True
    """
    from .wordlists import wordlist  # not at import time: ``python -m clientcomm.language.wordlists`` runs it

    code = LEXICON_CODES.get(lang)
    return None if code is None else wordlist(code)


def known_share(tokens: Sequence[str], lang: str) -> float | None:
    """Share of ``tokens`` (lower case; the first ``MAX_WORDS``) found in ``lang``'s lexicon.

    None when ``lang`` has no lexicon or there are no tokens.

    >>> known_share(["taula", "rodona"], "ca"), known_share(["taula", "rodona"], "ro")
    (1.0, 0.0)
    """
    if not tokens:
        return None
    lex = lexicon(lang)
    if lex is None:
        return None
    toks = tokens[:MAX_WORDS]
    if lang == "sr":
        toks = [t.translate(SR_CYR_TO_LAT) for t in toks]
    known = _KNOWN.get(lang)
    if known is None:
        known = _KNOWN[lang] = {}
    hits = 0
    for t in toks:
        hit = known.get(t)
        if hit is None:
            if len(known) >= KNOWN_CACHE_SIZE:
                known.clear()
            hit = known[t] = t in lex
        hits += hit
    return hits / len(toks)
