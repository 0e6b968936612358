"""Read a YAML dictionary (LIWC-style globs, multi-word entries, context rules) into matchers.

>>> d = load_dictionary("channels")
>>> d.labels[:3], "ru" in d.languages
(('email', 'phone', 'messenger'), True)

A dictionary file has ``labels`` (the vocabulary, in reporting order) and
``languages: {code: {label: {mention: [...], cue: [...]}}}``; see
``data/channels.yaml`` for the full format. A file is read and checked once and
cached (``functools.lru_cache``); each language's entries are compiled (terms
lemmatised, patterns compiled) on the first look-up of that language
(:class:`LazyLanguages`), so a process that tags only Chinese never loads the
Russian, Romanian and English lemmatiser tables for the dictionaries.

Errors: a malformed file (no ``labels``, a language not mapping labels, an
unknown label or level, an entry without ``term``, a blank term, a window that
is not an integer) fails at load. One error waits for the first use of its
language: a glob whose ``[...]`` is not a valid character class (``[z-a]``)
raises ``ValueError`` when that language is first looked up.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .._yaml import load_yaml
from ..language.scripts import HAN_RE
from ..matching import fold_diacritics, glob_to_regex

__all__ = ["Entry", "Dictionary", "LazyLanguages", "load_dictionary", "fold", "BUILTIN", "DATA_DIR", "LEVELS", "STOP"]

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
    #: a general glob's letters before its first ``*``, ``?`` or ``[``: a word not starting with
    #: them cannot match, and is turned away without running the regex
    head: str = ""

    def matches(self, norm: str, lemma: str) -> bool:
        if self.surface_only:
            lemma = norm
        if self.exact:
            return norm in self.exact or lemma in self.exact
        if self.prefix is not None:
            return norm.startswith(self.prefix) or lemma.startswith(self.prefix)
        if self.head and not (norm.startswith(self.head) or lemma.startswith(self.head)):
            return False
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
        return WordPattern(word, inner.exact, inner.prefix, inner.regex, surface_only=True, head=inner.head)
    if not any(ch in w for ch in "*?["):
        forms = {w}
        if lang not in ("any",) and lang not in CHAR_LANGS:
            from ..tokens import lemmatize

            forms.add(fold(lemmatize(w, lang)))
        return WordPattern(word, exact=frozenset(forms))
    if w.endswith("*") and not any(ch in w[:-1] for ch in "*?["):
        return WordPattern(word, prefix=w[:-1])
    return WordPattern(word, regex=re.compile(glob_to_regex(w)), head=re.split(r"[*?\[]", w, maxsplit=1)[0])


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
    #: any context rule at all (asked for every candidate, so worked out once)
    _has_context: bool = field(default=False, init=False, compare=False, hash=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "_has_context", any(getattr(self, k) for k in CONTEXT_KINDS))
        for kind in CONTEXT_KINDS:
            terms = getattr(self, kind)
            single = [t.words[0] for t in terms if not t.is_chars and len(t.words) == 1]
            other = tuple(t for t in terms if t.is_chars or len(t.words) != 1)
            self.ctx[kind] = (WordSet.of(single), other)

    @property
    def has_context(self) -> bool:
        return self._has_context

    @property
    def has_require(self) -> bool:
        return bool(self.require or self.require_before or self.require_after)


#: Distinct (form, lemma) pairs whose candidate entries each language index remembers (then it starts afresh).
CANDIDATE_CACHE_SIZE = 200_000


@dataclass
class LangIndex:
    """Entries of one language, indexed for fast lookup by the first word.

    Look-up structures, kept up to date by :meth:`add`: ``exact`` (a folded form →
    its entries), ``prefix`` (a glob prefix such as ``звон`` of ``звон*`` → its entries)
    grouped in ``prefix_heads`` by their first ``head`` characters (so a word is checked
    against the few prefixes sharing its head, not every prefix length), distinct
    first-word globs tested once each, and for Chinese, ``char_index`` (each
    character entry with the text any match of it contains).
    """

    exact: dict = field(default_factory=dict)  # folded form -> [Entry]
    prefix: dict = field(default_factory=dict)  # prefix -> [Entry]
    prefix_lengths: tuple = ()
    globs: list = field(default_factory=list)  # [Entry] whose first word is a general glob
    chars: list = field(default_factory=list)  # [Entry] matched on characters
    _cache: dict = field(default_factory=dict, repr=False)  # (form, lemma) -> candidates
    head: int = field(default=0, repr=False)  # length of the shortest prefix
    prefix_heads: dict = field(default_factory=dict, repr=False)  # prefix[:head] -> ((len, prefix), ...)
    char_index: tuple = field(default=(), repr=False)  # ((Entry, text a match needs), ...) of ``chars``
    char_heads: dict = field(default_factory=dict, repr=False)  # its first character -> [(position, Entry, need)]
    glob_patterns: tuple = field(default=(), repr=False)  # distinct first-word globs: ((WordPattern, head), ...)
    glob_group: tuple = field(default=(), repr=False)  # per entry of ``globs``: its position in glob_patterns
    glob_heads: tuple | None = field(default=None, repr=False)  # the heads of glob_patterns

    def add(self, e: Entry) -> None:
        self.add_many((e,))

    def add_many(self, entries: Iterable[Entry]) -> None:
        """:meth:`add` each entry in turn, the look-up structures rebuilt once at the end, not after each
        (the loader adds hundreds: rebuilding the character index after each was quadratic)."""
        self._cache.clear()
        chars = prefixes = globs = False
        for e in entries:
            if e.term.is_chars:
                self.chars.append(e)
                chars = True
                continue
            first = e.term.words[0]
            if first.exact:
                for f in first.exact:
                    self.exact.setdefault(f, []).append(e)
            elif first.prefix is not None:
                self.prefix.setdefault(first.prefix, []).append(e)
                prefixes = True
            else:
                self.globs.append(e)
                globs = True
        if chars:
            self._index_chars()
        if prefixes:
            self.prefix_lengths = tuple(sorted({len(p) for p in self.prefix}))
            self._index_prefixes()
        if globs:
            self._index_globs()

    def _index_prefixes(self) -> None:
        self.head = self.prefix_lengths[0]
        heads: dict = {}
        for p in sorted(self.prefix, key=len):
            heads.setdefault(p[:self.head], []).append(p)
        self.prefix_heads = {h: tuple(ps) for h, ps in heads.items()}

    def _index_globs(self) -> None:
        groups: dict = {}  # equal first-word patterns are tested once ("при[йд]*" starts five entries)
        self.glob_group = tuple(groups.setdefault(e.term.words[0], len(groups)) for e in self.globs)
        self.glob_patterns = tuple((first, first.head) for first in groups)
        # every glob's head at once, for one str.startswith (None: no globs; "" starts every word)
        self.glob_heads = tuple(head for _, head in self.glob_patterns)

    def _index_chars(self) -> None:
        from ..tokens import to_simplified

        index = []
        for e in self.chars:
            if e.term.literal is not None:
                need = e.term.literal
            else:  # the longest run of plain characters of the pattern: the hay must contain it
                runs = re.split(r"\*|\?|\[[^\]]*\]", to_simplified(fold(e.term.text)))
                need = max(runs, key=len)
            index.append((e, need))
        self.char_index = tuple(index)
        heads: dict = {}  # first character of what a match needs -> [(position, Entry, need)]
        for k, (e, need) in enumerate(index):
            heads.setdefault(need[:1], []).append((k, e, need))
        self.char_heads = heads

    def char_candidates(self, hay: str) -> list:
        """The character entries that may occur in ``hay``, in file order.

        An entry is kept when ``hay`` holds its plain substring (for a pattern:
        its longest run of plain characters, such as 电话 of ``打?电话``); only
        the entries whose substring starts with a character of ``hay`` are tried.

        >>> ix = load_dictionary("channels").index("zh")
        >>> [e.term.text for e in ix.char_candidates("请发邮件")]
        ['邮件', '发邮件']
        """
        heads = self.char_heads
        # the heads (first characters of what entries need) are fewer than a text's characters: test
        # each in the text; an empty head (a pattern of wildcards only) is in every text
        found = [ken for ch in heads if ch in hay for ken in heads[ch]]
        found.sort()  # by position (unique, so the entries themselves are never compared)
        return [e for _, e, need in found if need in hay]

    def candidates(self, norm: str, lemma: str) -> tuple:
        """Entries whose first word matches a token (memoised: word forms repeat)."""
        key = (norm, lemma)
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) > CANDIDATE_CACHE_SIZE:
                self._cache.clear()
            hit = self._cache[key] = tuple(self._candidates(norm, lemma))
        return hit

    def _candidates(self, norm: str, lemma: str) -> list:
        """Exact forms (the form's, then the lemma's), prefixes by length (form before lemma), globs."""
        other = lemma != norm
        exact = self.exact
        by_norm = exact.get(norm)
        by_lemma = exact.get(lemma) if other else None
        heads, h = self.prefix_heads, self.head
        pre_norm = heads.get(norm[:h]) if heads else None
        pre_lemma = heads.get(lemma[:h]) if heads and other else None
        heads_of_globs = self.glob_heads
        ok = [(not head or norm.startswith(head) or lemma.startswith(head)) and first.matches(norm, lemma)
              for first, head in self.glob_patterns] \
            if heads_of_globs is not None and (norm.startswith(heads_of_globs) or lemma.startswith(heads_of_globs)) \
            else ()
        if not (by_norm or by_lemma or pre_norm or pre_lemma or any(ok)):
            return []  # most words: nothing starts with them
        out = list(by_norm or ())
        if by_lemma:
            out += [e for e in by_lemma if e not in out]
        if pre_norm or pre_lemma:
            matched = [(len(p), 0, p) for p in pre_norm or () if norm.startswith(p)]
            matched += [(len(p), 1, p) for p in pre_lemma or () if lemma.startswith(p)]
            matched.sort()
            for _, _, p in matched:
                out += [e for e in self.prefix[p] if e not in out]
        if any(ok):
            out += [e for e, g in zip(self.globs, self.glob_group) if ok[g] and e not in out]
        return out


@dataclass
class Dictionary:
    """A compiled dictionary: label vocabulary and per-language entry indexes."""

    name: str
    version: str
    labels: tuple
    languages: Mapping  # code -> LangIndex (a LazyLanguages: each compiled on first use)
    source: str = ""
    n_entries: int = 0
    #: per language code: a token's surface form → (entries its first word may start, hyphenated?, …);
    #: filled by the tagger (``tagger._first_words``), bounded by ``CANDIDATE_CACHE_SIZE`` per code
    token_memo: dict = field(default_factory=dict, repr=False, compare=False)

    def index(self, code: str) -> LangIndex | None:
        return self.languages.get(code)

    def order(self) -> dict:
        """``label → position`` in the vocabulary (made once).

        >>> load_dictionary("temperaments").order()["choleric"]
        1
        """
        memo = self.token_memo.get(("order",))
        if memo is None:
            memo = self.token_memo[("order",)] = {lab: k for k, lab in enumerate(self.labels)}
        return memo


def _as_list(v) -> list:
    if v is None:
        return []
    if isinstance(v, (str, dict)):
        return [v]
    return list(v)


def _check_terms(spec: dict, label: str, source: str) -> None:
    """The cheap checks of one entry, made at load for every language: a term that is not blank, an integer window."""
    for kind in ("term", *CONTEXT_KINDS):
        for t in ([spec["term"]] if kind == "term" else _as_list(spec.get(kind))):
            if not str(t).strip():
                raise ValueError(f"{source}: empty dictionary term in {kind} of {label!r}")
    if "window" in spec:
        try:
            int(spec["window"])
        except (TypeError, ValueError) as err:  # re-raised with the entry named
            raise ValueError(f"{source}: window {spec['window']!r} of {label!r} must be an integer") from err


def _entry(raw: tuple, key: str, source: str) -> Entry:
    """Compile one pending entry ``(label, level, spec, order)`` of language ``key``."""
    label, level, spec, order = raw
    try:
        ctx = {k: tuple(_compile_term(t, key) for t in _as_list(spec.get(k))) for k in CONTEXT_KINDS}
        term = _compile_term(spec["term"], key)
    except re.error as err:  # a glob whose [...] is no valid character class, such as [z-a]
        raise ValueError(f"{source}: entry {spec['term']!r} of {label!r} (language {key}): "
                         f"bad pattern: {err}") from err
    default_window = 4 if key in CHAR_LANGS else 3
    return Entry(label=label, level=level, term=term, lang=key, order=order,
                 window=int(spec.get("window", default_window)), **ctx)


class LazyLanguages(Mapping):
    """``code → LangIndex``, each language's entries compiled on its first look-up.

    The codes, the entries' YAML checks and each entry's ``order`` are fixed at
    load; lemmatising terms (simplemma) and compiling patterns wait until a
    language is asked for (``d.languages[code]``, ``.get``, ``d.index(code)``;
    ``.items()``/``.values()`` compile every language). ``code in``, ``len`` and
    iteration compile nothing. A build runs once under a lock.

    >>> d = _load_path.__wrapped__(str(DATA_DIR / "channels.yaml"), 0.0)
    >>> "ru" in d.languages, d.languages.compiled()
    (True, ())
    >>> len(d.index("ru").exact) > 0, d.languages.compiled()
    (True, ('ru',))
    """

    def __init__(self, pending: dict, source: str) -> None:
        self._pending = pending  # code -> [(label, level, spec, order)] in file order
        self._source = source
        self._built: dict = {}
        self._lock = threading.Lock()

    def __getitem__(self, code: str) -> LangIndex:
        ix = self._built.get(code)
        if ix is None:
            if code not in self._pending:
                raise KeyError(code)
            with self._lock:
                ix = self._built.get(code)
                if ix is None:  # not built meanwhile by another thread
                    ix = LangIndex()
                    ix.add_many([_entry(raw, code, self._source) for raw in self._pending[code]])
                    self._built[code] = ix
        return ix

    def __contains__(self, code: object) -> bool:
        return code in self._pending

    def __iter__(self):
        return iter(self._pending)

    def __len__(self) -> int:
        return len(self._pending)

    def compiled(self) -> tuple:
        """The codes compiled so far, in file order."""
        return tuple(c for c in self._pending if c in self._built)

    def __repr__(self) -> str:
        return f"LazyLanguages({list(self._pending)}, compiled={list(self.compiled())})"

    def __getstate__(self) -> dict:  # a lock does not pickle: a copy gets its own
        return {k: v for k, v in self.__dict__.items() if k != "_lock"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()


def _compile_entries(raw: dict, labels: Iterable[str], source: str) -> tuple[LazyLanguages, int]:
    """Check the ``languages`` part of a file and number its entries (``order``: file order across
    languages); the entries themselves are compiled per language on first use (:class:`LazyLanguages`)."""
    labels = list(labels)
    pending: dict[str, list] = {}  # language key -> its entries (label, level, spec, order) in file order
    order = 0
    for code, by_label in (raw or {}).items():
        code = str(code)
        key = "zh" if code.startswith("zh") else code
        todo = pending.setdefault(key, [])
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
                    _check_terms(spec, label, source)
                    todo.append((label, level, spec, order))
                    order += 1
    return LazyLanguages(pending, source), order


@lru_cache(maxsize=32)
def _load_path(path: str, mtime: float) -> Dictionary:
    p = Path(path)
    with open(p, encoding="utf-8") as fh:
        raw = load_yaml(fh)
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
