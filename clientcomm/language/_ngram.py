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
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain
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


def _gram_rows(get, w: str) -> Iterator:
    """``map(get, _word_ngrams(w))`` with the n-grams made by C-level ``map``/``zip`` (no Python loop).

    Letters, bigrams and trigrams of the padded word are looked up as three
    lists and interleaved in langdetect's order: position 1 gives its letter
    and bigram; every inner position its letter, bigram and trigram; the
    closing space its bigram and trigram.
    """
    s = " " + w + " "
    bigrams = list(map(add, s[:-1], s[1:]))
    uni = list(map(get, w))
    bi = list(map(get, bigrams))
    tri = list(map(get, map(add, bigrams[:-1], s[2:])))
    return chain((uni[0], bi[0]), chain.from_iterable(zip(uni[1:], bi[1:-1], tri[:-1])), (bi[-1], tri[-1]))


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


#: Words whose known n-gram rows each model remembers (then it starts afresh); about 3 MB per model.
WORD_CACHE_SIZE = 20_000
#: ``array`` type code of the stored rows (64-bit) and the matching numpy type.
_ROW_CODE, _ROW_DTYPE = "q", np.int64


class NgramModel:
    """Log-likelihood of a text under each of a fixed set of langdetect profiles."""

    def __init__(self, languages: tuple[str, ...]):
        self.languages = tuple(languages)
        profiles = [_load_profile(code) for code in self.languages]
        grams = sorted(set().union(*(freq.keys() for freq, _ in profiles)))
        self.index = {g: i for i, g in enumerate(grams)}
        table = np.zeros((len(grams) + 1, len(self.languages)))
        for j, (freq, n_words) in enumerate(profiles):
            for g, count in freq.items():
                table[self.index[g], j] = count / n_words[len(g) - 1]
        self.logp = np.log(table + EPSILON)
        self.logp[-1] = 0.0  # row for unknown n-grams
        # word → its rows packed as 64-bit integers: a text's rows are one ``bytes.join`` of its
        # words' and one ``np.frombuffer``, not a Python list of ints converted element by element
        self._rows: dict[str, bytes] = {}

    def _word_rows(self, w: str) -> bytes:
        """Rows of the known n-grams of one word, in n-gram order, packed (remembered: words repeat)."""
        rows = self._rows.get(w)
        if rows is None:
            rows = array(_ROW_CODE, [i for i in _gram_rows(self.index.get, w) if i is not None]).tobytes()
            if len(self._rows) >= WORD_CACHE_SIZE:
                self._rows.clear()
            self._rows[w] = rows
        return rows

    def _rows_of(self, text: str) -> list[int]:
        """Rows of the known n-grams of ``text``, word after word, in n-gram order."""
        return self._row_array(text).tolist()

    def _row_array(self, text: str) -> np.ndarray:
        """:meth:`_rows_of` as an integer array (what :meth:`loglik` indexes with)."""
        cached = self._rows.get
        parts = []
        for w in _words(text):
            rows = cached(w)
            parts.append(self._word_rows(w) if rows is None else rows)
        return np.frombuffer(b"".join(parts), dtype=_ROW_DTYPE)

    def loglik(self, text: str) -> tuple[np.ndarray, int]:
        """Summed log-likelihood per language and the number of known n-grams used.

        The rows are added one after the other (numpy reduces the first axis of a
        C-ordered array with two or more columns row by row), so the result does not
        depend on how the rows were gathered.
        """
        idx = self._row_array(text)
        if not idx.size:
            return np.zeros(len(self.languages)), 0
        return self.logp[idx].sum(axis=0), len(idx)

    def loglik_of(self, text: str, col: int) -> tuple[float, int]:
        """``loglik(text)`` for the language of column ``col`` only: the same value to the last bit.

        One column is summed with ``cumsum`` (strictly one row after the other), which is
        what :meth:`loglik` does per column when the model has two or more columns; with
        one column numpy would sum pairwise, so then the full :meth:`loglik` is used.
        """
        if len(self.languages) < 2:
            ll, n = self.loglik(text)
            return float(ll[col]), n
        idx = self._row_array(text)
        if not idx.size:
            return 0.0, 0
        return float(np.cumsum(self.logp[idx, col])[-1]), len(idx)

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
