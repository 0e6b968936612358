"""Tokens and lemmas for Russian, Romanian, English and Chinese.

One helper, reused by sentiment and the dictionaries:

>>> [t.lemma for t in tokenize("Клиентами довольны", "ru")]
['клиент', 'довольный']
>>> [t.text for t in tokenize("客戶很滿意", "zh-Hant")]
['客戶', '很', '滿意']

Russian and Romanian lemmas come from simplemma (a maintained, offline
lemmatiser); Chinese is segmented by jieba on a Simplified view made with
OpenCC, so one dictionary serves both scripts, and each token keeps its
original characters and offsets. jieba's segmentation itself runs as
:mod:`clientcomm.jieba_words` (the same words from jieba's dictionary and
model, in about a third of the CPU time). Lemmas of Chinese tokens are the Simplified
form. jieba's start-up logging is silenced.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache, partial
from typing import NamedTuple

from .language.scripts import HAN_RE

__all__ = ["Token", "tokenize", "lemmatize", "to_simplified", "is_cjk_lang", "TokenizedText", "tokenized_texts"]

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)
_HAN = HAN_RE

_SIMPLEMMA_LANG = {"ru": "ru", "ro": "ro", "en": "en", "uk": "uk", "bg": "bg", "it": "it",
                   "es": "es", "fr": "fr", "pt": "pt", "pl": "pl", "mk": "mk", "ca": "ca"}


class Token(NamedTuple):
    """A token with its lower-cased lemma and character offsets into the text."""

    text: str
    lemma: str
    start: int
    end: int


#: ``_token((text, lemma, start, end))`` is ``Token(text, lemma, start, end)`` without the Python-level
#: ``__new__`` of a NamedTuple (tokenisers make hundreds of thousands of tokens).
_token = partial(tuple.__new__, Token)


def is_cjk_lang(lang: str | None) -> bool:
    return bool(lang) and (lang == "zh" or lang.startswith("zh-") or lang in ("ja", "ko"))


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # opencc-python-reimplemented: pure Python, wheels everywhere

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=200_000)
def _t2s_char(ch: str) -> str:
    out = _t2s().convert(ch)
    return out if len(out) == 1 else ch


class _SimplifiedChars(dict):
    """``str.translate`` table: code point → its Simplified character, filled on first use.

    Non-Han characters and conversions that are not one character map to themselves.
    Bounded: emptied when it holds ``_T2S_TABLE_SIZE`` characters.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = _t2s_char(ch) if _HAN.match(ch) else ch
        if len(self) >= _T2S_TABLE_SIZE:
            self.clear()
        self[code] = out
        return out


_T2S_TABLE_SIZE = 200_000
_T2S_TABLE = _SimplifiedChars()


def to_simplified(text: str) -> str:
    """Simplified view of ``text`` with the same length (character by character).

    Character-level conversion keeps every offset valid; phrase-level
    conversion would occasionally change lengths.

    >>> to_simplified("發業說")
    '发业说'
    """
    return text.translate(_T2S_TABLE)


def _import_jieba():
    """``import jieba`` without letting it import ``pkg_resources``.

    jieba 0.42 imports ``pkg_resources`` only to open its own bundled files
    (about 0.1 s CPU in every process and worker, and a deprecation warning
    under recent setuptools); when that import fails, jieba opens the same
    files by their path. ``pkg_resources`` is hidden during this one import
    only, and only when nothing has imported it yet.
    """
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


@lru_cache(maxsize=1)
def _jieba():
    jieba = _import_jieba()

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    # Loading only (same dictionary, same tokens): jieba's own cache is a marshal file that takes about
    # 0.6 s CPU to read, a pickle of the same (FREQ, total) about 0.2 s, in every process and worker.
    # The pickle is written once per jieba version into clientcomm's cache folder (the word lists' one).
    import pickle

    from .language.wordlists import build_once, cache_root

    dt = jieba.dt
    if dt.dictionary == jieba.DEFAULT_DICT and not dt.initialized:
        def write(path):
            jieba.initialize()
            with open(path, "wb") as fh:
                pickle.dump((dt.FREQ, dt.total), fh, protocol=pickle.HIGHEST_PROTOCOL)

        try:
            path = build_once(cache_root() / "jieba-v1" / f"jieba-{jieba.__version__}.pickle", write)
        except OSError:  # no writable cache folder: jieba's own loading (below) gives the same dictionary
            path = None
        if path is not None and not dt.initialized:
            with open(path, "rb") as fh:
                dt.FREQ, dt.total = pickle.load(fh)
            dt.initialized = True
    jieba.initialize()  # no-op once loaded
    return jieba


@lru_cache(maxsize=1)
def _lemmatizer():
    """simplemma's lemmatiser (its default strategy) reading the memory-mapped word lists.

    Same answers as ``simplemma.lemmatize``; the dictionaries are not decoded into
    Python dicts (see :mod:`clientcomm.language.wordlists`). Its own result cache is
    off: :func:`lemmatize` keeps one, bounded.
    """
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    from .language.wordlists import WordListFactory

    return Lemmatizer(cache_max_size=0,
                      lemmatization_strategy=DefaultStrategy(dictionary_factory=WordListFactory()))


#: Distinct (word, language) pairs whose lemma is kept (about 20 MB when full), and as many
#: (lower-case word, language) pairs behind them.
LEMMA_CACHE_SIZE = 100_000


@lru_cache(maxsize=LEMMA_CACHE_SIZE)
def lemmatize(word: str, lang: str) -> str:
    """Lower-cased lemma of one word (simplemma); Chinese: Simplified form.

    The lemma depends on the lower-case word only, so ``Клиент`` and ``клиент``
    ask simplemma once.

    >>> lemmatize("clienții", "ro"), lemmatize("Clienții", "ro")
    ('client', 'client')
    """
    return _lemmatize_lower(word.lower(), lang)


@lru_cache(maxsize=LEMMA_CACHE_SIZE)
def _lemmatize_lower(w: str, lang: str) -> str:
    """:func:`lemmatize` of a word already in lower case."""
    if is_cjk_lang(lang):
        return to_simplified(w)
    code = _SIMPLEMMA_LANG.get((lang or "").split("-")[0])
    if code is None or not w[:1].isalpha():
        return w
    try:
        return _lemmatizer().lemmatize(w, code).lower()
    except ValueError:  # simplemma rejects some inputs (e.g. over-long tokens): the word is its own lemma
        return w


#: jieba versions whose default segmentation :mod:`clientcomm.jieba_words` is tested to reproduce
#: (``tests/test_jieba_words.py``, ``benchmarks/jieba_identity.py``); other versions segment with jieba itself.
JIEBA_VERSIONS_REPRODUCED = ("0.42.1",)


@lru_cache(maxsize=1)
def _segmenter():
    """``text -> [(word, start, end)]``, the same as ``list(jieba.dt.tokenize(text))``.

    :func:`clientcomm.jieba_words.tokenize` (same words, about a third of jieba's CPU time) when the
    installed jieba is a version it was checked against, else jieba's own ``tokenize``. Either way the
    dictionary is jieba's default tokenizer's, read live (words added later count).
    """
    jieba = _jieba()
    dt = jieba.dt
    if jieba.__version__ in JIEBA_VERSIONS_REPRODUCED:
        from .jieba_words import tokenize as segment

        return partial(segment, tokenizer=dt)
    return lambda text: list(dt.tokenize(text))


def _zh_rows(text: str) -> list[tuple[str, str, int, int]]:
    """Chinese tokens of ``text`` as plain ``(text, lemma, start, end)`` tuples: jieba's words of the
    Simplified view that hold a Han character or start with a letter or digit (punctuation and spaces
    are not tokens), with the original characters and offsets, and the Simplified word lower-cased as
    the lemma.

    The tuples are made directly (no :class:`Token` first). Shortcuts, each giving the same tuples:
    when the Simplified view is the text itself (a text in Simplified characters), each word is its own
    original characters and is not sliced again; when ``lower()`` changes no character of the view, each
    word is its own lemma (``lower()`` maps every character on its own, except Σ, which it always changes;
    so no part of such a view changes either, see ``tests/test_tokens.py``); ``w.isalnum()`` is tested
    first, as it is true for most words and then so is the test of their first character.

    >>> _zh_rows("客戶說：OK")
    [('客戶', '客户', 0, 2), ('說', '说', 2, 3), ('OK', 'ok', 4, 6)]
    """
    simplified = to_simplified(text)
    han = _HAN.search
    words = _segmenter()(simplified)
    if simplified.lower() == simplified:
        if simplified == text:
            return [(w, w, a, b) for w, a, b in words if w.isalnum() or w[:1].isalnum() or han(w)]
        return [(text[a:b], w, a, b) for w, a, b in words if w.isalnum() or w[:1].isalnum() or han(w)]
    if simplified == text:
        return [(w, w.lower(), a, b) for w, a, b in words if w.isalnum() or w[:1].isalnum() or han(w)]
    return [(text[a:b], w.lower(), a, b) for w, a, b in words if w.isalnum() or w[:1].isalnum() or han(w)]


def tokenize(text: str, lang: str | None = None) -> list[Token]:
    """Split ``text`` into word tokens with lemmas and offsets.

    ``lang`` is a BCP-47 code (``ru``, ``ro``, ``en``, ``zh-Hans``, ``zh-Hant``);
    when it is None, Han characters select Chinese segmentation and anything
    else the alphabetic tokenizer without lemmatisation.
    """
    if not isinstance(text, str) or not text:
        return []
    if is_cjk_lang(lang) or (lang is None and _HAN.search(text)):
        if lang in ("ja", "ko"):
            return [Token(m.group(), m.group().lower(), m.start(), m.end())
                    for m in _WORD.finditer(text)]
        return list(map(_token, _zh_rows(text)))
    return list(map(_token, _word_rows(text, lang or "")))


def _word_rows(text: str, lang: str) -> list[tuple[str, str, int, int]]:
    """The alphabetic tokenizer's ``(text, lemma, start, end)`` as plain tuples (see :class:`TokenizedText`)."""
    lem = lemmatize
    return [(word, lem(word, lang), m.start(), m.end()) for m in _WORD.finditer(text) for word in (m.group(),)]


def _tokenization_key(text: str, lang: str | None) -> str | None:
    """Languages for which :func:`tokenize` gives the same tokens share a key (every Chinese variant: ``zh``)."""
    if lang in ("ja", "ko"):
        return lang
    if is_cjk_lang(lang) or (lang is None and _HAN.search(text)):
        return "zh"
    return lang


class TokenizedText:
    """One text's tokens, made once per tokenisation language and shared by every annotator.

    The pipeline builds one per distinct text and hands it to sentiment and
    to each dictionary, so a text is segmented (jieba, for Chinese) once
    however many steps read it; ``zh-Hans`` and ``zh-Hant`` share one
    segmentation.

    The tokens are kept as plain tuples and handed out as a new list of
    :class:`Token` on each call: plain tuples of strings and numbers are not
    tracked by Python's cycle collector, whereas hundreds of thousands of
    live ``Token`` objects (a pipeline holds every text's tokens until its
    last step) made each full collection walk them all — about 0.5 s of CPU
    per 5,000 customer texts in the sentiment step alone, several times the
    cost of making the ``Token`` objects again.

    >>> tt = TokenizedText("客戶很滿意")
    >>> [t.text for t in tt.tokens("zh-Hant")]
    ['客戶', '很', '滿意']
    >>> tt.tokens("zh-Hans") == tt.tokens("zh-Hant")
    True
    """

    __slots__ = ("text", "_by_key")

    def __init__(self, text: str) -> None:
        self.text = text if isinstance(text, str) else ""
        self._by_key: dict[str | None, tuple[tuple, ...]] = {}

    def tokens(self, lang: str | None) -> list[Token]:
        """``tokenize(self.text, lang)``, segmented on first use for that language."""
        return list(map(_token, self.rows(lang)))

    def rows(self, lang: str | None) -> tuple[tuple[str, str, int, int], ...]:
        """The same tokens as plain ``(text, lemma, start, end)`` tuples, for readers that index them
        (no :class:`Token` is made: the sentiment engine and the dictionaries read every token of every text).

        >>> TokenizedText("Clienții mulțumiți").rows("ro")
        (('Clienții', 'client', 0, 8), ('mulțumiți', 'mulțumit', 9, 18))
        """
        key = _tokenization_key(self.text, lang)
        rows = self._by_key.get(key)
        if rows is None:
            text = self.text
            if not text:
                rows = ()
            elif key == "zh":
                rows = tuple(_zh_rows(text))
            elif key in ("ja", "ko"):
                rows = tuple(map(tuple, tokenize(text, lang)))
            else:  # tokenize's alphabetic path, without making Token objects first
                rows = tuple(_word_rows(text, lang or ""))
            self._by_key[key] = rows
        return rows

    def __repr__(self) -> str:
        return f"TokenizedText({self.text!r})"


def tokenized_texts(texts) -> list[TokenizedText]:
    """A :class:`TokenizedText` per text, aligned with ``texts`` (tokens are made on first use)."""
    return [TokenizedText(t) for t in texts]
