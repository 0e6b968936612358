"""Read a YAML dictionary (LIWC-style globs, multi-word entries, context rules) into matchers.

>>> d = load_dictionary("channels")
>>> d.labels[:3], "ru" in d.languages
(('email', 'phone', 'messenger'), True)

A dictionary file has ``labels`` (the vocabulary, in reporting order) and
``languages: {code: {label: {mention: [...], cue: [...]}}}``; see
``data/channels.yaml`` for the full format. Entries are compiled once and
cached (``functools.lru_cache``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from ..language.scripts import HAN_RE
from ..matching import fold_diacritics, glob_to_regex

__all__ = ["Entry", "Dictionary", "load_dictionary", "fold", "BUILTIN", "DATA_DIR", "LEVELS", "STOP"]

DATA_DIR = Path(__file__).resolve().parent / "data"
BUILTIN = ("channels", "temperaments")
LEVELS = ("mention", "cue")
CHAR_LANGS = ("zh",)
#: pseudo-label of stop phrases: they win overlaps like any entry and then produce no hit
#: ("is called", "tough call" keep "call" from tagging phone).
STOP = "_stop"
CONTEXT_KINDS = ("exclude", "exclude_before", "exclude_after", "require", "require_before", "require_after")  # languages matched on characters (Simplified view) rather than tokens

_HAN = HAN_RE


@lru_cache(maxsize=300_000)
def fold(word: str) -> str:
    """The matching key of a word: lower case, ``’`` as ``'``, diacritics folded.

    Folding is :func:`clientcomm.matching.fold_diacritics`, as for the sentiment lexicons.

    Cyrillic letters such as ``й`` are kept.

    >>> fold("Ședință"), fold("Ещё"), fold("Чай")
    ('sedinta', 'еще', 'чай')
    """
    return fold_diacritics(word.lower().replace("’", "'"))


@dataclass(frozen=True)
class WordPattern:
    """One word of a token-sequence term: exact forms, a prefix, or a general glob."""

    text: str
    exact: frozenset = frozenset()
    prefix: str | None = None
    regex: re.Pattern | None = None
    surface_only: bool = False  # "=called": the word form itself, never via its lemma

    def matches(self, norm: str, lemma: str) -> bool:
        if self.surface_only:
            lemma = norm
        if self.exact:
            return norm in self.exact or lemma in self.exact
        if self.prefix is not None:
            return norm.startswith(self.prefix) or lemma.startswith(self.prefix)
        return bool(self.regex.fullmatch(norm) or self.regex.fullmatch(lemma))


@dataclass(frozen=True)
class WordSet:
    """Many one-word patterns tested at once (exact forms, prefixes, other globs)."""

    exact: frozenset = frozenset()
    prefixes: tuple = ()
    regexes: tuple = ()

    @classmethod
    def of(cls, patterns: Iterable[WordPattern]) -> "WordSet":
        pats = list(patterns)
        return cls(exact=frozenset(f for p in pats for f in p.exact),
                   prefixes=tuple(p.prefix for p in pats if p.prefix is not None),
                   regexes=tuple(p.regex for p in pats if p.regex is not None))

    def matches(self, norm: str, lemma: str) -> bool:
        if norm in self.exact or lemma in self.exact:
            return True
        if self.prefixes and (norm.startswith(self.prefixes) or lemma.startswith(self.prefixes)):
            return True
        return any(r.fullmatch(norm) or r.fullmatch(lemma) for r in self.regexes)

    def __bool__(self) -> bool:
        return bool(self.exact or self.prefixes or self.regexes)


def _word_pattern(word: str, lang: str) -> WordPattern:
    w = fold(word)
    if w.startswith("=") and len(w) > 1:
        inner = _word_pattern(word[1:], "any")  # no lemma expansion
        return WordPattern(word, inner.exact, inner.prefix, inner.regex, surface_only=True)
    if not any(ch in w for ch in "*?["):
        forms = {w}
        if lang not in ("any",) and lang not in CHAR_LANGS:
            from ..tokens import lemmatize

            forms.add(fold(lemmatize(w, lang)))
        return WordPattern(word, exact=frozenset(forms))
    if w.endswith("*") and not any(ch in w[:-1] for ch in "*?["):
        return WordPattern(word, prefix=w[:-1])
    return WordPattern(word, regex=re.compile(glob_to_regex(w)))


@dataclass(frozen=True)
class Term:
    """A compiled term: a token sequence (alphabetic languages) or a character pattern (Chinese)."""

    text: str
    words: tuple = ()  # tuple[WordPattern] for token terms
    chars: re.Pattern | None = None  # for character terms
    literal: str | None = None  # plain substring (fast path) for character terms

    @property
    def is_chars(self) -> bool:
        return self.chars is not None or self.literal is not None


def _compile_term(text: str, lang: str) -> Term:
    text = str(text).strip()
    if not text:
        raise ValueError("empty dictionary term")
    if lang in CHAR_LANGS:
        from ..tokens import to_simplified

        t = to_simplified(fold(text))
        if not any(ch in t for ch in "*?[") and not re.search(r"[a-z0-9]", t):
            return Term(text, literal=t)
        body = glob_to_regex(t, any_char=r"[^\s\W\d_a-z]" if _HAN.search(t) else r"[\w-]")
        if re.match(r"[a-z0-9]", t):
            body = r"(?<![a-z0-9])" + body
        if re.search(r"[a-z0-9*]$", t):
            body = body + r"(?![a-z0-9])"
        return Term(text, chars=re.compile(body))
    return Term(text, words=tuple(_word_pattern(w, lang) for w in text.split()))


@dataclass(frozen=True)
class Entry:
    """A dictionary entry: a term with its label, level and optional context rules."""

    label: str
    level: str
    term: Term
    lang: str
    order: int
    exclude: tuple = ()
    exclude_before: tuple = ()
    exclude_after: tuple = ()
    require: tuple = ()
    require_before: tuple = ()
    require_after: tuple = ()
    window: int = 3
    #: per context kind: (WordSet of its one-word token terms, tuple of its other terms)
    ctx: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self):
        for kind in CONTEXT_KINDS:
            terms = getattr(self, kind)
            single = [t.words[0] for t in terms if not t.is_chars and len(t.words) == 1]
            other = tuple(t for t in terms if t.is_chars or len(t.words) != 1)
            self.ctx[kind] = (WordSet.of(single), other)

    @property
    def has_context(self) -> bool:
        return any(getattr(self, k) for k in CONTEXT_KINDS)

    @property
    def has_require(self) -> bool:
        return bool(self.require or self.require_before or self.require_after)


@dataclass
class LangIndex:
    """Entries of one language, indexed for fast lookup by the first word."""

    exact: dict = field(default_factory=dict)  # folded form -> [Entry]
    prefix: dict = field(default_factory=dict)  # prefix -> [Entry]
    prefix_lengths: tuple = ()
    globs: list = field(default_factory=list)  # [Entry] whose first word is a general glob
    chars: list = field(default_factory=list)  # [Entry] matched on characters
    _cache: dict = field(default_factory=dict, repr=False)  # (form, lemma) -> candidates

    def add(self, e: Entry) -> None:
        self._cache.clear()
        if e.term.is_chars:
            self.chars.append(e)
            return
        first = e.term.words[0]
        if first.exact:
            for f in first.exact:
                self.exact.setdefault(f, []).append(e)
        elif first.prefix is not None:
            self.prefix.setdefault(first.prefix, []).append(e)
            self.prefix_lengths = tuple(sorted({len(p) for p in self.prefix}))
        else:
            self.globs.append(e)

    def candidates(self, norm: str, lemma: str) -> tuple:
        """Entries whose first word matches a token (memoised: word forms repeat)."""
        key = (norm, lemma)
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            hit = self._cache[key] = tuple(self._candidates(norm, lemma))
        return hit

    def _candidates(self, norm: str, lemma: str) -> list:
        out = list(self.exact.get(norm, ()))
        if lemma != norm:
            out += [e for e in self.exact.get(lemma, ()) if e not in out]
        for n in self.prefix_lengths:
            for w in (norm, lemma) if lemma != norm else (norm,):
                if len(w) >= n:
                    hit = self.prefix.get(w[:n])
                    if hit:
                        out += [e for e in hit if e not in out]
        if self.globs:
            out += [e for e in self.globs if e not in out and e.term.words[0].matches(norm, lemma)]
        return out


@dataclass
class Dictionary:
    """A compiled dictionary: label vocabulary and per-language entry indexes."""

    name: str
    version: str
    labels: tuple
    languages: dict  # code -> LangIndex
    source: str = ""
    n_entries: int = 0

    def index(self, code: str) -> LangIndex | None:
        return self.languages.get(code)


def _as_list(v) -> list:
    if v is None:
        return []
    if isinstance(v, (str, dict)):
        return [v]
    return list(v)


def _compile_entries(raw: dict, labels: Iterable[str], source: str) -> tuple[dict, int]:
    labels = list(labels)
    langs: dict = {}
    order = 0
    for code, by_label in (raw or {}).items():
        code = str(code)
        key = "zh" if code.startswith("zh") else code
        idx = langs.setdefault(key, LangIndex())
        if not isinstance(by_label, dict):
            raise ValueError(f"{source}: languages.{code} must map labels to {{mention: [...], cue: [...]}}")
        for label, levels in by_label.items():
            if label not in labels and label != STOP:
                raise ValueError(f"{source}: label {label!r} (language {code}) is not in labels: {', '.join(labels)}")
            if isinstance(levels, list):  # shorthand: a bare list means mentions
                levels = {"mention": levels}
            for level, items in (levels or {}).items():
                if level not in LEVELS:
                    raise ValueError(f"{source}: level {level!r} of {label!r} must be 'mention' or 'cue'")
                for item in _as_list(items):
                    spec = item if isinstance(item, dict) else {"term": item}
                    if "term" not in spec:
                        raise ValueError(f"{source}: entry {spec!r} of {label!r} has no 'term'")
                    ctx = {k: tuple(_compile_term(t, key) for t in _as_list(spec.get(k)))
                           for k in CONTEXT_KINDS}
                    default_window = 4 if key in CHAR_LANGS else 3
                    idx.add(Entry(label=label, level=level, term=_compile_term(spec["term"], key), lang=key,
                                  order=order, window=int(spec.get("window", default_window)), **ctx))
                    order += 1
    return langs, order


@lru_cache(maxsize=32)
def _load_path(path: str, mtime: float) -> Dictionary:
    p = Path(path)
    with open(p, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    if not isinstance(raw, dict) or "labels" not in raw:
        raise ValueError(f"{p}: a dictionary needs 'labels' (the vocabulary) and 'languages'")
    labels = tuple(str(x) for x in raw["labels"])
    langs, n = _compile_entries(raw.get("languages") or {}, labels, str(p))
    return Dictionary(name=str(raw.get("name") or p.stem), version=str(raw.get("version", "")),
                      labels=labels, languages=langs, source=str(p), n_entries=n)


def load_dictionary(dictionary: str | Path | Dictionary = "channels") -> Dictionary:
    """A compiled dictionary: a built-in name (``channels``, ``temperaments``) or a YAML path.

    >>> load_dictionary("temperaments").labels
    ('sanguine', 'choleric', 'melancholic', 'phlegmatic')
    """
    if isinstance(dictionary, Dictionary):
        return dictionary
    name = str(dictionary)
    if name in BUILTIN:
        path = DATA_DIR / f"{name}.yaml"
    else:
        path = Path(name).expanduser()
        if not path.exists():
            raise FileNotFoundError(f"no dictionary {name!r}: use one of {', '.join(BUILTIN)} or a path to a YAML file")
    path = path.resolve()
    return _load_path(str(path), path.stat().st_mtime)
