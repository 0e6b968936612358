"""The lexicon-and-rules scorer (VADER-style) over clientcomm tokens.

>>> r = score_text("Обслуживание не очень хорошее, но сотрудник вежливый!", "ru")
>>> r.label, [h.lemma for h in r.hits]
('positive', ['хороший', 'вежливый'])

Steps for one text (each a function below, called in this order by :func:`score_text`):

1. tokens (:func:`_token_view`): tokens and lemmas from ``clientcomm.tokens.tokenize``
   (or the caller's shared :class:`~clientcomm.tokens.TokenizedText`); each token gets
   candidate keys (lemma, the word itself; ro also the lemma of a word typed
   without diacritics; elongated words also their collapsed spellings);
2. hits (:func:`_match`, one :class:`Match` each): lexicon matching, longest first: multi-word entries as lemma sequences
   (zh: concatenations of up to four tokens), then single tokens; zh tokens
   that fuse a negator or degree word with a lexicon word (不新鲜, 太慢) are
   split by the rule table's ``NEGATED_PREFIXES``/``DEGREE_PREFIXES``;
3. rules (:func:`_word_rules`, then :func:`_sentence_rules` and the
   negativity bias), each hit a :class:`PendingHit` until weighed: negation (a negator up to ``NEGATION_SCOPE`` tokens
   before, same clause: × ``NEGATION_FACTOR``), intensifiers and
   diminishers (the two tokens before: × (1 + increment)), contrast (in a
   sentence with a contrastive word: before × ``CONTRAST_WEIGHT_BEFORE``,
   after × ``CONTRAST_WEIGHT``), concessive clauses (хотя, deși: ×
   ``CONTRAST_WEIGHT_BEFORE``), exclamation marks, ALL-CAPS, repeated
   letters; emoji and emoticons are hits of their own;
4. score and 5. label (:func:`_scored`): ``score = sum / sqrt(sum² + ALPHA)``; the label is neutral inside
   ``NEUTRAL_BAND`` (or, with ``binary=True``, positive above
   ``BINARY_THRESHOLD`` and negative otherwise).

Speed: what the steps look up about a language (its lexicon, the rule sets
merged, the zh degree prefixes in order) is prepared once per language in a
:class:`_Scorer`; what they read about a token (its keys, whether it is a
negator, an intensifier, a lexicon word …) depends only on the token and the
language, so it is computed once per distinct token into :class:`_TokenFacts`
and kept in a bounded cache (:data:`TOKEN_CACHE_SIZE`). Both follow the
cached lexicons and rule tables: after ``merged_lexicon.cache_clear()`` or
``rule_table.cache_clear()`` the next text is scored with the new ones.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import accumulate, compress
from operator import attrgetter, eq, itemgetter, not_, or_
from types import MappingProxyType
from typing import NamedTuple, Sequence

from ..matching import is_elongated
from ..tokens import Token, TokenizedText, _token, lemmatize, tokenize
from .data_classes import Hit, SentimentResult
from .resources import RuleTable, lang_code, lexicon_names, load_lexicon, norm_key, ro_fold_lemma, rule_table
from .rules import (CLAUSE_BREAK, count_exclamations, elongation_candidates, find_emoticons, is_shouted,
                    sentence_spans)

__all__ = ["score_text", "score_rows", "Scored", "HIT_FIELDS", "label_for", "merged_lexicon", "Match", "PendingHit"]

_ZH_MAX_TOKENS = 4


@lru_cache(maxsize=16)
def merged_lexicon(names: tuple[str, ...]) -> tuple[MappingProxyType, MappingProxyType]:
    """``(single, multi)`` for the lexicon files ``names`` (later files override earlier ones).

    ``single`` maps a key to ``(valence, term)``; ``multi`` maps the first key
    of a multi-word entry to ``[(keys, valence, term), …]``, longest first.
    """
    single: dict = {}
    for name in names:
        code = lang_code(name.split("_")[0])
        lex = load_lexicon(name)
        if code in ("ru", "ro", "en"):
            # also index each entry under its lemma, so a word form written in the file still matches
            for key, entry in lex.items():
                lem = " ".join(norm_key(lemmatize(w, code), code) for w in key.split(" "))
                if lem != key and lem not in lex:
                    single.setdefault(lem, entry)
        single.update(lex)
    multi: dict = {}
    for key, (val, term) in single.items():
        if " " in key:
            parts = tuple(key.split(" "))
            multi.setdefault(parts[0], []).append((parts, val, term))
    for v in multi.values():
        v.sort(key=lambda x: -len(x[0]))
    return MappingProxyType(single), MappingProxyType(multi)


#: texts with at most this many hits are labelled on the mean weight per hit (see label_for)
MEAN_HIT_MAX_HITS = 2


def label_for(score: float, table: RuleTable, binary: bool = False,
              total: float = 0.0, n_hits: int = 0) -> str:
    """Label of a final score: the neutral band (or the binary threshold) of the language.

    A table with ``NEUTRAL_BAND_MEAN_HIT`` decides texts with at most
    ``MEAN_HIT_MAX_HITS`` hits on ``total / n_hits`` instead, so a short text
    with one strong word is not neutral only for being short; longer texts keep
    the band on the score, which suits long mixed reviews.
    """
    if binary:
        return "positive" if score > table.BINARY_THRESHOLD else "negative"
    lo, hi = table.NEUTRAL_BAND
    if table.NEUTRAL_BAND_MEAN_HIT is not None and n_hits <= MEAN_HIT_MAX_HITS:
        if not n_hits:
            return "neutral"
        lo, hi = table.NEUTRAL_BAND_MEAN_HIT
        score = total / n_hits
    if score < lo:
        return "negative"
    if score > hi:
        return "positive"
    return "neutral"


def _candidates(tok: Token, code: str, lang: str, surface_only: frozenset = frozenset()) -> tuple[list[str], bool]:
    """Matching keys of a token, best first, and whether it was elongated.

    A word form in the rule table's ``SURFACE_ONLY`` matches only as written,
    never through its lemma (ru довольно "rather" is not довольный "pleased").
    """
    if code == "zh":
        return [tok.lemma], False
    surface = norm_key(tok.text, code)
    if surface in surface_only:
        return [surface], False
    keys = [norm_key(tok.lemma, code), surface]
    if "-" in tok.text and code != "ro":  # интернет-мошенничество → мошенничество (ro: n-am, s-a are clitics)
        last = tok.text.rsplit("-", 1)[1]
        if len(last) > 3:
            keys.append(norm_key(lemmatize(last, lang), code))
    if code == "ro":
        alt = ro_fold_lemma(tok.text)
        if alt:
            keys.append(alt)
    elong = is_elongated(tok.text)
    if elong:
        for w in elongation_candidates(tok.text):
            keys.append(norm_key(lemmatize(w, lang), code))
            keys.append(norm_key(w, code))
            if code == "ro":
                alt = ro_fold_lemma(w)
                if alt:
                    keys.append(alt)
    return list(dict.fromkeys(keys)), elong


class Match(NamedTuple):
    """Step 2: a lexicon entry found over tokens ``i .. j-1``, with any rule its own form carries (zh 不新鲜)."""

    i: int
    j: int
    key: str         #: the lexicon key that matched
    valence: float
    term: str        #: the entry as written in the lexicon
    rules: tuple     #: rules already applied by the match itself
    factor: float    #: their factor


#: Distinct token texts per language tag whose :class:`_TokenFacts` a :class:`_Scorer` keeps;
#: emptied when full. Measured about 0.5 kB per entry (with its keys and candidate strings), so at most
#: about 10 MB per language; 5,000 distinct customer texts hold about 9,000 (ru) to 19,000 (zh) tokens.
TOKEN_CACHE_SIZE = 20_000


class _Scorer:
    """A language's lexicon and rule table, with the sets and orders the steps look up made once.

    One per (lexicon files, rule-table code); :func:`_scorer` rebuilds it when
    the cached lexicon or rule table it was made from has been replaced.
    """

    def __init__(self, code: str | None, single, multi, table: RuleTable) -> None:
        self.code, self.single, self.multi, self.table = code, single, multi, table
        #: keys that negate (NEGATIONS without NOT_NEGATIONS)
        self.negators = frozenset(k for k in table.NEGATIONS if k not in table.NOT_NEGATIONS)
        #: zh fused tokens (:func:`_zh_fused`): NEGATED_PREFIXES and DEGREE_PREFIXES by length, longest first
        self.negated_prefixes = _by_length(dict.fromkeys(table.NEGATED_PREFIXES, None))
        self.degree_prefixes = _by_length(table.DEGREE_PREFIXES)
        #: keys after which the next token opens a clause
        self.clause_openers = table.NEGATION_STOPS | table.CONTRASTIVE
        #: zh: every beginning of a lexicon key, to stop joining tokens when no entry can follow
        self.key_prefixes = (frozenset(k[:n] for k in single for n in range(1, len(k) + 1))
                             if code == "zh" else frozenset())
        #: zh: beginnings shorter than their key (a token that is one may start a multi-token entry)
        self.open_prefixes = (frozenset(k[:n] for k in single for n in range(1, len(k)))
                              if code == "zh" else frozenset())
        #: ru/ro/en multi-word entries by their first two keys (:func:`_multi_word`): first key → second key →
        #: ``((position in multi[first], parts, valence, term), …)``
        self.multi_by_second = {first: _by_second(entries) for first, entries in multi.items()}
        #: language tag → token text → what is known about the token; see :meth:`facts`
        self._facts: dict[str | None, dict[str, _TokenFacts]] = {}

    def facts(self, toks, lang: str | None) -> list[_TokenFacts]:
        """The :class:`_TokenFacts` of each token of ``lang``, from the cache (:data:`TOKEN_CACHE_SIZE`) or made.

        Keyed by the token's text alone: ``toks`` are the tokens of one tokenisation of ``lang``
        (:func:`_token_view`), in which a token's lemma follows from its text.
        """
        cache = self._facts.get(lang)
        if cache is None:
            cache = self._facts[lang] = {}

        def made(tok: tuple) -> _TokenFacts:
            if len(cache) >= TOKEN_CACHE_SIZE:
                cache.clear()
            f = cache[tok[0]] = _token_facts(self, tok[0], tok[1], lang)
            return f

        get = cache.get
        return [get(t[0]) or made(t) for t in toks]  # t[0] is the token's text


def _by_second(entries: list) -> dict[str, tuple]:
    """Multi-word entries of one first key grouped by their second key, each with its position in ``entries``.

    >>> _by_second([(("не", "очень", "хороший"), -1.0, "t1"), (("не", "плохой"), 1.0, "t2")])["плохой"]
    ((1, ('не', 'плохой'), 1.0, 't2'),)
    """
    out: dict[str, list] = {}
    for pos, (parts, val, term) in enumerate(entries):
        out.setdefault(parts[1], []).append((pos, parts, val, term))
    return {k: tuple(v) for k, v in out.items()}


def _by_length(prefixes) -> tuple[tuple[int, dict], ...]:
    """``((length, {prefix: value})…)`` longest first: one dictionary look-up per length finds the
    longest prefix of a word (two prefixes of one length cannot both begin it).

    >>> _by_length({"很": 0.3, "非常": 0.4, "太": 0.35})
    ((2, {'非常': 0.4}), (1, {'很': 0.3, '太': 0.35}))
    """
    out: dict[int, dict] = {}
    for p, v in prefixes.items():
        out.setdefault(len(p), {})[p] = v
    return tuple(sorted(out.items(), reverse=True))


_SCORERS: dict[tuple, _Scorer] = {}
# field readers for map() over tokens and facts (C-level loops in the per-token steps); a token is a
# :class:`Token` or a plain ``(text, lemma, start, end)`` tuple (TokenizedText.rows), read by position
_TEXT, _START, _END = 0, 2, 3
_STARTS, _ENDS = itemgetter(_START), itemgetter(_END)
_OPENS_CLAUSE, _MAY_HIT = attrgetter("opens_clause"), attrgetter("may_hit")
_FLIPPER, _CONTRASTIVE, _CONCESSIVE = attrgetter("flipper"), attrgetter("contrastive"), attrgetter("concessive")
_NO_LEXICON: tuple = (MappingProxyType({}), MappingProxyType({}))


def _scorer(lang: str | None, code: str | None, table: RuleTable) -> _Scorer:
    """The prepared :class:`_Scorer` of ``lang`` (made again when its lexicon or rule table was reloaded)."""
    names = lexicon_names(lang) if code else ()
    single, multi = merged_lexicon(names) if names else _NO_LEXICON
    sc = _SCORERS.get((names, code))
    if sc is None or sc.single is not single or sc.table is not table:
        sc = _SCORERS[(names, code)] = _Scorer(code, single, multi, table)
    return sc


class _TokenFacts(NamedTuple):
    """What steps 1–3 read about one token: the same wherever the token occurs in the language."""

    cands: tuple[str, ...]   #: matching keys, best first (see :func:`_candidates`)
    key: str                 #: the best key (``cands[0]``)
    elongated: bool          #: a letter repeated (отличноооо)
    intensity: float | None  #: increment of the first of the two best keys that is an intensifier
    in_lexicon: bool         #: some key is a lexicon entry
    single: tuple | None     #: ``(key, valence, term)`` of the token alone as a hit (a negator is none)
    fused: tuple | None      #: zh ``(key, valence, term, rules, factor)`` of 不新鲜 / 太慢 (:func:`_zh_fused`)
    negator: bool            #: the token negates (:func:`_is_negator`)
    opens_clause: bool       #: the next token starts a new clause (a negation stop or contrastive word)
    may_start_entry: bool    #: a multi-token entry can start here (zh: the key begins a longer one)
    may_hit: bool            #: a match can start here (an entry, the token alone, or a zh fused form)
    contrastive: bool        #: the key is CONTRASTIVE (and not NOT_CONTRASTIVE)
    concessive: bool         #: the key is CONCESSIVE
    flipper: bool            #: the key is a QUESTION_FLIPPER


#: ``_new_facts(values)`` is ``_TokenFacts(*values)`` without the Python-level ``__new__`` of a NamedTuple.
_new_facts = partial(tuple.__new__, _TokenFacts)


def _token_facts(sc: _Scorer, text: str, lemma: str, lang: str | None) -> _TokenFacts:
    """The :class:`_TokenFacts` of a token (``text``, ``lemma``) in ``lang`` (cached by :meth:`_Scorer.facts`)."""
    table, single = sc.table, sc.single
    if sc.code == "zh":  # one key, the lemma (as _candidates gives it)
        cands, elong = (lemma,), False
    else:
        cands, elong = _candidates(_token((text, lemma, 0, 0)), sc.code, lang, table.SURFACE_ONLY)
        cands = tuple(cands)
    key = cands[0]
    intensity = None
    for c in cands[:2]:
        if c in table.INTENSIFIERS:
            intensity = table.INTENSIFIERS[c]
            break
    alone = None
    for c in cands:
        if c in sc.negators:
            break  # a negator is not a sentiment word
        if c in single:
            alone = (c, *single[c])
            break
    if sc.code == "zh":
        fused, may_start = _zh_fused(key, sc), key in sc.open_prefixes
    else:
        fused, may_start = None, not sc.multi.keys().isdisjoint(cands)
    return _new_facts((  # positional, in the field order of _TokenFacts
        cands, key, elong, intensity, not single.keys().isdisjoint(cands), alone, fused,
        _is_negator(cands, text, sc), key in sc.clause_openers, may_start,
        may_start or alone is not None or fused is not None,
        key in table.CONTRASTIVE and key not in table.NOT_CONTRASTIVE,
        key in table.CONCESSIVE, key in table.QUESTION_FLIPPERS))


def _match(view: _TokenView, sc: _Scorer) -> list[Match]:
    """Lexicon matches over the tokens, longest first, left to right, not overlapping.

    ``view.joined[k]`` tells whether token k may continue a multi-token entry started before it (zh:
    no character between the tokens; other languages: no clause break between them).
    """
    facts, joined = view.facts, view.joined
    n = len(facts)
    out = []
    i = 0  # the first token not inside a match
    zh = sc.code == "zh"
    key_prefixes = sc.key_prefixes
    for k in compress(range(n), map(_MAY_HIT, facts)):  # elsewhere no match can start
        if k < i:
            continue
        f = facts[k]
        found = None
        if f.may_start_entry:
            if not zh:
                found = _multi_word(view, k, sc)
            elif k + 1 < n and joined[k + 1] and f.key + facts[k + 1].key in key_prefixes:
                found = _zh_joined(view, k, sc)  # (most zh tokens fail that first step of its loop)
        if found is None:
            # boost: "ужасно долго", "super rapid" — an intensifier before a lexicon word, not a hit
            boost = f.intensity is not None and k + 1 < n and facts[k + 1].in_lexicon
            if f.single is not None and not boost:
                found = Match(k, k + 1, *f.single, (), 1.0)
            elif f.fused is not None:
                found = Match(k, k + 1, *f.fused)
        if found is not None:
            out.append(found)
            i = found.j
    return out


def _zh_joined(view: _TokenView, i: int, sc: _Scorer) -> Match | None:
    """zh: the longest lexicon entry spelt by tokens ``i, i+1, …`` (2 to ``_ZH_MAX_TOKENS``, no gap)."""
    facts, joined, single = view.facts, view.joined, sc.single
    best = None
    key = facts[i].key
    for k in range(i + 1, min(i + _ZH_MAX_TOKENS, len(facts))):
        if not joined[k]:
            break
        key += facts[k].key
        if key not in sc.key_prefixes:
            break  # no entry begins like this
        if key in single:
            best = (k + 1, key)
    if best is None:
        return None
    j, key = best
    return Match(i, j, key, *single[key], (), 1.0)


def _multi_word(view: _TokenView, i: int, sc: _Scorer) -> Match | None:
    """ru/ro/en: a multi-word entry (as lemma sequence) starting at token ``i``, longest first.

    For each key of token ``i`` (best first), the first of its entries (longest first) whose words are
    keys of the next tokens, with no clause break between them. Every entry has a second word, so only
    the entries whose second word is a key of token ``i + 1`` are tried (``_Scorer.multi_by_second``),
    in their order among all the entries of that first key.
    """
    facts, joined, n = view.facts, view.joined, len(view.facts)
    if i + 1 >= n or not joined[i + 1]:
        return None  # no entry can continue to the next token
    by_second, next_cands = sc.multi_by_second, facts[i + 1].cands
    for key0 in facts[i].cands:
        groups = by_second.get(key0)
        if groups is None:
            continue
        tried = [g for g in map(groups.get, next_cands) if g is not None]
        if not tried:
            continue
        entries = tried[0] if len(tried) == 1 else sorted(e for g in tried for e in g)
        for _, parts, val, term in entries:
            k = len(parts)
            if i + k <= n and all(parts[m] in facts[i + m].cands and joined[i + m] for m in range(2, k)):
                return Match(i, i + k, " ".join(parts), val, term, (), 1.0)
    return None


def _zh_fused(word: str, sc: _Scorer) -> tuple | None:
    """不新鲜 → negated 新鲜; 太慢 → intensified 慢 (when the whole token is not in the lexicon):
    ``(key, valence, term, rules, factor)`` of the rest, or None."""
    table, single = sc.table, sc.single
    if len(word) < 2 or word in table.NOT_NEGATIONS:
        return None
    for n, prefixes in sc.negated_prefixes:
        rest = word[n:]
        if len(word) >= n and word[:n] in prefixes and rest in single:
            return (rest, *single[rest], ("negated",), table.NEGATION_FACTOR)
    for n, prefixes in sc.degree_prefixes:
        rest = word[n:]
        incr = prefixes.get(word[:n]) if len(word) >= n else None
        if incr is not None and rest in single:
            return (rest, *single[rest], ("intensified" if incr >= 0 else "diminished",), 1.0 + incr)
    return None


def _is_negator(keys, text: str, sc: _Scorer) -> bool:
    """A negator: one of the two best keys negates, or the word begins with a NEGATION_PREFIX (ro n-, nu-)."""
    if not sc.negators.isdisjoint(keys[:2]):
        return True
    prefixes = sc.table.NEGATION_PREFIXES
    if not prefixes:
        return False
    low = text.lower()
    if not low.startswith(prefixes):  # most words: no prefix at all (one C-level test of the tuple)
        return False
    return any(low.startswith(p) and len(low) > len(p) for p in prefixes)


def score_text(text: str, lang: str | None, binary: bool = False,
               tokens: TokenizedText | None = None) -> SentimentResult:
    """Score one text in ``lang`` (BCP-47): a :class:`SentimentResult` with its hits.

    ``tokens``: the text's :class:`~clientcomm.tokens.TokenizedText` when the
    caller shares one tokenisation between annotators (the pipeline does);
    by default the text is tokenised here.

    >>> score_text("Nu recomand, calitate proastă.", "ro").label
    'negative'
    """
    r = score_rows(text, lang, binary, tokens)
    return SentimentResult(text if isinstance(text, str) else "", lang, r.score, r.label, r.sum,
                           [Hit(*h) for h in r.hits])


#: The fields of a hit row of :func:`score_rows`: those of :class:`~clientcomm.sentiment.data_classes.Hit`.
HIT_FIELDS = ("term", "lemma", "start", "end", "valence", "weight_after_rules", "rules")


class Scored(NamedTuple):
    """:func:`score_text`'s figures with each hit as a plain row (fields :data:`HIT_FIELDS`)."""

    score: float
    label: str
    sum: float
    hits: list[tuple]


def score_rows(text: str, lang: str | None, binary: bool = False,
               tokens: TokenizedText | None = None) -> Scored:
    """:func:`score_text` without the result objects, for callers that turn every hit into a row or a dict
    (``score_sentiment`` does, for thousands of texts).

    >>> r = score_rows("Nu recomand, calitate proastă.", "ro")
    >>> r.label, dict(zip(HIT_FIELDS, r.hits[0]))["lemma"] == score_text("Nu recomand, calitate proastă.", "ro").hits[0].lemma
    ('negative', True)
    """
    code = lang_code(lang)
    table = rule_table(code)
    if not isinstance(text, str) or not text.strip():
        return Scored(0.0, label_for(0.0, table, binary), 0.0, [])
    if tokens is not None and tokens.text != text:
        raise ValueError("tokens were made from another text than the one scored")
    sc = _scorer(lang, code, table)
    view = _token_view(text, lang, sc, tokens if sc.single else None, bool(sc.single))   # 1. tokens
    matches = _match(view, sc) if view.toks else []                           # 2. hits
    for m in matches:
        view.consumed.update(range(m.i, m.j))
    hits = _word_rules(view, matches, sc)                                     # 3. rules on each hit
    hits += [PendingHit(s, s.lower(), st, en, val, 1.0, ["emoji"])
             for s, st, en, val in find_emoticons(text, table.EXTRA_EMOTICONS)]
    hits.sort(key=lambda h: h.start)
    if hits:
        _sentence_rules(hits, view, table)                                    # 3. rules of the sentence
    _negativity_bias(hits, table)
    return _scored([h.row() for h in hits], table, binary)                    # 4. score, 5. label


@dataclass
class PendingHit:
    """A hit while the rules weigh it: ``valence × factor`` is its weight; ``rules`` name what changed it."""

    term: str
    key: str
    start: int
    end: int
    valence: float
    factor: float
    rules: list[str]

    def finish(self) -> Hit:
        return Hit(*self.row())

    def row(self) -> tuple:
        """The finished hit as a plain tuple in the order of :data:`HIT_FIELDS`."""
        return (self.term, self.key, self.start, self.end, self.valence,
                round(self.valence * self.factor, 4), self.rules)


@dataclass
class _TokenView:
    """Step 1: a text's tokens with what the rules read about them."""

    text: str
    toks: Sequence[tuple]      #: (text, lemma, start, end) of each token (a Token or a plain tuple)
    facts: list[_TokenFacts]   #: what the steps read about each token (its keys, best first, …)
    joined: list[bool]         #: token k may continue an entry started before it
    clause: list[int]          #: clause number of each token
    consumed: set[int] = field(default_factory=set)  #: tokens inside a lexicon match (filled in step 2)


def _token_view(text: str, lang: str | None, sc: _Scorer,
                shared: TokenizedText | None, has_lexicon: bool) -> _TokenView:
    """Tokens (none when the language has no lexicon), their facts, and clause numbers."""
    toks: Sequence[tuple] = ()
    if has_lexicon:
        code = sc.code
        tok_lang = lang if code != "zh" else (lang if lang and lang.startswith("zh") else "zh-Hant")
        toks = shared.rows(tok_lang) if shared is not None else tokenize(text, tok_lang)
    facts = sc.facts(toks, lang)
    breaks = _clause_breaks(text, toks)
    if not toks:
        return _TokenView(text, toks, facts, [], [])
    if sc.code == "zh":  # token k touches token k-1
        joined = [False, *map(eq, map(_ENDS, toks), map(_STARTS, toks[1:]))]
    else:
        joined = [False, *map(not_, breaks[1:])]
    # a clause break between two tokens, or a negation stop or contrastive word before, starts a new clause
    new_clause = map(or_, breaks[1:], map(_OPENS_CLAUSE, facts))
    clause = list(accumulate(new_clause, initial=0))
    return _TokenView(text, toks, facts, joined, clause)


def _clause_breaks(text: str, toks: Sequence[tuple]) -> list[bool]:
    """``breaks[k]``: a ``CLAUSE_BREAK`` character lies between token k-1 and token k (False for k = 0).

    One scan of the text for break characters; each is placed in its gap between tokens by a
    binary search over the token starts (tokens come in text order and do not overlap).
    """
    breaks = [False] * len(toks)
    starts = None
    for m in CLAUSE_BREAK.finditer(text):
        if starts is None:
            starts = list(map(_STARTS, toks))
        pos = m.start()
        k = bisect_right(starts, pos)  # token k is the first that starts after the break
        if 0 < k < len(toks) and toks[k - 1][_END] <= pos:
            breaks[k] = True
    return breaks


def _word_rules(view: _TokenView, matches: list[Match], sc: _Scorer) -> list[PendingHit]:
    """Step 3 on each lexicon match: intensifiers, negation, rhetorical question, elongation, caps; concessive."""
    toks, facts, text, table = view.toks, view.facts, view.text, sc.table
    first_flipper = _first_flipper_per_clause(view) if table.QUESTION_FLIPPERS else {}
    hits = []
    for m in matches:
        factor, rules_fired = m.factor, list(m.rules)
        neg_at = _negator_before(m, view, table)
        incr = _intensity_before(m, view)
        if incr:
            if neg_at is not None and incr > 0:
                factor /= (1.0 + incr)  # "не очень хорошо": weaker than "плохо"
                rules_fired.append("negated_intensifier")
            else:
                factor *= 1.0 + incr
                rules_fired.append("intensified" if incr > 0 else "diminished")
        if neg_at is not None:
            nf = table.NEGATION_FACTOR
            if m.valence < 0 and table.NEGATED_NEGATIVE_FACTOR is not None:
                nf = table.NEGATED_NEGATIVE_FACTOR
            factor *= nf
            rules_fired.append("negated")
        if first_flipper.get(view.clause[m.i], m.i) < m.i:
            factor *= -1.0
            rules_fired.append("rhetorical_question")
        if m.j - m.i == 1:  # one token (most matches): no generator
            word = toks[m.i][_TEXT]
            elongated, shouted = facts[m.i].elongated, word.isupper() and is_shouted(word, text)
        else:
            elongated = any(facts[k].elongated for k in range(m.i, m.j))
            shouted = any(is_shouted(toks[k][_TEXT], text) for k in range(m.i, m.j))
        if elongated:
            factor *= table.ELONGATION_FACTOR
            rules_fired.append("elongated")
        if shouted:
            factor *= table.CAPS_FACTOR
            rules_fired.append("caps")
        start, end = toks[m.i][_START], toks[m.j - 1][_END]
        hits.append(PendingHit(text[start:end], m.key, start, end, m.valence, factor, rules_fired))
    if toks:
        _concessive(hits, view, table)
    return hits


def _first_flipper_per_clause(view: _TokenView) -> dict[int, int]:
    """Clause number → index of its first rhetorical-question word (难道, 何必 …)."""
    first: dict[int, int] = {}
    for k in compress(range(len(view.facts)), map(_FLIPPER, view.facts)):
        first.setdefault(view.clause[k], k)
    return first


def _negator_before(m: Match, view: _TokenView, table: RuleTable) -> int | None:
    """The negator up to ``NEGATION_SCOPE`` tokens before the match in its clause (any one counts once:
    negative concord, ни … не), or None. An entry that starts with its own negator (не перезвонить) is
    not negated again: никто не перезвонил is negative concord, not a double negation."""
    if m.j - m.i > 1 and view.facts[m.i].negator:
        return None
    for k in range(m.i - 1, max(-1, m.i - 1 - table.NEGATION_SCOPE), -1):
        if view.clause[k] != view.clause[m.i]:
            return None
        if view.facts[k].negator and k not in view.consumed:  # a negator inside a match is part of it
            return k
    return None


def _intensity_before(m: Match, view: _TokenView) -> float:
    """Sum of the intensifier increments of the two tokens before the match (same clause, the farther × 0.95)."""
    incr = 0.0
    for d, k in enumerate(range(m.i - 1, max(-1, m.i - 3), -1)):
        if view.clause[k] != view.clause[m.i] or k in view.consumed:
            break
        inc = view.facts[k].intensity
        if inc is not None:
            incr += inc * (1.0 if d == 0 else 0.95)
    return incr


def _negativity_bias(hits: list[PendingHit], table: RuleTable) -> None:
    """Negative weights × ``NEGATIVE_WEIGHT`` (when the language sets one)."""
    if table.NEGATIVE_WEIGHT != 1.0:
        for h in hits:
            if h.valence * h.factor < 0:
                h.factor *= table.NEGATIVE_WEIGHT
                h.rules.append("negativity_bias")


def _scored(hits: list[tuple], table: RuleTable, binary: bool) -> Scored:
    """Steps 4 and 5: ``score = sum / sqrt(sum² + ALPHA)`` over the hits' weights, and its label."""
    total = sum(h[5] for h in hits)  # weight_after_rules
    score = total / math.sqrt(total * total + table.ALPHA) if total else 0.0
    label = label_for(score, table, binary, total, len(hits))
    return Scored(round(score, 4), label, round(total, 4), hits)


def _concessive(hits: list[PendingHit], view: _TokenView, table: RuleTable) -> None:
    """Hits in a clause opened by хотя / deși / although weigh less (zh has no CONCESSIVE words: 虽然 … tried, no gain)."""
    if not table.CONCESSIVE:
        return
    toks, clause = view.toks, view.clause
    starts = {clause[k]: toks[k][_START] for k in compress(range(len(toks)), map(_CONCESSIVE, view.facts))
              if k not in view.consumed}
    if not starts:
        return
    by_offset = {toks[k][_START]: clause[k] for k in range(len(toks))}
    for h in hits:
        c = by_offset.get(h.start)
        if c in starts and h.start > starts[c]:
            h.factor *= table.CONTRAST_WEIGHT_BEFORE
            h.rules.append("concessive")


def _sentence_rules(hits: list[PendingHit], view: _TokenView, table: RuleTable) -> None:
    """Contrast (per sentence; a sentence opening with но/dar/但 demotes the one before) and exclamation."""
    text = view.text
    spans = sentence_spans(text)
    span_starts = [s for s, _ in spans]

    def sent_of(pos: int) -> int:  # the spans cover the text from 0, in order
        return max(bisect_right(span_starts, pos) - 1, 0)

    contrast_at: dict[int, int] = {}
    for k in compress(range(len(view.facts)), map(_CONTRASTIVE, view.facts)):
        if k in view.consumed:
            continue
        start = view.toks[k][_START]
        contrast_at[sent_of(start)] = start  # the last one in the sentence wins
    demote_prev = set()
    for n, pos in contrast_at.items():
        if n > 0 and not text[spans[n][0]:pos].strip(" \t\n-—–\"«"):
            demote_prev.add(n - 1)
    one_sentence = len(spans) == 1
    exclamations: dict[int, int] = {}  # sentence → its exclamation marks (counted once per sentence)
    for h in hits:
        n = 0 if one_sentence else sent_of(h.start)
        if n in contrast_at:
            if h.start < contrast_at[n]:
                h.factor *= table.CONTRAST_WEIGHT_BEFORE
                h.rules.append("before_contrast")
            else:
                h.factor *= table.CONTRAST_WEIGHT
                h.rules.append("after_contrast")
        elif n in demote_prev:
            h.factor *= table.CONTRAST_WEIGHT_BEFORE
            h.rules.append("before_contrast")
        excl = exclamations.get(n)
        if excl is None:
            excl = exclamations[n] = count_exclamations(text, *spans[n])
        if excl and table.EXCLAMATION_INCR:
            h.factor *= 1.0 + table.EXCLAMATION_INCR * excl
            h.rules.append("exclamation")
