"""Language identification: rules first (script, letters, words), langdetect's profiles second.

Steps for one text:

1. strip URLs, e-mail addresses and @handles; no letters left → ``und``;
2. the script decides the candidates: Hangul → ``ko``, kana → ``ja``, Han alone →
   Chinese, Simplified vs Traditional from OpenCC's tables (``hanzi``);
3. Cyrillic and Latin texts: every candidate gets a score (log units) =
   ``LANGDETECT_WEIGHT`` × n-gram log-likelihood under langdetect's profile
   (``_ngram``: deterministic, every n-gram scored, no sampling)
   + py3langid's naive-Bayes log-probability (restricted to the same candidates)
   + ``WORD_BONUS`` per function word of that language (``function_words.tsv``)
   + ``LEXICON_BONUS`` × share of words its lexicon knows × min(words, 3) (``lexicon``:
   simplemma's word lists; decisive on two-word fragments)
   − ``LETTER_PENALTY`` per letter outside its alphabet (``alphabets.tsv``) and per
   spelling its orthography rules out (``letters.ORTHOGRAPHY_RULES``)
   + ``PRIOR`` for the project's own languages. Serbian, Belarusian and Kazakh have no
   langdetect profile; their langdetect term comes from a letter-by-letter proxy
   (Serbian Cyrillic → Latin under the Croatian profile; Belarusian → Ukrainian
   spelling; Kazakh → Russian letters);
4. ``lang_score`` maps the margin between the two best scores to a probability
   (logistic, see ``calibration``).

>>> detect_language(["Спасибо, всё отлично!", "Mulțumesc frumos!", "謝謝你的幫忙", ""])["lang"].tolist()
['ru', 'ro', 'zh-Hant', 'und']
"""
from __future__ import annotations

import copy
import math
import re
from functools import lru_cache
from typing import Iterable, NamedTuple

import numpy as np
import pandas as pd

from .._series import as_series as _as_series
from ._ngram import ngram_model
from .hanzi import chinese_variant
from .lexicon import SR_CYR_TO_LAT, known_share
from .letters import ORTHOGRAPHY_RULES, alphabets, collapse_elongation, fix_homoglyphs, function_words, words
from .scripts import char_script, dominant_script, letters_only, script_counts

__all__ = ["detect_language", "detect_one", "explain", "CANDIDATES", "MIN_LETTERS"]

#: Candidate languages per script. The first group is the project's focus; others get a prior penalty.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "Cyrl": ("ru", "uk", "be", "bg", "mk", "sr", "kk"),
    "Latn": ("en", "ro", "it", "es", "pt", "fr", "ca", "pl"),
}
#: Further langdetect languages per script, allowed only on clear evidence (log-prior penalty).
EXTRA_CANDIDATES: dict[str, tuple[str, ...]] = {
    "Latn": ("de", "nl", "sv", "da", "no", "fi", "et", "lt", "lv", "cs", "sk", "sl", "hr", "hu",
             "tr", "sq", "id", "tl", "sw", "so", "af", "cy", "vi"),
}
#: Scripts that name one language on their own.
SINGLE_SCRIPT_LANG = {"Hang": "ko", "Kore": "ko", "Jpan": "ja", "Hira": "ja", "Kana": "ja", "Grek": "el",
                      "Hebr": "he", "Thai": "th", "Geor": "ka", "Armn": "hy", "Beng": "bn", "Taml": "ta"}
#: Scripts shared by several langdetect languages.
MULTI_SCRIPT_LANGS = {"Arab": ("ar", "fa", "ur"), "Deva": ("hi", "mr", "ne")}
#: Fewer letters than this (in the main script) → ``und``. Han characters count double.
MIN_LETTERS = 3

# Scoring weights, in log-likelihood units. Chosen on the development set langid_dev.csv with a
# small grid (LANGDETECT_WEIGHT 0-0.5, WORD_BONUS 4-8, PRIOR 3-6); LETTER_PENALTY and EXTRA_PRIOR
# were set once by hand and not tuned.
LANGDETECT_WEIGHT = 0.25   # langdetect-profile log-likelihood, relative to py3langid's
WORD_BONUS = 6.0           # per function word of the language
# Per word known to the language's lexicon (share of words × min(words, 3)). Added after the
# weights above were fixed; chosen from 2, 3, 5, 8, 12 on one half of langid_dev.csv (the half
# with an even md5 of the text; 8 and 12 gave the same overall and short-text accuracy there,
# 12 was 0.001 better on ru/ro/zh; the smaller was kept).
LEXICON_BONUS = 8.0
#: Share assumed for a language without a word list (Belarusian, Kazakh), so that having no list
#: is neither evidence for nor against it. Chosen from 0, 0.25, 0.5 on the same half.
NO_LEXICON_SHARE = 0.5
LETTER_PENALTY = 12.0      # per distinct letter outside the language's alphabet
EXTRA_PRIOR = 8.0          # languages outside the project's candidate list
#: Log-prior for the project's own languages: a text that could be Russian or Macedonian is
#: far more likely Russian in client communication from the project's sources.
PRIOR = {"ru": 4.5, "ro": 4.5, "en": 2.25}
# Logistic calibration of the top-two margin: p = 1 / (1 + exp(-(A * margin + B))).
# A and B were fitted (maximum likelihood, 2 parameters) on the margins of the Latin and Cyrillic
# texts of half of the development set langid_dev.csv (even md5 of the text), then rounded;
# refitted when the lexicon term was added (before: 0.12, 0.37).
CAL_A, CAL_B = 0.08, 0.85

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|@\w+|\b\w+\.(?:com|org|net|ru|ro|md|cn|tw|hk|io)\b\S*",
                  re.IGNORECASE)
# The same pattern without its two alternatives that need an "@": the same matches on a text with
# no "@", several times faster (the "\S+@" alternative is tried at every position).
_URL_NO_AT = re.compile(r"(?:https?://|www\.)\S+|\b\w+\.(?:com|org|net|ru|ro|md|cn|tw|hk|io)\b\S*", re.IGNORECASE)


# What every match of ``_URL_NO_AT`` holds (its first alternative "://" or "www.", its second a
# dot, a listed ending and a word boundary): a text without any has no match, and is searched
# once for these literals instead of trying ``\b\w+\.`` at every word.
_URL_HINT = re.compile(r"://|www\.|\.(?:com|org|net|ru|ro|md|cn|tw|hk|io)\b", re.IGNORECASE)


#: Any character three times in a row: a text without one has no elongation to collapse.
_TRIPLE = re.compile(r"(.)\1\1", re.DOTALL)


def _strip_urls(text: str) -> str:
    """``text`` with URLs, e-mail addresses and @handles replaced by a space (``_URL``).

    >>> _strip_urls("Scrieți la ana@exemplu.ro sau pe www.exemplu.md azi")
    'Scrieți la   sau pe   azi'
    """
    if "@" in text:
        return _URL.sub(" ", text)
    return _URL_NO_AT.sub(" ", text) if _URL_HINT.search(text) else text


class _Spelling(dict):
    """A ``str.translate`` table that also maps every other character it meets to itself.

    The same result as the plain table (a character without an entry stays as it is),
    without the ``LookupError`` that ``str.translate`` raises and catches inside for each
    such character; ``letters`` are the characters the table changes.
    """

    def __init__(self, table: dict) -> None:
        super().__init__(table)
        self.letters = re.compile("[" + re.escape("".join(map(chr, table))) + "]")

    def __missing__(self, code: int) -> int:
        self[code] = code
        return code


_SR_TABLE = _Spelling(SR_CYR_TO_LAT)
_BE_TO_UK = _Spelling(str.maketrans("ыэёўЫЭЁЎ", "иеоуИЕОУ"))
_KK_TO_RU = _Spelling(str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкнооухиАГКНООУХИ"))
# language → (profile used, text transform)
_PROXIES = {"sr": ("hr", _SR_TABLE), "be": ("uk", _BE_TO_UK), "kk": ("ru", _KK_TO_RU)}




def _langid_base():
    """py3langid's full model, memory-mapped from the cache (see ``langid_model``)."""
    from .langid_model import identifier

    return identifier()


@lru_cache(maxsize=16)
def _langid_model(languages: tuple[str, ...]):
    """py3langid's naive Bayes model restricted to ``languages``.

    A shallow copy: it shares the loaded model's byte automaton and tables;
    ``set_languages`` then gives it its own small column subset of the tables.
    """
    model = copy.copy(_langid_base())
    model.set_languages([lang for lang in languages if lang in model.nb_classes])
    # ``set_languages`` copies the columns out of the language-major mapped table, so each
    # feature's scores lie a table column apart; row-major, a text's features are read as one
    # short run of bytes each (a cache line, not one per language). Rows gathered from either
    # are the same C-ordered array, so py3langid's product is computed exactly as before.
    model.nb_ptc = np.ascontiguousarray(model.nb_ptc)
    return model


#: A top-two margin at least this large gives ``lang_score`` 0.99 (the cap) under the calibration.
SURE_MARGIN = (math.log(99.0) - CAL_B) / CAL_A


def _lexicon_may_matter(base: np.ndarray, n_words: int) -> bool:
    """Whether adding the word-list term to ``base`` could change the answer or its ``lang_score``.

    The term adds between 0 and ``LEXICON_BONUS × min(words, 3)`` to each candidate, so
    it can lower the top-two margin by at most that much. When the margin without it
    exceeds that plus ``SURE_MARGIN``, the best candidate stays best and ``lang_score``
    stays at its 0.99 cap: the look-ups are skipped (long texts, clear calls).
    """
    if n_words == 0 or len(base) < 2:
        return n_words > 0
    second, first = sorted(base.tolist())[-2:]
    return first - second < LEXICON_BONUS * min(n_words, 3) + SURE_MARGIN + 1.0


class _Plan(NamedTuple):
    """Everything about one candidate list that does not depend on the text (built once per list)."""

    langs: tuple[str, ...]
    model: object                                # NgramModel over the profiles the candidates use
    cols: np.ndarray                             # n-gram model column per candidate (proxies: 0, replaced)
    proxies: tuple[tuple[int, int, _Spelling], ...]  # (candidate, profile column, letter map) of be, kk, sr
    langid: object                               # py3langid restricted to the candidates
    langid_cols: np.ndarray                      # py3langid score column per candidate (absent: 0, masked)
    langid_known: np.ndarray                     # whether py3langid knows the candidate
    langid_labels: np.ndarray                    # the first column of each py3langid label (its score)
    function_words: dict[str, tuple[int, ...]]   # function word → candidates it belongs to
    alphabets: tuple[tuple[int, str, frozenset[str]], ...]  # (candidate, script, letters) with an alphabet
    orthography: tuple[tuple[re.Pattern, np.ndarray], ...]  # rule → 1.0 for the candidates it rules out
    lexicon: tuple[int, ...]                     # candidates that get the word-list term (not ``extra``)
    extra_prior: np.ndarray                      # EXTRA_PRIOR for ``extra``, else 0
    prior: np.ndarray                            # PRIOR per candidate


@lru_cache(maxsize=64)  # one per (candidates, extra) pair: a handful per process
def _plan(cands: tuple[str, ...], extra: tuple[str, ...]) -> _Plan:
    langs = cands + extra
    profiled = tuple(sorted({_PROXIES.get(lang, (lang,))[0] for lang in langs}))
    model = ngram_model(profiled)
    pos = {lang: i for i, lang in enumerate(model.languages)}
    fw: dict[str, list[int]] = {}
    for k, lang in enumerate(langs):
        for w in function_words().get(lang, ()):
            fw.setdefault(w, []).append(k)
    known_alpha = alphabets()
    ortho = tuple((rx, np.array([LETTER_PENALTY if lang in ruled_out else 0.0 for lang in langs]))
                  for rx, ruled_out, _ in ORTHOGRAPHY_RULES if ruled_out & set(langs))
    langid = _langid_model(tuple(sorted(langs)))
    first: dict[str, int] = {}
    for i, label in enumerate(langid.nb_classes):
        first.setdefault(label, i)
    return _Plan(
        langs=langs, model=model,
        cols=np.array([pos.get(lang, 0) for lang in langs], dtype=np.intp),
        proxies=tuple((k, pos[_PROXIES[lang][0]], _PROXIES[lang][1]) for k, lang in enumerate(langs)
                      if lang in _PROXIES),
        langid=langid,
        langid_cols=np.array([first.get(lang, 0) for lang in langs], dtype=np.intp),
        langid_known=np.array([lang in first for lang in langs]),
        langid_labels=np.array(list(first.values()), dtype=np.intp),
        function_words={w: tuple(ks) for w, ks in fw.items()},
        alphabets=tuple((k, *known_alpha[lang]) for k, lang in enumerate(langs) if lang in known_alpha),
        orthography=ortho,
        lexicon=tuple(k for k, lang in enumerate(langs) if lang not in extra),
        extra_prior=np.array([EXTRA_PRIOR if lang in extra else 0.0 for lang in langs]),
        prior=np.array([PRIOR.get(lang, 0.0) for lang in langs]),
    )


def _langid_scores(plan: _Plan, text: str) -> np.ndarray:
    """py3langid's score of each candidate for ``text``; a candidate it lacks gets its lowest score − 50.

    The values of ``dict(plan.langid.rank(text))`` read straight from py3langid's score
    vector (``rank`` takes the first column of each label, where aliases are folded,
    and sorts them): float32 scores widened to float64 exactly, as ``tolist`` does.
    """
    if not len(plan.langid_labels):
        return np.zeros(len(plan.langs))  # py3langid knows none of them: all get 0.0
    scores = plan.langid._decide(text).astype(np.float64)
    low = scores[plan.langid_labels].min() - 50.0
    return np.where(plan.langid_known, scores[plan.langid_cols], low)


class _Weighed(dict):
    """``str.translate`` table: a character → the letters of its lower case that ``alphabet_violations``
    weighs for ``script`` (Latin: beyond a-z), ``""`` if none; filled on first use."""

    def __init__(self, script: str) -> None:
        super().__init__()
        self.script = script

    def __missing__(self, code: int) -> str:
        latin = self.script == "Latn"
        out = self[code] = "".join(c for c in chr(code).lower()
                                   if (c > "\x7f" or not latin) and c.isalpha() and char_script(c) == self.script)
        return out


_WEIGHED: dict[str, _Weighed] = {}


def _script_letters(text: str, script: str) -> frozenset[str]:
    """Distinct lower-case letters of ``text`` that ``alphabet_violations`` weighs for ``script``.

    Taken from the lower case of each distinct character: the same set as from
    ``text.lower()``, since the one lower case that depends on the next character
    (Greek final sigma) does not occur in the Latin or Cyrillic text this weighs.
    """
    if script == "Latn" and text.isascii():  # Latin letters beyond a-z only
        return frozenset()
    table = _WEIGHED.get(script)
    if table is None:
        table = _WEIGHED[script] = _Weighed(script)
    return frozenset("".join(set(text)).translate(table))


def _scores(text: str, script: str, cands: tuple[str, ...], extra: tuple[str, ...],
            always_lexicon: bool = False) -> tuple[tuple[str, ...], np.ndarray]:
    """Score vector over ``cands + extra`` for a Cyrillic or Latin text (higher is better).

    The word-list term is added only where it may matter (:func:`_lexicon_may_matter`),
    and then only to the candidates it could lift into the top two (:func:`_contenders`),
    unless ``always_lexicon``; the answer and ``lang_score`` are the same either way.
    Every term is a vector over the candidates, added in one fixed order
    (n-grams and py3langid, function words, word lists, letters, spelling, priors),
    so each score is the same to the last bit as adding them candidate by candidate.
    """
    plan = _plan(cands, extra)
    langs = plan.langs
    body = letters_only(text, script)
    toks = words(body)
    model = plan.model
    tokens = body.split()  # the n-gram rows are put together token by token (remembered per token)
    rows = model.token_rows(tokens)
    ll, n = model.sum_rows(rows)
    ngram = ll[plan.cols]
    for k, col, table in plan.proxies:
        # spelled as the proxy's profile expects; no letter it changes: the same text
        moved = body.translate(table) if table.letters.search(body) else body
        if moved == body:
            pll, pn = ll[col], n
        else:  # the same rows give the same sum
            moved_rows = model.token_rows(moved.split())
            pll, pn = (ll[col], n) if moved_rows == rows else model.sum_column(moved_rows, col)
        ngram[k] = pll / pn * n if pn else 0.0
    head = LANGDETECT_WEIGHT * ngram + _langid_scores(plan, text.lower())  # lower case: fewer name effects
    # A term that is 0.0 for every candidate is not added: x - 0.0 is x, and so is x + 0.0 for
    # every x but -0.0, which no score here can be (the n-gram term is a sum of logarithms
    # or +0.0, so a sum with it is -0.0 only if both parts are).
    fw_index = plan.function_words
    found_fw = fw_index.keys() & toks  # the function words present; each counted below (whole numbers: exact)
    if found_fw:
        fw_hits = np.zeros(len(langs))
        for w in found_fw:
            times = toks.count(w)
            for k in fw_index[w]:
                fw_hits[k] += times
        head += WORD_BONUS * fw_hits
    penalty = None  # letters outside the alphabet
    seen: dict[str, frozenset[str]] = {}
    for k, alpha_script, letters in plan.alphabets:
        found = seen.get(alpha_script)
        if found is None:
            found = seen[alpha_script] = _script_letters(body, alpha_script)
        if found:  # no letter to weigh: the penalty stays 0.0 (= LETTER_PENALTY × 0)
            if penalty is None:
                penalty = np.zeros(len(langs))
            penalty[k] = LETTER_PENALTY * len(found - letters)
    ortho = None
    for rx, weights in plan.orthography:
        hits = len(rx.findall(body))
        if hits:
            ortho = weights * hits if ortho is None else ortho + weights * hits

    def total(lexicon: tuple[int, ...]) -> np.ndarray:
        out = head.copy()
        if lexicon:
            lex = np.zeros(len(langs))
            for k in lexicon:
                share = known_share(toks, langs[k])
                if share is None and toks:
                    share = NO_LEXICON_SHARE
                if share is not None:
                    lex[k] = LEXICON_BONUS * share * min(len(toks), 3)
            out += lex
        if penalty is not None:
            out -= penalty
        if ortho is not None:
            out -= ortho
        out -= plan.extra_prior
        out += plan.prior
        return out

    base = total(())
    if always_lexicon:
        return langs, total(plan.lexicon)
    if _lexicon_may_matter(base, len(toks)):
        return langs, total(_contenders(base, plan.lexicon, len(toks)))
    return langs, base


def _contenders(base: np.ndarray, lexicon: tuple[int, ...], n_words: int) -> tuple[int, ...]:
    """The candidates of ``lexicon`` whose word-list term could lift them into the top two.

    The term adds at most ``LEXICON_BONUS × min(words, 3)``. A candidate whose score
    plus that (and a 1.0 slack for rounding) stays below the second best score without
    the term ends below the two best however its words look: its look-ups are skipped,
    its score keeps no word-list term, and the top two and their margin are unchanged.
    """
    if len(base) < 3:
        return lexicon
    scores = base.tolist()
    second = sorted(scores)[-2]
    reach = LEXICON_BONUS * min(n_words, 3) + 1.0
    return tuple(k for k in lexicon if scores[k] + reach >= second)


def _calibrate(margin: float) -> float:
    return 1.0 / (1.0 + math.exp(-(CAL_A * margin + CAL_B)))


def detect_one(text: str, languages: Iterable[str] | None = None) -> tuple[str, float, str]:
    """``(lang, lang_score, script)`` for one text; ``languages`` restricts the candidates.

    Results are cached per (text, languages): repeated texts cost nothing
    (``detect_one.cache_clear()`` empties the cache).

    >>> detect_one("Дякую, це дуже добре.")
    ('uk', 0.98, 'Cyrl')
    >>> detect_one("12:30 👍")
    ('und', 0.0, 'Zyyy')
    """
    return _detect_cached(text or "", _norm_langs(languages))


def _norm_langs(languages) -> tuple[str, ...] | None:
    """``"ru,ro"``, a list or None → a sorted tuple of codes (hashable, order-free) or None."""
    if not languages:
        return None
    if isinstance(languages, str):
        languages = languages.split(",")
    return tuple(sorted({str(c).strip() for c in languages if str(c).strip()})) or None


detect_one.cache_clear = lambda: _detect_cached.cache_clear()  # type: ignore[attr-defined]


@lru_cache(maxsize=65536)
def _detect_cached(text: str, languages: tuple[str, ...] | None) -> tuple[str, float, str]:
    text = _strip_urls(text or "")
    if _TRIPLE.search(text):  # an elongated letter is three of a kind in a row (a quick scan first)
        text = collapse_elongation(text)
    counts = script_counts(text)
    script = dominant_script(text, counts)
    if script == "Zyyy":
        return "und", 0.0, "Zyyy"
    allowed = set(languages) if languages else None
    if script == "Hani":
        if counts["Hani"] * 2 < MIN_LETTERS:
            return "und", 0.0, "Hani"
        lang, score, sub = chinese_variant(text)
        if allowed is not None:
            zh = [c for c in ("zh-Hans", "zh-Hant") if c in allowed]
            if not zh:
                return "und", 0.0, sub
            if lang not in zh:
                lang, score = (zh[0], 0.5) if len(zh) == 1 else (lang, score)
                sub = {"zh-Hans": "Hans", "zh-Hant": "Hant"}.get(lang, sub)
        return lang, round(min(score, 0.99), 2), sub
    if script in SINGLE_SCRIPT_LANG:
        lang = SINGLE_SCRIPT_LANG[script]
        if allowed is not None and lang not in allowed:
            return "und", 0.0, script
        return lang, 0.99, script
    main = counts.get(script, 0)
    if main < MIN_LETTERS:
        return "und", 0.0, script
    if script in MULTI_SCRIPT_LANGS:
        cands, extra = MULTI_SCRIPT_LANGS[script], ()
    elif script in CANDIDATES:
        cands, extra = CANDIDATES[script], EXTRA_CANDIDATES.get(script, ())
    else:
        return "und", 0.0, script
    if allowed is not None:
        cands = tuple(c for c in cands + extra if c in allowed)
        extra = ()
        if not cands:
            return "und", 0.0, script
    if len(cands) == 1:
        return cands[0], 0.99, script
    if script == "Cyrl":
        text = fix_homoglyphs(text)
    langs, s = _scores(text, script, cands, extra)
    order = np.argsort(-s, kind="stable")
    margin = float(s[order[0]] - s[order[1]])
    return langs[order[0]], round(min(_calibrate(margin), 0.99), 2), script


def explain(text: str, languages: Iterable[str] | None = None) -> pd.DataFrame:
    """Every candidate's score for a Cyrillic or Latin text, best first (for inspection).

    >>> explain("Mulțumesc frumos!").index[0]
    'ro'
    """
    text = _strip_urls(text)
    script = dominant_script(text)
    if script == "Cyrl":
        text = fix_homoglyphs(text)
    cands, extra = CANDIDATES.get(script, ()), EXTRA_CANDIDATES.get(script, ())
    if not cands:
        raise ValueError(f"no statistical ranking for script {script}: detect_one() decides it by rule")
    if languages:
        cands, extra = tuple(c for c in cands + extra if c in set(languages)), ()
    langs, s = _scores(text, script, cands, extra, always_lexicon=True)
    return pd.Series(s, index=list(langs), name="score").sort_values(ascending=False).to_frame()


def detect_language(texts, languages: Iterable[str] | None = None) -> pd.DataFrame:
    """Detect the language of each text: columns ``lang``, ``lang_score``, ``script``.

    ``texts`` is a string, a list or a pandas Series (the output keeps its index).
    ``languages`` restricts the answer to these BCP-47 codes (a corpus known to
    hold only some languages); ``und`` when none fits.

    >>> detect_language(pd.Series(["Bună ziua, cu ce vă pot ajuta?"], index=[7]))
      lang  lang_score script
    7   ro        0.99   Latn
    """
    s = _as_series(texts)
    langs = _norm_langs(languages)
    rows = [_detect_cached("" if (t is None or (isinstance(t, float) and math.isnan(t))) else str(t), langs)
            for t in s.tolist()]
    out = pd.DataFrame(rows, columns=["lang", "lang_score", "script"], index=s.index)
    out["lang_score"] = out["lang_score"].astype(float)
    return out
