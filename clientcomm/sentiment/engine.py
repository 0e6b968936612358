"""The lexicon-and-rules scorer (VADER-style) over clientcomm tokens.

>>> r = score_text("Обслуживание не очень хорошее, но сотрудник вежливый!", "ru")
>>> r.label, [h.lemma for h in r.hits]
('positive', ['хороший', 'вежливый'])

Steps for one text:

1. tokens and lemmas from ``clientcomm.tokens.tokenize``; each token gets
   candidate keys (lemma, the word itself; ro also the lemma of a word typed
   without diacritics; elongated words also their collapsed spellings);
2. lexicon matching, longest first: multi-word entries as lemma sequences
   (zh: concatenations of up to four tokens), then single tokens; zh tokens
   that fuse a negator or degree word with a lexicon word (不新鲜, 太慢) are
   split by the rule table's ``NEGATED_PREFIXES``/``DEGREE_PREFIXES``;
3. rules on each hit: negation (a negator up to ``NEGATION_SCOPE`` tokens
   before, same clause: × ``NEGATION_FACTOR``), intensifiers and
   diminishers (the two tokens before: × (1 + increment)), contrast (in a
   sentence with a contrastive word: before × ``CONTRAST_WEIGHT_BEFORE``,
   after × ``CONTRAST_WEIGHT``), concessive clauses (хотя, deși: ×
   ``CONTRAST_WEIGHT_BEFORE``), exclamation marks, ALL-CAPS, repeated
   letters; emoji and emoticons are hits of their own;
4. ``score = sum / sqrt(sum² + ALPHA)``; the label is neutral inside
   ``NEUTRAL_BAND`` (or, with ``binary=True``, positive above
   ``BINARY_THRESHOLD`` and negative otherwise).
"""
from __future__ import annotations

import math
from functools import lru_cache
from types import MappingProxyType

from ..tokens import Token, lemmatize, tokenize
from .data_classes import Hit, SentimentResult
from .resources import RuleTable, lang_code, lexicon_names, load_lexicon, norm_key, ro_fold_lemma, rule_table
from .rules import (CLAUSE_BREAK, collapse_elongation, count_exclamations, find_emoticons, is_elongated,
                    is_shouted, sentence_spans)

__all__ = ["score_text", "label_for", "merged_lexicon"]

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


def _candidates(tok: Token, code: str, lang: str) -> tuple[list[str], bool]:
    """Matching keys of a token, best first, and whether it was elongated."""
    if code == "zh":
        return [tok.lemma], False
    keys = [norm_key(tok.lemma, code), norm_key(tok.text, code)]
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
        for w in collapse_elongation(tok.text):
            keys.append(norm_key(lemmatize(w, lang), code))
            keys.append(norm_key(w, code))
            if code == "ro":
                alt = ro_fold_lemma(w)
                if alt:
                    keys.append(alt)
    return list(dict.fromkeys(keys)), elong


def _match(cands: list[list[str]], single, multi, code: str, table: RuleTable, joined: list[bool]):
    """Lexicon matches as ``(i, j, key, valence, term, extra_rules, extra_factor)`` over tokens i..j-1.

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
                    found = (i, i + k, key, *single[key], [], 1.0)
                    break
        elif multi:
            for key0 in cands[i]:
                for parts, val, term in multi.get(key0, ()):
                    k = len(parts)
                    if i + k <= n and all(parts[m] in cands[i + m] and joined[i + m] for m in range(1, k)):
                        found = (i, i + k, " ".join(parts), val, term, [], 1.0)
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
                    found = (i, i + 1, key, *single[key], [], 1.0)
                    break
        if found is None and code == "zh":
            found = _zh_fused(cands[i][0], i, single, table)
        if found is not None:
            out.append(found)
            i = found[1]
        else:
            i += 1
    return out


def _zh_fused(word: str, i: int, single, table: RuleTable):
    """不新鲜 → negated 新鲜; 太慢 → intensified 慢 (when the whole token is not in the lexicon)."""
    if len(word) < 2 or word in table.NOT_NEGATIONS:
        return None
    for p in table.NEGATED_PREFIXES:
        rest = word[len(p):]
        if word.startswith(p) and rest in single:
            return (i, i + 1, rest, *single[rest], ["negated"], table.NEGATION_FACTOR)
    for p, incr in sorted(table.DEGREE_PREFIXES.items(), key=lambda x: -len(x[0])):
        rest = word[len(p):]
        if word.startswith(p) and rest in single:
            return (i, i + 1, rest, *single[rest], ["intensified" if incr >= 0 else "diminished"], 1.0 + incr)
    return None


def _is_negator(keys: list[str], text: str, table: RuleTable) -> bool:
    if any(k in table.NEGATIONS and k not in table.NOT_NEGATIONS for k in keys[:2]):
        return True
    low = text.lower()
    return any(low.startswith(p) and len(low) > len(p) for p in table.NEGATION_PREFIXES)


def score_text(text: str, lang: str | None, binary: bool = False) -> SentimentResult:
    """Score one text in ``lang`` (BCP-47): a :class:`SentimentResult` with its hits."""
    code = lang_code(lang)
    table = rule_table(code)
    if not isinstance(text, str) or not text.strip():
        return SentimentResult(text if isinstance(text, str) else "", lang, 0.0,
                               label_for(0.0, table, binary), 0.0, [])
    single, multi = merged_lexicon(lexicon_names(lang)) if code else ({}, {})
    raw_hits: list[list] = []  # [term, key, start, end, valence, factor, rules]
    toks: list[Token] = []
    if single:
        toks = tokenize(text, lang if code != "zh" else (lang if lang and lang.startswith("zh") else "zh-Hant"))
    if toks:
        cand_elong = [_candidates(t, code, lang) for t in toks]
        cands = [c for c, _ in cand_elong]
        if code == "zh":
            joined = [k > 0 and toks[k].start == toks[k - 1].end for k in range(len(toks))]
        else:
            joined = [k > 0 and not CLAUSE_BREAK.search(text, toks[k - 1].end, toks[k].start)
                      for k in range(len(toks))]
        matches = _match(cands, single, multi, code, table, joined)
        consumed = set()
        for m in matches:
            consumed.update(range(m[0], m[1]))
        # clause ids: a break between two tokens starts a new clause
        clause = [0] * len(toks)
        cid = 0
        for k in range(1, len(toks)):
            prev_key = cands[k - 1][0]
            if (CLAUSE_BREAK.search(text, toks[k - 1].end, toks[k].start)
                    or prev_key in table.NEGATION_STOPS or prev_key in table.CONTRASTIVE):
                cid += 1
            clause[k] = cid
        negator = [k not in consumed and _is_negator(cands[k], toks[k].text, table) for k in range(len(toks))]
        for i, j, key, val, term, extra, factor in matches:
            rules_fired = list(extra)
            # negation: any negator in scope counts once (negative concord: ни … не)
            neg_at = None
            # an entry that starts with its own negator (не перезвонить) is not negated again:
            # никто не перезвонил is negative concord, not a double negation
            own_neg = j - i > 1 and _is_negator(cands[i], toks[i].text, table)
            for k in range(i - 1, -1 if own_neg else max(-1, i - 1 - table.NEGATION_SCOPE), -1):
                if own_neg:
                    break
                if clause[k] != clause[i]:
                    break
                if negator[k]:
                    neg_at = k
                    break
            # intensifiers: up to two tokens before, same clause
            incr = 0.0
            for d, k in enumerate(range(i - 1, max(-1, i - 3), -1)):
                if clause[k] != clause[i] or k in consumed:
                    break
                inc = next((table.INTENSIFIERS[c] for c in cands[k][:2] if c in table.INTENSIFIERS), None)
                if inc is not None:
                    incr += inc * (1.0 if d == 0 else 0.95)
            if incr:
                if neg_at is not None and incr > 0:
                    factor /= (1.0 + incr)  # "не очень хорошо": weaker than "плохо"
                    rules_fired.append("negated_intensifier")
                else:
                    factor *= 1.0 + incr
                    rules_fired.append("intensified" if incr > 0 else "diminished")
            if neg_at is not None:
                nf = table.NEGATION_FACTOR
                if val < 0 and table.NEGATED_NEGATIVE_FACTOR is not None:
                    nf = table.NEGATED_NEGATIVE_FACTOR
                factor *= nf
                rules_fired.append("negated")
            if table.QUESTION_FLIPPERS and any(
                    cands[k][0] in table.QUESTION_FLIPPERS for k in range(i) if clause[k] == clause[i]):
                factor *= -1.0
                rules_fired.append("rhetorical_question")
            if any(cand_elong[k][1] for k in range(i, j)):
                factor *= table.ELONGATION_FACTOR
                rules_fired.append("elongated")
            if any(is_shouted(toks[k].text, text) for k in range(i, j)):
                factor *= table.CAPS_FACTOR
                rules_fired.append("caps")
            raw_hits.append([text[toks[i].start:toks[j - 1].end], key, toks[i].start, toks[j - 1].end,
                             val, factor, rules_fired])
        _concessive(raw_hits, toks, cands, clause, consumed, table)
    for s, st, en, val in find_emoticons(text, table.EXTRA_EMOTICONS):
        raw_hits.append([s, s.lower(), st, en, val, 1.0, ["emoji"]])
    raw_hits.sort(key=lambda h: h[2])
    if raw_hits:
        _sentence_rules(raw_hits, text, toks, cands if toks else [], consumed if toks else set(), table)
    if table.NEGATIVE_WEIGHT != 1.0:
        for h in raw_hits:
            if h[4] * h[5] < 0:
                h[5] *= table.NEGATIVE_WEIGHT
                h[6].append("negativity_bias")
    hits = [Hit(h[0], h[1], h[2], h[3], h[4], round(h[4] * h[5], 4), h[6]) for h in raw_hits]
    total = sum(h.weight_after_rules for h in hits)
    score = total / math.sqrt(total * total + table.ALPHA) if total else 0.0
    label = label_for(score, table, binary, total, len(hits))
    return SentimentResult(text, lang, round(score, 4), label, round(total, 4), hits)


def _concessive(raw_hits, toks, cands, clause, consumed, table: RuleTable) -> None:
    """Hits in a clause opened by хотя / deși / 虽然 weigh less."""
    if not table.CONCESSIVE:
        return
    starts = {clause[k]: toks[k].start for k in range(len(toks))
              if k not in consumed and cands[k][0] in table.CONCESSIVE}
    if not starts:
        return
    by_offset = {toks[k].start: clause[k] for k in range(len(toks))}
    for h in raw_hits:
        c = by_offset.get(h[2])
        if c in starts and h[2] > starts[c]:
            h[5] *= table.CONTRAST_WEIGHT_BEFORE
            h[6].append("concessive")


def _sentence_rules(raw_hits, text, toks, cands, consumed, table: RuleTable) -> None:
    """Contrast (per sentence; a sentence opening with но/dar/但 demotes the one before) and exclamation."""
    spans = sentence_spans(text)

    def sent_of(pos: int) -> int:
        for n, (s, e) in enumerate(spans):
            if s <= pos < e:
                return n
        return len(spans) - 1

    contrast_at: dict[int, int] = {}
    for k, t in enumerate(toks):
        key = cands[k][0]
        if k in consumed or key not in table.CONTRASTIVE or key in table.NOT_CONTRASTIVE:
            continue
        contrast_at[sent_of(t.start)] = t.start  # the last one in the sentence wins
    demote_prev = set()
    for n, pos in contrast_at.items():
        if n > 0 and not text[spans[n][0]:pos].strip(" \t\n-—–\"«"):
            demote_prev.add(n - 1)
    for h in raw_hits:
        n = sent_of(h[2])
        if n in contrast_at:
            if h[2] < contrast_at[n]:
                h[5] *= table.CONTRAST_WEIGHT_BEFORE
                h[6].append("before_contrast")
            else:
                h[5] *= table.CONTRAST_WEIGHT
                h[6].append("after_contrast")
        elif n in demote_prev:
            h[5] *= table.CONTRAST_WEIGHT_BEFORE
            h[6].append("before_contrast")
        excl = count_exclamations(text, *spans[n])
        if excl and table.EXCLAMATION_INCR:
            h[5] *= 1.0 + table.EXCLAMATION_INCR * excl
            h[6].append("exclamation")
