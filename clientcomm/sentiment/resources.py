"""Lexicons and rule tables: found by language, loaded lazily once, cached.

>>> lang_code("zh-Hant"), lang_code("ro-RO"), lang_code("de")
('zh', 'ro', None)
>>> rule_table("ru").NEGATION_SCOPE > 0
True

A lexicon is ``lexicons/<code>.tsv`` (``term<TAB>valence<TAB>notes`` after
``#`` header comments); zh-Hant, yue and zh-HK also read ``zh_yue.tsv``.
A missing lexicon or rule module is not an error: the language then scores
0 (neutral) with no hits, which lets lexicons be added one at a time.
"""
from __future__ import annotations

import csv
import importlib
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from ..matching import fold_diacritics  # the package's one diacritic folding (also the dictionaries')

__all__ = ["LEXICON_DIR", "lang_code", "lexicon_names", "rule_table", "RuleTable", "read_lexicon",
           "load_lexicon", "norm_key", "fold_diacritics", "ro_fold_lemma", "lexicon_frame"]

log = logging.getLogger(__name__)

LEXICON_DIR = Path(__file__).with_name("lexicons")

_CODES = {"ru": "ru", "ro": "ro", "mo": "ro", "en": "en", "zh": "zh", "yue": "zh", "cmn": "zh"}


def lang_code(lang: str | None) -> str | None:
    """Map a BCP-47 tag to the rule-table code (``ru``, ``ro``, ``en``, ``zh``) or None."""
    if not lang or not isinstance(lang, str):
        return None
    return _CODES.get(lang.split("-")[0].split("_")[0].lower())


def lexicon_names(lang: str | None) -> tuple[str, ...]:
    """Lexicon files (without ``.tsv``) used for ``lang``: zh-Hant adds the Cantonese one."""
    code = lang_code(lang)
    if code is None:
        return ()
    if code == "zh":
        tag = lang.lower()
        if tag.startswith("yue") or "hant" in tag or tag in ("zh-hk", "zh-tw", "zh-mo"):
            return ("zh", "zh_yue")
        return ("zh",)
    return (code,)


@dataclass(frozen=True)
class RuleTable:
    """A language's rules: the required constants of ``lang/<code>.py`` plus optional ones with defaults.

    The rule tables ``lang/ru.py``, ``lang/ro.py``, … are the same shape by design (one constant per
    rule, read into this class), so a duplicate finder pairs them; they are data, not repeated logic.
    """

    code: str
    NEGATIONS: frozenset = frozenset()
    NEGATION_SCOPE: int = 3
    INTENSIFIERS: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    CONTRASTIVE: frozenset = frozenset()
    CONTRAST_WEIGHT: float = 1.5
    CONTRAST_WEIGHT_BEFORE: float = 0.5
    CONCESSIVE: frozenset = frozenset()
    EXTRA_EMOTICONS: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    NEUTRAL_BAND: tuple = (-0.05, 0.05)
    #: when set, the neutral label is decided on the mean weight per hit (length-independent)
    NEUTRAL_BAND_MEAN_HIT: tuple | None = None
    BINARY_THRESHOLD: float = 0.0
    NEGATION_FACTOR: float = -0.74
    #: factor for a negated NEGATIVE word ("без катастрофы" is mildly positive); None = NEGATION_FACTOR
    NEGATED_NEGATIVE_FACTOR: float | None = None
    NEGATION_PREFIXES: tuple = ()
    NEGATED_PREFIXES: tuple = ()
    DEGREE_PREFIXES: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    NOT_NEGATIONS: frozenset = frozenset()
    #: word forms (as written, normalised) that are never lexicon hits through their lemma: ru довольно
    #: (an intensifier, "rather") has the lemma довольный (pleased).
    SURFACE_ONLY: frozenset = frozenset()
    NOT_CONTRASTIVE: frozenset = frozenset()
    NEGATION_STOPS: frozenset = frozenset()
    QUESTION_FLIPPERS: frozenset = frozenset()
    ALPHA: float = 15.0
    #: multiplier of every negative hit (rule ``negativity_bias``): reviews that end negative often
    #: praise something first; 1.0 = off
    NEGATIVE_WEIGHT: float = 1.0
    EXCLAMATION_INCR: float = 0.1
    CAPS_FACTOR: float = 1.3
    ELONGATION_FACTOR: float = 1.2


_OPTIONAL = [f for f in RuleTable.__dataclass_fields__ if f != "code"]


@lru_cache(maxsize=None)
def rule_table(code: str | None) -> RuleTable:
    """The rule table of ``code`` (from ``clientcomm.sentiment.lang.<code>``), defaults where absent.

    Keys of NEGATIONS, INTENSIFIERS … are normalised like lexicon terms.
    """
    if code is None:
        return RuleTable(code="und")
    try:
        mod = importlib.import_module(f"clientcomm.sentiment.lang.{code}")
    except ImportError:
        log.info("no sentiment rule table for %s", code)
        return RuleTable(code=code)
    kw = {}
    for name in _OPTIONAL:
        if not hasattr(mod, name):
            continue
        val = getattr(mod, name)
        if isinstance(val, (set, frozenset)):
            val = frozenset(norm_key(v, code) for v in val)
        elif isinstance(val, dict):
            if name == "EXTRA_EMOTICONS":
                val = MappingProxyType({k.lower(): float(v) for k, v in val.items()})
            else:
                val = MappingProxyType({norm_key(k, code): float(v) for k, v in val.items()})
        elif isinstance(val, (list, tuple)) and name in ("NEGATED_PREFIXES", "NEGATION_PREFIXES"):
            val = tuple(sorted((norm_key(v, code) for v in val), key=len, reverse=True))
        elif isinstance(val, list):
            val = tuple(val)
        kw[name] = val
    return RuleTable(code=code, **kw)


@lru_cache(maxsize=500_000)
def norm_key(term: str, code: str | None) -> str:
    """The matching key of a lemma or word: lower case; ro and ru diacritics folded; zh Simplified."""
    t = " ".join(str(term).strip().lower().split())
    if code in ("ro", "ru"):
        return fold_diacritics(t)
    if code == "zh":
        from ..tokens import to_simplified

        return to_simplified(t)
    return t


@lru_cache(maxsize=1)  # asked once per Romanian word: the import below is not repeated for each
def _ro_dictionary():
    """simplemma's Romanian form → lemma mapping (the memory-mapped word list ``tokens.lemmatize`` reads too)."""
    from ..language.wordlists import wordlist

    return wordlist("ro")


_RO_VARIANTS = {"a": ("a", "ă", "â"), "i": ("i", "î"), "s": ("s", "ș"), "t": ("t", "ț")}
_MAX_VARIANTS = 1024


@lru_cache(maxsize=200_000)
def ro_fold_lemma(word: str) -> str | None:
    """Lemma of a Romanian word typed without diacritics (``proasta`` → ``prost``), or None.

    The word's spellings with ă/â/î/ș/ț restored are looked up in simplemma's
    dictionary (at most 1024 spellings; the first informative lemma wins, in a
    fixed order, so the result is deterministic). Folded, like lexicon keys.

    >>> ro_fold_lemma("proasta"), ro_fold_lemma("multumita")
    ('prost', 'multumi')
    """
    return _ro_fold_key(fold_diacritics(word.lower()))


@lru_cache(maxsize=200_000)
def _ro_fold_key(key: str) -> str | None:
    """:func:`ro_fold_lemma` of a word already lower-cased and folded (``Proastă`` and ``proasta`` share it)."""
    import itertools

    d = _ro_dictionary()
    exact = d.get(key)
    if exact is not None and fold_diacritics(exact.lower()) != key:
        return fold_diacritics(exact.lower())
    options = [_RO_VARIANTS.get(c, (c,)) for c in key]
    n = 1
    for o in options:
        n *= len(o)
    found = exact
    if 1 < n <= _MAX_VARIANTS:
        for letters in itertools.product(*options):
            cand = "".join(letters)
            if cand == key:
                continue
            lem = d.get(cand)
            if lem is None:
                continue
            lem = lem.lower()
            # one more step when the dictionary maps a form to another form (proastă → prost)
            nxt = d.get(lem)
            if nxt is not None and nxt.lower() != lem:
                lem = nxt.lower()
            if fold_diacritics(lem) != key:
                return fold_diacritics(lem)
            found = found or lem
    return fold_diacritics(found.lower()) if found else None


def read_lexicon(path: str | Path, code: str | None = None) -> dict[str, tuple[float, str]]:
    """Read a lexicon TSV into ``{normalised term: (valence, term as written)}``.

    Raises ValueError on a malformed line (with its line number).
    """
    out: dict[str, tuple[float, str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        rows = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
        reader = csv.reader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            return out
        if [h.strip() for h in header[:2]] != ["term", "valence"]:
            raise ValueError(f"{path}: header row must be term<TAB>valence<TAB>notes, got {header!r}")
        for n, row in enumerate(reader, start=2):
            if len(row) < 2:
                raise ValueError(f"{path}: entry {n}: expected term<TAB>valence, got {row!r}")
            try:
                val = float(row[1])
            except ValueError as exc:
                raise ValueError(f"{path}: entry {n}: valence {row[1]!r} is not a number") from exc
            if not -4.0 <= val <= 4.0:
                raise ValueError(f"{path}: entry {n}: valence {val} outside −4..4")
            out[norm_key(row[0], code)] = (val, row[0].strip())
    return out


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> MappingProxyType:
    """The lexicon ``lexicons/<name>.tsv`` as a read-only mapping (empty if the file does not exist)."""
    path = LEXICON_DIR / f"{name}.tsv"
    code = lang_code(name.split("_")[0]) if name != "emoji" else None
    if not path.exists():
        log.info("sentiment lexicon %s not found; texts in it score 0", path.name)
        return MappingProxyType({})
    return MappingProxyType(read_lexicon(path, code))


def lexicon_frame(lang: str):
    """The lexicon(s) used for ``lang`` as a DataFrame (term, valence, source file) for inspection."""
    import pandas as pd

    rows = []
    for name in lexicon_names(lang):
        for key, (val, term) in load_lexicon(name).items():
            rows.append((term, key, val, name))
    return pd.DataFrame(rows, columns=["term", "key", "valence", "lexicon"])
