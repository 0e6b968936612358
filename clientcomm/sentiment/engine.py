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
4. score and 5. label (:func:`_result`): ``score = sum / sqrt(sum² + ALPHA)``; the label is neutral inside
   ``NEUTRAL_BAND`` (or, with ``binary=True``, positive above
   ``BINARY_THRESHOLD`` and negative otherwise).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from ..matching import is_elongated
from ..tokens import Token, TokenizedText, lemmatize, tokenize
from .data_classes import Hit, SentimentResult
from .resources import RuleTable, lang_code, lexicon_names, load_lexicon, norm_key, ro_fold_lemma, rule_table
from .rules import (CLAUSE_BREAK, count_exclamations, elongation_candidates, find_emoticons, is_shouted,
                    sentence_spans)

__all__ = ["score_text", "label_for", "merged_lexicon", "Match", "PendingHit"]

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


def _match(cands: list[list[str]], single, multi, code: str, table: RuleTable, joined: list[bool]) -> list[Match]:
    """Lexicon matches over the tokens, longest first, left to right, not overlapping.

    ``joined[k]`` tells whether token k may continue a multi-token entry started before it (zh:
    no character between the tokens; other languages: no clause break between them).
    """
    n = len(cands)
    out = []
    i = 0
    while i < n:
        found = None
        if code == "zh":
            for k in range(min(_ZH_MAX_TOKENS, n - i), 1, -1):
                if not all(joined[i + 1:i + k]):
                    continue
                key = "".join(c[0] for c in cands[i:i + k])
                if key in single:
                    found = Match(i, i + k, key, *single[key], (), 1.0)
                    break
        elif multi:
            for key0 in cands[i]:
                for parts, val, term in multi.get(key0, ()):
                    k = len(parts)
                    if i + k <= n and all(parts[m] in cands[i + m] and joined[i + m] for m in range(1, k)):
                        found = Match(i, i + k, " ".join(parts), val, term, (), 1.0)
                        break
                if found:
                    break
        boost = (found is None and i + 1 < n and any(c in table.INTENSIFIERS for c in cands[i][:2])
                 and any(c in single for c in cands[i + 1]))
        if found is None and not boost:  # boost: "ужасно долго", "super rapid" — an intensifier, not a hit
            for key in cands[i]:
                if key in table.NEGATIONS and key not in table.NOT_NEGATIONS:
                    break  # a negator is not a sentiment word
                if key in single:
                    found = Match(i, i + 1, key, *single[key], (), 1.0)
                    break
        if found is None and code == "zh":
            found = _zh_fused(cands[i][0], i, single, table)
        if found is not None:
            out.append(found)
            i = found.j
        else:
            i += 1
    return out


def _zh_fused(word: str, i: int, single, table: RuleTable) -> Match | None:
    """不新鲜 → negated 新鲜; 太慢 → intensified 慢 (when the whole token is not in the lexicon)."""
    if len(word) < 2 or word in table.NOT_NEGATIONS:
        return None
    for p in table.NEGATED_PREFIXES:
        rest = word[len(p):]
        if word.startswith(p) and rest in single:
            return Match(i, i + 1, rest, *single[rest], ("negated",), table.NEGATION_FACTOR)
    for p, incr in sorted(table.DEGREE_PREFIXES.items(), key=lambda x: -len(x[0])):
        rest = word[len(p):]
        if word.startswith(p) and rest in single:
            return Match(i, i + 1, rest, *single[rest], ("intensified" if incr >= 0 else "diminished",), 1.0 + incr)
    return None


def _is_negator(keys: list[str], text: str, table: RuleTable) -> bool:
    if any(k in table.NEGATIONS and k not in table.NOT_NEGATIONS for k in keys[:2]):
        return True
    low = text.lower()
    return any(low.startswith(p) and len(low) > len(p) for p in table.NEGATION_PREFIXES)


def score_text(text: str, lang: str | None, binary: bool = False,
               tokens: TokenizedText | None = None) -> SentimentResult:
    """Score one text in ``lang`` (BCP-47): a :class:`SentimentResult` with its hits.

    ``tokens``: the text's :class:`~clientcomm.tokens.TokenizedText` when the
    caller shares one tokenisation between annotators (the pipeline does);
    by default the text is tokenised here.

    >>> score_text("Nu recomand, calitate proastă.", "ro").label
    'negative'
    """
    code = lang_code(lang)
    table = rule_table(code)
    if not isinstance(text, str) or not text.strip():
        return SentimentResult(text if isinstance(text, str) else "", lang, 0.0,
                               label_for(0.0, table, binary), 0.0, [])
    if tokens is not None and tokens.text != text:
        raise ValueError("tokens were made from another text than the one scored")
    single, multi = merged_lexicon(lexicon_names(lang)) if code else ({}, {})
    view = _token_view(text, lang, code, table, tokens if single else None, bool(single))   # 1. tokens
    matches = _match(view.cands, single, multi, code, table, view.joined) if view.toks else []  # 2. hits
    for m in matches:
        view.consumed.update(range(m.i, m.j))
    hits = _word_rules(view, matches, table)                                  # 3. rules on each hit
    hits += [PendingHit(s, s.lower(), st, en, val, 1.0, ["emoji"])
             for s, st, en, val in find_emoticons(text, table.EXTRA_EMOTICONS)]
    hits.sort(key=lambda h: h.start)
    if hits:
        _sentence_rules(hits, view, table)                                    # 3. rules of the sentence
    _negativity_bias(hits, table)
    return _result(text, lang, [h.finish() for h in hits], table, binary)     # 4. score, 5. label


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
        return Hit(self.term, self.key, self.start, self.end, self.valence,
                   round(self.valence * self.factor, 4), self.rules)


@dataclass
class _TokenView:
    """Step 1: a text's tokens with what the rules read about them."""

    text: str
    toks: list[Token]
    cands: list[list[str]]     #: matching keys of each token, best first
    elongated: list[bool]      #: the token repeats a letter (отличноооо)
    joined: list[bool]         #: token k may continue an entry started before it
    clause: list[int]          #: clause number of each token
    consumed: set[int] = field(default_factory=set)  #: tokens inside a lexicon match (filled in step 2)


def _token_view(text: str, lang: str | None, code: str | None, table: RuleTable,
                shared: TokenizedText | None, has_lexicon: bool) -> _TokenView:
    """Tokens (none when the language has no lexicon), their keys, and clause numbers."""
    toks: list[Token] = []
    if has_lexicon:
        tok_lang = lang if code != "zh" else (lang if lang and lang.startswith("zh") else "zh-Hant")
        toks = shared.tokens(tok_lang) if shared is not None else tokenize(text, tok_lang)
    cand_elong = [_candidates(t, code, lang, table.SURFACE_ONLY) for t in toks]
    cands = [c for c, _ in cand_elong]
    if code == "zh":
        joined = [k > 0 and toks[k].start == toks[k - 1].end for k in range(len(toks))]
    else:
        joined = [k > 0 and not CLAUSE_BREAK.search(text, toks[k - 1].end, toks[k].start)
                  for k in range(len(toks))]
    # a clause break between two tokens, or a negation stop or contrastive word before, starts a new clause
    clause = [0] * len(toks)
    cid = 0
    for k in range(1, len(toks)):
        prev_key = cands[k - 1][0]
        if (CLAUSE_BREAK.search(text, toks[k - 1].end, toks[k].start)
                or prev_key in table.NEGATION_STOPS or prev_key in table.CONTRASTIVE):
            cid += 1
        clause[k] = cid
    return _TokenView(text, toks, cands, [e for _, e in cand_elong], joined, clause)


def _word_rules(view: _TokenView, matches: list[Match], table: RuleTable) -> list[PendingHit]:
    """Step 3 on each lexicon match: intensifiers, negation, rhetorical question, elongation, caps; concessive."""
    toks, cands, text = view.toks, view.cands, view.text
    negator = [k not in view.consumed and _is_negator(cands[k], toks[k].text, table) for k in range(len(toks))]
    hits = []
    for m in matches:
        factor, rules_fired = m.factor, list(m.rules)
        neg_at = _negator_before(m, view, negator, table)
        incr = _intensity_before(m, view, table)
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
        if table.QUESTION_FLIPPERS and any(
                cands[k][0] in table.QUESTION_FLIPPERS for k in range(m.i) if view.clause[k] == view.clause[m.i]):
            factor *= -1.0
            rules_fired.append("rhetorical_question")
        if any(view.elongated[k] for k in range(m.i, m.j)):
            factor *= table.ELONGATION_FACTOR
            rules_fired.append("elongated")
        if any(is_shouted(toks[k].text, text) for k in range(m.i, m.j)):
            factor *= table.CAPS_FACTOR
            rules_fired.append("caps")
        start, end = toks[m.i].start, toks[m.j - 1].end
        hits.append(PendingHit(text[start:end], m.key, start, end, m.valence, factor, rules_fired))
    if toks:
        _concessive(hits, view, table)
    return hits


def _negator_before(m: Match, view: _TokenView, negator: list[bool], table: RuleTable) -> int | None:
    """The negator up to ``NEGATION_SCOPE`` tokens before the match in its clause (any one counts once:
    negative concord, ни … не), or None. An entry that starts with its own negator (не перезвонить) is
    not negated again: никто не перезвонил is negative concord, not a double negation."""
    if m.j - m.i > 1 and _is_negator(view.cands[m.i], view.toks[m.i].text, table):
        return None
    for k in range(m.i - 1, max(-1, m.i - 1 - table.NEGATION_SCOPE), -1):
        if view.clause[k] != view.clause[m.i]:
            return None
        if negator[k]:
            return k
    return None


def _intensity_before(m: Match, view: _TokenView, table: RuleTable) -> float:
    """Sum of the intensifier increments of the two tokens before the match (same clause, the farther × 0.95)."""
    incr = 0.0
    for d, k in enumerate(range(m.i - 1, max(-1, m.i - 3), -1)):
        if view.clause[k] != view.clause[m.i] or k in view.consumed:
            break
        inc = next((table.INTENSIFIERS[c] for c in view.cands[k][:2] if c in table.INTENSIFIERS), None)
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


def _result(text: str, lang: str | None, hits: list[Hit], table: RuleTable, binary: bool) -> SentimentResult:
    """Steps 4 and 5: ``score = sum / sqrt(sum² + ALPHA)`` over the hits' weights, and its label."""
    total = sum(h.weight_after_rules for h in hits)
    score = total / math.sqrt(total * total + table.ALPHA) if total else 0.0
    label = label_for(score, table, binary, total, len(hits))
    return SentimentResult(text, lang, round(score, 4), label, round(total, 4), hits)


def _concessive(hits: list[PendingHit], view: _TokenView, table: RuleTable) -> None:
    """Hits in a clause opened by хотя / deși / 虽然 weigh less."""
    if not table.CONCESSIVE:
        return
    toks, clause = view.toks, view.clause
    starts = {clause[k]: toks[k].start for k in range(len(toks))
              if k not in view.consumed and view.cands[k][0] in table.CONCESSIVE}
    if not starts:
        return
    by_offset = {toks[k].start: clause[k] for k in range(len(toks))}
    for h in hits:
        c = by_offset.get(h.start)
        if c in starts and h.start > starts[c]:
            h.factor *= table.CONTRAST_WEIGHT_BEFORE
            h.rules.append("concessive")


def _sentence_rules(hits: list[PendingHit], view: _TokenView, table: RuleTable) -> None:
    """Contrast (per sentence; a sentence opening with но/dar/但 demotes the one before) and exclamation."""
    text = view.text
    spans = sentence_spans(text)

    def sent_of(pos: int) -> int:
        for n, (s, e) in enumerate(spans):
            if s <= pos < e:
                return n
        return len(spans) - 1

    contrast_at: dict[int, int] = {}
    for k, t in enumerate(view.toks):
        key = view.cands[k][0]
        if k in view.consumed or key not in table.CONTRASTIVE or key in table.NOT_CONTRASTIVE:
            continue
        contrast_at[sent_of(t.start)] = t.start  # the last one in the sentence wins
    demote_prev = set()
    for n, pos in contrast_at.items():
        if n > 0 and not text[spans[n][0]:pos].strip(" \t\n-—–\"«"):
            demote_prev.add(n - 1)
    for h in hits:
        n = sent_of(h.start)
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
        excl = count_exclamations(text, *spans[n])
        if excl and table.EXCLAMATION_INCR:
            h.factor *= 1.0 + table.EXCLAMATION_INCR * excl
            h.rules.append("exclamation")
