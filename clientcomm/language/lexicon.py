"""Dictionary coverage: the share of a text's words that a language's lexicon knows.

Short fragments ("денеска вечерва", "taula rodona") carry too few characters
for n-gram statistics, but each whole word is strong evidence: Ukrainian
"дякую" (thank you) is in no Russian word list. The word lists are simplemma's
form → lemma dictionaries (a maintained, offline core dependency of clientcomm,
used by ``clientcomm.tokens`` too); only membership is used.
Serbian Cyrillic is looked up in simplemma's Serbo-Croatian (``hbs``, Latin
script) list after letter-by-letter transliteration. Belarusian and Kazakh have
no list (``None``; the detector then assumes a neutral share). Polish is left out on purpose: its
list is the largest (3.7 million forms, ~10 s to decode) and Polish is already
told apart by its letters ą ć ę ł ń ś ź ż.

The dictionaries are decoded on first use (about 1 s each, a few hundred MB for
all of them together) and shared with every other simplemma user in the process.

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

__all__ = ["LEXICON_CODES", "MAX_WORDS", "SR_CYR_TO_LAT", "known_share", "lexicon"]

#: clientcomm language → simplemma dictionary code (languages without a list are absent).
LEXICON_CODES: dict[str, str] = {
    "ru": "ru", "uk": "uk", "bg": "bg", "mk": "mk", "sr": "hbs",
    "en": "en", "ro": "ro", "it": "it", "es": "es", "pt": "pt", "fr": "fr", "ca": "ca",
}
#: Only the first words of a text are looked up (long texts are decided by n-grams anyway).
MAX_WORDS = 8

_SR_PAIRS = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z",
             "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
             "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c",
             "ч": "č", "џ": "dž", "ш": "š"}
#: ``str.translate`` table: Serbian Cyrillic → Serbian Latin (Gaj's alphabet), both cases.
SR_CYR_TO_LAT = str.maketrans({**_SR_PAIRS, **{k.upper(): v.capitalize() for k, v in _SR_PAIRS.items()}})


def _factory():
    try:  # the factory simplemma.lemmatize uses: dictionaries are decoded once per process
        from simplemma.lemmatizer import DEFAULT_DICTIONARY_FACTORY
        return DEFAULT_DICTIONARY_FACTORY
    except ImportError:  # pragma: no cover - other simplemma versions
        from simplemma.strategies.dictionaries import DefaultDictionaryFactory
        return DefaultDictionaryFactory()


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Mapping[str, str] | None:
    """simplemma's form → lemma mapping for ``lang``, or None when there is none.

    >>> "mulțumesc" in lexicon("ro")
    True
    """
    code = LEXICON_CODES.get(lang)
    if code is None:
        return None
    try:
        return _factory().get_dictionary(code)
    except (ValueError, OSError):  # pragma: no cover - language missing from this simplemma
        return None


def known_share(tokens: Sequence[str], lang: str) -> float | None:
    """Share of ``tokens`` (lower case; the first ``MAX_WORDS``) found in ``lang``'s lexicon.

    None when ``lang`` has no lexicon or there are no tokens.

    >>> known_share(["taula", "rodona"], "ca"), known_share(["taula", "rodona"], "ro")
    (1.0, 0.0)
    """
    lex = lexicon(lang) if tokens else None
    if lex is None:
        return None
    toks = tokens[:MAX_WORDS]
    if lang == "sr":
        toks = [t.translate(SR_CYR_TO_LAT) for t in toks]
    return sum(t in lex for t in toks) / len(toks)
