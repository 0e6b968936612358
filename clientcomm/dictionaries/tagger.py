"""Tag texts with a dictionary: mention labels, cue labels and the hits behind them.

>>> out = tag(["Позвоните мне завтра", "My phone screen cracked"], "channels", lang=["ru", "en"])
>>> list(out["labels"])
['phone', '']
>>> out.loc[0, "hits"][0]["match"]
'Позвоните'

Every hit carries the dictionary entry that produced it and its character
span, so a tag can always be explained. Cues are reported in ``cues`` and
never add to ``labels``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from functools import partial
from itertools import compress
from operator import itemgetter
from typing import Iterable, NamedTuple, Sequence

import pandas as pd

from .._series import as_series as _as_series
from ..language.per_text import text_languages
from ..language.scripts import HAN_RE
from ..tokens import TokenizedText, lemmatize, to_simplified
from .loader import CANDIDATE_CACHE_SIZE, CHAR_LANGS, STOP, Dictionary, Entry, Term, fold, load_dictionary

__all__ = ["tag", "tag_text", "resolve_lang", "EntryHit", "WordToken"]


class WordToken(NamedTuple):
    """A token as the dictionaries match it: folded surface and lemma, character offsets."""

    norm: str
    lemma: str
    start: int
    end: int


class EntryHit(NamedTuple):
    """A dictionary entry found at ``text[start:end]`` (before overlaps are resolved)."""

    entry: Entry
    start: int
    end: int

#: readers of a raw token's surface form and of whether a token of ``_first_words`` asks for more work
_SURFACE, _WANTED = itemgetter(0), itemgetter(4)
_START, _END = itemgetter(2), itemgetter(3)  # a raw token's offsets
_NORM, _LEMMA = itemgetter(2), itemgetter(3)  # a _first_words entry's folded form and lemma
#: ``_word_token((norm, lemma, start, end))`` is a WordToken without the Python-level ``__new__``
_word_token = partial(tuple.__new__, WordToken)
_HAN = HAN_RE
_CYR = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_RO_LETTERS = re.compile(r"[ăâîșşțţĂÂÎȘŞȚŢ]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:[-'’][A-Za-z0-9\u00c0-\u024f]+)*")


def resolve_lang(lang: str | None, text: str, dictionary: Dictionary) -> str | None:
    """The dictionary language to use for ``text``: its own code, else chosen by script.

    A code the dictionary has wins (``zh-Hant`` → ``zh``); otherwise Han
    characters choose ``zh``, Cyrillic ``ru``, Latin ``ro`` when Romanian
    letters occur and ``en`` otherwise (a mis-detected ``bg`` or ``ko`` still
    gets the right entries). None when nothing fits (only ``any`` entries run).

    >>> resolve_lang("bg", "Позвоните мне", load_dictionary("channels"))
    'ru'
    """
    base = (str(lang).split("-")[0].lower() if lang else "")
    if base == "zh" and "zh" in dictionary.languages:
        return "zh"
    if base and base != "any" and base in dictionary.languages and not (base in ("ja", "ko") and _HAN.search(text)):
        return base
    if _HAN.search(text):
        cand = "zh"
    elif _CYR.search(text):
        cand = "ru"
    elif _LATIN.search(text):
        cand = "ro" if _RO_LETTERS.search(text) else "en"
    else:
        return None
    return cand if cand in dictionary.languages else None


def _is_placeholder(text: str, start: int, end: int) -> bool:
    """``<EMAIL_1>`` (clientcomm.redact) or ``<|EMAIL|>`` (anonymised datasets): masked data, not words."""
    return start > 0 and text[start - 1] in "<|" and text[start:end].isupper()


def _tokens(shared: TokenizedText, code: str | None, lang: str | None) -> list[WordToken]:
    text = shared.text
    new, fold_ = tuple.__new__, fold  # tuple.__new__: a WordToken without the Python-level __new__ call
    if code in CHAR_LANGS or code is None:  # Chinese entries match characters; Latin words (WhatsApp, e-mail) here
        toks = [new(WordToken, (f, f, m.start(), m.end()))
                for m in _LATIN_WORD.finditer(text) for f in (fold_(m.group()),)]
    else:
        tok_lang = code if code in ("ru", "ro", "en") else (lang or code)
        toks = [new(WordToken, (fold_(t[0]), fold_(t[1]), t[2], t[3])) for t in shared.rows(tok_lang)]
    if "<" in text:
        toks = [t for t in toks if not _is_placeholder(text, t.start, t.end)]
    return toks


def _seq_at(term: Term, toks, p: int, lo: int, hi: int) -> bool:
    """Does the token-sequence ``term`` match at ``p`` inside ``toks[lo:hi]``?"""
    n = len(term.words)
    if p < lo or p + n > hi:
        return False
    return all(term.words[k].matches(toks[p + k].norm, toks[p + k].lemma) for k in range(n))


def _in_region(term: Term, toks, lo: int, hi: int) -> bool:
    return any(_seq_at(term, toks, p, lo, hi) for p in range(lo, hi))


def _region_has(e: Entry, kind: str, toks, lo: int, hi: int) -> bool:
    words, others = e.ctx[kind]
    if words and any(words.matches(toks[p].norm, toks[p].lemma) for p in range(lo, hi)):
        return True
    return any(_in_region(t, toks, lo, hi) for t in others)


def _token_context_ok(e: Entry, toks, i: int, j: int) -> bool:
    w = e.window
    blo, ahi = max(0, i - w), min(len(toks), j + w)
    if e.exclude and (_region_has(e, "exclude", toks, blo, i) or _region_has(e, "exclude", toks, j, ahi)):
        return False
    if e.exclude_before and _region_has(e, "exclude_before", toks, blo, i):
        return False
    if e.exclude_after and _region_has(e, "exclude_after", toks, j, ahi):
        return False
    if e.has_require:
        return ((bool(e.require) and (_region_has(e, "require", toks, blo, i) or _region_has(e, "require", toks, j, ahi)))
                or (bool(e.require_before) and _region_has(e, "require_before", toks, blo, i))
                or (bool(e.require_after) and _region_has(e, "require_after", toks, j, ahi)))
    return True


def _char_find(term: Term, hay: str) -> Iterable[tuple[int, int]]:
    if term.literal is not None:
        s = hay.find(term.literal)
        while s != -1:
            yield s, s + len(term.literal)
            s = hay.find(term.literal, s + 1)
    else:
        for m in term.chars.finditer(hay):
            if m.end() > m.start():
                yield m.start(), m.end()


def _char_context_ok(e: Entry, hay: str, s: int, t: int) -> bool:
    before, after = hay[max(0, s - e.window):s], hay[t:t + e.window]

    def found(term: Term, region: str) -> bool:
        return next(iter(_char_find(term, region)), None) is not None

    if any(found(c, before) or found(c, after) for c in e.exclude):
        return False
    if any(found(c, before) for c in e.exclude_before) or any(found(c, after) for c in e.exclude_after):
        return False
    if e.has_require:
        return (any(found(c, before) or found(c, after) for c in e.require)
                or any(found(c, before) for c in e.require_before) or any(found(c, after) for c in e.require_after))
    return True


#: Texts whose Simplified lower-case view is kept, so that the second dictionary tagging the same
#: texts does not convert them again; only texts of at most ``HAY_CACHE_MAX_CHARS`` characters,
#: so at most 4,096 × 1,000 characters (about 8 MB of Chinese text; oldest first out).
HAY_CACHE_SIZE = 4096
HAY_CACHE_MAX_CHARS = 1000
_HAY_CACHE: OrderedDict[str, str] = OrderedDict()


def _simplified_lower(text: str) -> str:
    """Simplified, lower-case view of ``text`` with the same offsets (what Chinese entries are matched on).

    >>> _simplified_lower("發Email")
    '发email'
    """
    hay = _HAY_CACHE.get(text)
    if hay is None:
        hay = _simplified_lower_of(text)
        if len(text) <= HAY_CACHE_MAX_CHARS:
            if len(_HAY_CACHE) >= HAY_CACHE_SIZE:
                _HAY_CACHE.popitem(last=False)
            _HAY_CACHE[text] = hay
    return hay


def _simplified_lower_of(text: str) -> str:
    s = to_simplified(text)
    low = s.lower()
    return low if len(low) == len(s) else "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


def _part_hits(text: str, toks: list[WordToken], i: int, indexes, code: str | None) -> list[EntryHit]:
    out = []
    start = toks[i].start
    pos = 0
    surface = text[start:toks[i].end]
    for part in surface.split("-"):
        if part:
            p_norm = fold(part)
            p_lemma = fold(lemmatize(part, code)) if code in ("ru", "ro", "en") else p_norm
            for ix in indexes:
                for e in ix.candidates(p_norm, p_lemma):
                    if len(e.term.words) == 1 and (not e.has_context or _token_context_ok(e, toks, i, i + 1)):
                        out.append(EntryHit(e, start + pos, start + pos + len(part)))
        pos += len(part) + 1
    return out


def _first_words(shared: TokenizedText, d: Dictionary, code: str | None, lang: str | None, indexes: list,
                 split_parts: bool) -> tuple[Sequence[tuple], list[tuple]]:
    """The text's raw tokens ``(surface, lemma, start, end)`` and, per token, what it matches.

    Per token: ``(entries, hyphenated, norm, lemma, wanted)``: the entries of every index
    (in index order) whose first word the token may match, whether its parts
    must be tried (``клиентами-флегматиками``), its folded form and lemma, and
    whether either of the first two asks for more work.
    Each distinct surface form is folded and looked up once per dictionary and
    language (``Dictionary.token_memo``, emptied when it holds ``CANDIDATE_CACHE_SIZE``
    forms): within one language code the tokens come from one tokenisation, in
    which a token's lemma follows from its surface form.
    """
    text = shared.text
    if code in CHAR_LANGS or code is None:  # Chinese entries match characters; Latin words (WhatsApp, e-mail) here
        raw = [(g, g, m.start(), m.end()) for m in _LATIN_WORD.finditer(text) for g in (m.group(),)]
    else:
        raw = shared.rows(code if code in ("ru", "ro", "en") else (lang or code))
    memo = d.token_memo.get(code)
    if memo is None or len(memo) > CANDIDATE_CACHE_SIZE:
        memo = d.token_memo[code] = {}
    found = list(map(memo.get, map(_SURFACE, raw)))  # most tokens were seen before (in C, no Python step each)
    if None in found:
        ix0, more = indexes[0], indexes[1:]
        for k in [k for k, f in enumerate(found) if f is None]:
            key = raw[k][0]
            f = memo.get(key)  # an earlier token of this text may have been the same word
            if f is None:
                norm, lemma = fold(key), fold(raw[k][1])
                cands = ix0._candidates(norm, lemma)
                for ix in more:
                    cands += ix._candidates(norm, lemma)
                hyphenated = split_parts and "-" in norm
                f = memo[key] = (tuple(cands), hyphenated, norm, lemma, bool(cands) or hyphenated)
            found[k] = f
    return raw, found


def _raw_hits(shared: TokenizedText, d: Dictionary, code: str | None, lang: str | None) -> list[EntryHit]:
    text = shared.text
    hits: list[EntryHit] = []
    indexes = [ix for ix in (d.index(code) if code else None, d.index("any")) if ix is not None]
    if not indexes:
        return hits
    split_parts = code not in CHAR_LANGS
    if "<" in text:  # placeholders are dropped from the tokens first: look every token up
        toks = _tokens(shared, code, lang)
        found = [(cands, hyphenated, t.norm, t.lemma, bool(cands) or hyphenated)
                 for t in toks for cands in (tuple(e for ix in indexes for e in ix.candidates(t.norm, t.lemma)),)
                 for hyphenated in (split_parts and "-" in t.norm,)]
    else:
        toks = None
        raw, found = _first_words(shared, d, code, lang, indexes, split_parts)
    for i in compress(range(len(found)), map(_WANTED, found)):  # tokens with entries or parts to try
        cands, hyphenated = found[i][0], found[i][1]
        if toks is None:  # the text's WordTokens, made once and only when some token is a candidate
            toks = list(map(_word_token, zip(map(_NORM, found), map(_LEMMA, found), map(_START, raw), map(_END, raw))))
        for e in cands:
            n = len(e.term.words)
            if _seq_at(e.term, toks, i, 0, len(toks)) and (not e.has_context or _token_context_ok(e, toks, i, i + n)):
                hits.append(EntryHit(e, toks[i].start, toks[i + n - 1].end))
        if hyphenated:  # "клиентами-флегматиками": the parts match one-word terms
            hits += _part_hits(text, toks, i, indexes, code)
    if any(ix.chars for ix in indexes):
        hay = _simplified_lower(text)
        char_entries = [e for ix in indexes for e in ix.char_candidates(hay)]
        char_hits = []
        for e in char_entries:
            literal = e.term.literal
            if literal:  # plain substring: every occurrence, overlapping ones too (as _char_find)
                s = hay.find(literal)
                while s != -1:
                    t = s + len(literal)
                    if not e.has_context or _char_context_ok(e, hay, s, t):
                        char_hits.append(EntryHit(e, s, t))
                    s = hay.find(literal, s + 1)
                continue
            for s, t in _char_find(e.term, hay):
                if not e.has_context or _char_context_ok(e, hay, s, t):
                    char_hits.append(EntryHit(e, s, t))
        if char_hits:
            hits += _word_aligned(shared, char_hits)
    return hits


def _word_aligned(shared: TokenizedText, hits: list[EntryHit]) -> list[EntryHit]:
    """Drop Chinese hits that straddle a word boundary (上门 in 加上|门外, 来电 in 拿来|电脑).

    A hit may cover whole words or lie inside one word (电话 in 打电话), but
    may not start inside one jieba word and end inside another.
    """
    words = shared.rows("zh-Hans")  # (text, lemma, start, end) of each word
    if not words:
        return hits
    starts = list(map(_START, words))  # jieba's words follow each other without overlapping

    def inside(k: int) -> int | None:
        """The word (its position) that position ``k`` lies strictly inside, or None."""
        j = bisect_right(starts, k) - 1
        if j >= 0 and starts[j] < k < words[j][3]:
            return j
        return None

    def ok(s: int, t: int) -> bool:
        a, b = inside(s), inside(t)
        # rejected only when BOTH ends cut a word and the hit is not inside one word:
        # jieba often splits domain words (臉|書上, 朋友|圈里), so one cut end is tolerated
        return not (a is not None and b is not None and a != b)

    return [h for h in hits if ok(h.start, h.end)]


def _resolve_overlaps(hits: list[EntryHit]) -> list[EntryHit]:
    """Within each level keep the longest of overlapping hits (then the leftmost, then file order).

    Stop phrases (label ``_stop``) take part as mentions and are dropped afterwards.
    """
    kept: list[EntryHit] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, h.entry.order)):
        if any(k.entry.level == h.entry.level and h.start < k.end and k.start < h.end for k in kept):
            continue
        kept.append(h)
    kept = [k for k in kept if k.entry.label != STOP]
    return sorted(kept, key=lambda h: (h.start, h.end, h.entry.order))


def tag_text(text: str, dictionary: str | Dictionary = "channels", lang: str | None = None,
             tokens: TokenizedText | None = None) -> dict:
    """Tag one text: ``{"labels": [...], "cues": [...], "hits": [...]}``.

    ``labels`` and ``cues`` are lists of labels in vocabulary order; each hit
    is a dict ``{label, level, term, match, start, end}``. ``tokens``: the
    text's shared :class:`~clientcomm.tokens.TokenizedText` (the pipeline
    passes one so that every annotator reads one tokenisation).

    >>> tag_text("客户来电说货物还没有到。", "channels", "zh-Hans")["labels"]
    ['phone']
    """
    d = load_dictionary(dictionary)
    text = text if isinstance(text, str) else ("" if text is None or (isinstance(text, float) and text != text) else str(text))
    if tokens is None:
        tokens = TokenizedText(text)
    elif tokens.text != text:
        raise ValueError("tokens were made from another text than the one tagged")
    code = resolve_lang(lang, text, d) if text else None
    raw = _resolve_overlaps(_raw_hits(tokens, d, code, lang)) if text else []
    if not raw:  # most texts: nothing found
        return {"labels": [], "cues": [], "hits": []}
    order = d.order()
    hits = [{"label": h.entry.label, "level": h.entry.level, "term": h.entry.term.text, "match": text[h.start:h.end],
             "start": h.start, "end": h.end} for h in raw]
    mentions = sorted({h["label"] for h in hits if h["level"] == "mention"}, key=order.__getitem__)
    cues = sorted({h["label"] for h in hits if h["level"] == "cue"}, key=order.__getitem__)
    return {"labels": mentions, "cues": cues, "hits": hits}


def tag(texts, dictionary: str | Dictionary = "channels", lang=None,
        tokens: Sequence[TokenizedText] | None = None) -> pd.DataFrame:
    """Tag texts with a dictionary; one row per text, index-aligned with the input.

    ``dictionary`` is ``"channels"``, ``"temperaments"`` or a path to your own
    YAML file (same format). ``lang`` is None (detected), one code for all
    texts, or a Series/list aligned with ``texts``. Columns: ``labels`` and
    ``cues`` (semicolon-separated labels in vocabulary order, ``""`` when none)
    and ``hits`` (list of ``{label, level, term, match, start, end}``).
    ``tokens``: :class:`~clientcomm.tokens.TokenizedText` objects aligned with
    ``texts``, shared with other annotators (the pipeline passes them).

    >>> tag(pd.Series(["Sunați-ne mâine!"]), "channels", lang="ro")["labels"].tolist()
    ['phone']
    """
    d = load_dictionary(dictionary)
    s = _as_series(texts)
    langs = text_languages(s, lang)
    if tokens is not None and len(tokens) != len(s):
        raise ValueError(f"tokens has {len(tokens)} values for {len(s)} texts")
    rows = []
    for k, (text, lg) in enumerate(zip(s.tolist(), langs)):
        lg = None if lg is None or (isinstance(lg, float) and lg != lg) else str(lg)
        r = tag_text(text, d, lg, tokens=None if tokens is None else tokens[k])
        rows.append((";".join(r["labels"]), ";".join(r["cues"]), r["hits"]))
    return pd.DataFrame(rows, columns=["labels", "cues", "hits"], index=s.index)
