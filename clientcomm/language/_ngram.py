"""Deterministic n-gram scoring over langdetect's bundled language profiles.

langdetect ships, per language, counts of character 1-, 2- and 3-grams from
Wikipedia (its ``profiles/`` folder). langdetect itself samples n-grams at
random and needs a seed; here every n-gram of the text is scored once, so the
result is deterministic and needs no sampling loop:

    log P(text | lang) = Σ_g log(p(g | lang) + ε),   p = count / n_words[len(g)]

with langdetect's own smoothing ε = 0.5 / 10000. Only n-grams known to at
least one candidate profile count. Characters are normalised the way
langdetect normalises them (Romanian ș ț → ş ţ, kana, Hangul and CJK classes).

>>> m = NgramModel(("ro", "it"))
>>> m.predict("programarea livrărilor")[0]
'ro'
"""
from __future__ import annotations

import json
import os
from array import array
from functools import lru_cache
from operator import add

import numpy as np

__all__ = ["NgramModel", "ngram_model", "ngrams", "PROFILE_LANGS"]

EPSILON = 0.5 / 10000
#: langdetect profile name for each BCP-47 code we use (profiles missing for be, kk, sr).
PROFILE_LANGS = {"zh-Hans": "zh-cn", "zh-Hant": "zh-tw"}


def _profile_dir() -> str:
    import langdetect

    return os.path.join(os.path.dirname(langdetect.__file__), "profiles")


class _Normaliser(dict):
    """Character map for ``str.translate`` that computes langdetect's normalisation on first use."""

    def __missing__(self, code: int) -> str:
        from langdetect.utils.ngram import NGram

        ch = chr(code)
        out = NGram.normalize(ch)
        if out != " " and not out.isalpha() and out not in "'’ʼ":
            out = " "
        self[code] = out
        return out


_NORMALISER = _Normaliser()


def _words(text: str) -> list[str]:
    """The words of ``text`` after langdetect's normalisation (all-capital words in lower case)."""
    # langdetect skips all-capital words; we read them in lower case
    return [w.lower() if len(w) > 1 and w.isupper() else w for w in text.translate(_NORMALISER).split()]


def _word_ngrams(w: str) -> list[str]:
    """The 1-3-grams of one normalised word, padded with spaces, in langdetect's order.

    Per position ``i`` of the padded word: the letter, the bigram ending there,
    then the trigram ending there.

    >>> _word_ngrams("da")
    ['d', ' d', 'a', 'da', ' da', 'a ', 'da ']
    """
    s = " " + w + " "
    out = [s[1], s[0:2]]  # i = 1 (no trigram yet); a normalised word never holds a space
    for i in range(2, len(s)):
        out += (s[i], s[i - 1:i + 1], s[i - 2:i + 1]) if s[i] != " " else (s[i - 1:i + 1], s[i - 2:i + 1])
    return out


def _window_grams(window: str) -> tuple[str, ...]:
    """The n-grams langdetect emits at the last character of a 3-character ``window`` of the words
    joined by single spaces and padded (``"  " + " ".join(words) + " "``), in its order.

    After a space (a word's first letter ``c``): the letter and the bigram ``" c"``; at the
    space closing a word: the bigram and the trigram ending there; inside a word: the
    letter, the bigram and the trigram. Everything langdetect emits at a position is fixed
    by the three characters ending there, so a text's n-grams are its windows' in order.

    >>> [g for w in ("  d", " da", "da ") for g in _window_grams(w)] == _word_ngrams("da")
    True
    """
    a, b, c = window
    if b == " ":
        return c, b + c
    if c == " ":
        return b + c, window
    return c, b + c, window


def ngrams(text: str) -> list[str]:
    """All 1-3-grams of the words of ``text`` as langdetect builds them (words padded with spaces).

    >>> ngrams("da")
    ['d', ' d', 'a', 'da', ' da', 'a ', 'da ']
    """
    return [g for w in _words(text) for g in _word_ngrams(w)]


@lru_cache(maxsize=64)  # one entry per langdetect profile (55 of them)
def _load_profile(code: str) -> tuple[dict[str, int], list[int]]:
    name = PROFILE_LANGS.get(code, code)
    with open(os.path.join(_profile_dir(), name), encoding="utf-8") as fh:
        data = json.load(fh)
    return data["freq"], data["n_words"]


#: Tokens (a text split at whitespace) whose n-gram rows each model remembers (then it starts
#: afresh), and 3-character windows whose rows it remembers: a few MB per model at most.
TOKEN_CACHE_SIZE = 20_000
WINDOW_CACHE_SIZE = 50_000
#: ``array`` type code of the stored rows (64-bit) and the matching numpy type.
_ROW_CODE, _ROW_DTYPE = "q", np.int64


class _WindowRows(dict):
    """``window → packed rows`` of the known n-grams of :func:`_window_grams` (computed on first use)."""

    def __init__(self, index: dict[str, int]) -> None:
        super().__init__()
        self.index = index

    def __missing__(self, window: str) -> bytes:
        get = self.index.get
        rows = array(_ROW_CODE, [r for r in map(get, _window_grams(window)) if r is not None]).tobytes()
        if len(self) >= WINDOW_CACHE_SIZE:
            self.clear()
        self[window] = rows
        return rows


class NgramModel:
    """Log-likelihood of a text under each of a fixed set of langdetect profiles."""

    def __init__(self, languages: tuple[str, ...]):
        self.languages = tuple(languages)
        profiles = [_load_profile(code) for code in self.languages]
        grams = sorted(set().union(*(freq.keys() for freq, _ in profiles)))
        self.index = {g: i for i, g in enumerate(grams)}
        table = np.zeros((len(grams) + 1, len(self.languages)))
        for j, (freq, n_words) in enumerate(profiles):  # table[row of g, j] = count of g / n_words[len(g) - 1]
            n = len(freq)
            rows = np.fromiter(map(self.index.__getitem__, freq), dtype=np.intp, count=n)
            lengths = np.fromiter(map(len, freq), dtype=np.intp, count=n)
            # counts and totals are whole numbers below 2**53: as float64 they are exact, and their
            # quotient is the correctly rounded one that Python's int / int gives
            table[rows, j] = np.fromiter(freq.values(), dtype=np.float64, count=n) / \
                np.asarray(n_words, dtype=np.float64)[lengths - 1]
        self.logp = np.log(table + EPSILON)
        self.logp[-1] = 0.0  # row for unknown n-grams
        # rows packed as 64-bit integers: a text's rows are one ``bytes.join`` of its tokens'
        # and one ``np.frombuffer``, not a Python list of ints converted element by element
        self._windows = _WindowRows(self.index)
        self._tokens: dict[str, bytes] = {}

    def _rows_of(self, text: str) -> list[int]:
        """Rows of the known n-grams of ``text``, word after word, in n-gram order."""
        return np.frombuffer(self.rows(text), dtype=_ROW_DTYPE).tolist()

    def rows(self, text: str) -> bytes:
        """The rows of the known n-grams of ``text``, word after word, in n-gram order, packed.

        The words joined by single spaces give every n-gram through its 3-character
        window (:func:`_window_grams`); each window's rows are looked up once per model.
        """
        words = _words(text)
        if not words:
            return b""
        s = "  " + " ".join(words) + " "
        return b"".join(map(self._windows.__getitem__, map(add, map(add, s[:-2], s[1:-1]), s[2:])))

    def token_rows(self, tokens: list[str]) -> bytes:
        """``rows(" ".join(tokens))`` put together token by token (each token's rows remembered).

        Normalising and splitting work character by character within a token (no
        token holds whitespace), so the words of the text are its tokens' words one
        after the other, and so are their rows.
        """
        cache = self._tokens
        get = cache.get
        parts = []
        for t in tokens:
            rows = get(t)
            if rows is None:
                rows = self._one_token_rows(t)
                if len(cache) >= TOKEN_CACHE_SIZE:
                    cache.clear()
                cache[t] = rows
            parts.append(rows)
        return b"".join(parts)

    def _one_token_rows(self, token: str) -> bytes:
        """``rows(token)`` for one token (no whitespace), without splitting when it stays one word.

        Normalising maps each character to one character, a space for anything that is
        neither a letter nor an apostrophe, so a normalised token without a space is one word.
        """
        w = token.translate(_NORMALISER)
        if " " in w:
            return self.rows(token)
        if len(w) > 1 and w.isupper():
            w = w.lower()
        s = "  " + w + " "
        return b"".join(map(self._windows.__getitem__, map(add, map(add, s[:-2], s[1:-1]), s[2:])))

    def sum_rows(self, rows: bytes) -> tuple[np.ndarray, int]:
        """Summed log-likelihood per language of packed ``rows`` and their number (see :meth:`loglik`)."""
        idx = np.frombuffer(rows, dtype=_ROW_DTYPE)
        if not idx.size:
            return np.zeros(len(self.languages)), 0
        return np.add.reduce(self.logp.take(idx, axis=0), axis=0), len(idx)  # = logp[idx].sum(axis=0)

    def sum_column(self, rows: bytes, col: int) -> tuple[float, int]:
        """``sum_rows(rows)`` for the language of column ``col`` only: the same value to the last bit.

        One column is summed with ``cumsum`` (strictly one row after the other), which is
        what :meth:`sum_rows` does per column when the model has two or more columns; with
        one column numpy would sum pairwise, so then the full :meth:`sum_rows` is used.
        """
        if len(self.languages) < 2:
            ll, n = self.sum_rows(rows)
            return float(ll[col]), n
        idx = np.frombuffer(rows, dtype=_ROW_DTYPE)
        if not idx.size:
            return 0.0, 0
        return float(np.cumsum(self.logp[idx, col])[-1]), len(idx)

    def loglik(self, text: str) -> tuple[np.ndarray, int]:
        """Summed log-likelihood per language and the number of known n-grams used.

        The rows are added one after the other (numpy reduces the first axis of a
        C-ordered array with two or more columns row by row), so the result does not
        depend on how the rows were gathered.
        """
        return self.sum_rows(self.rows(text))

    def loglik_of(self, text: str, col: int) -> tuple[float, int]:
        """``loglik(text)`` for the language of column ``col`` only: the same value to the last bit."""
        return self.sum_column(self.rows(text), col)

    def predict(self, text: str) -> tuple[str, float]:
        """Best language and its posterior under a uniform prior (uncalibrated)."""
        ll, n = self.loglik(text)
        p = np.exp(ll - ll.max())
        p /= p.sum()
        j = int(p.argmax())
        return self.languages[j], float(p[j])


@lru_cache(maxsize=32)
def ngram_model(languages: tuple[str, ...]) -> NgramModel:
    """Cached model for a tuple of candidate languages.

    >>> ngram_model(("ru", "uk")).predict("навіть завтра зранку")[0]
    'uk'
    """
    return NgramModel(tuple(languages))
