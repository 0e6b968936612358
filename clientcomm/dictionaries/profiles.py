"""EXPLORATORY temperament-cue profile of messages on Eysenck's two axes.

The module is ``profiles`` so that ``clientcomm.dictionaries.profile`` is the function alone.

>>> p = profile(["We love working with you! Thank you so much!!",
...              "I am always worried, nothing ever works for me.",
...              "The report is attached."], lang="en")
>>> list(p["quadrant"])
['sanguine', 'melancholic', 'phlegmatic']

What it does. For each text it counts cue words and punctuation and gives
rates per 100 tokens (as LIWC does):

- extraversion (E) cues: ``social`` words, positive emotion (``posemo``),
  exclamation marks (``exclam``), second person (``you``), first person
  plural (``we``);
- neuroticism (N) cues: negative emotion (``negemo``), first person singular
  (``i``), absolutist words (``absolutist``), urgency (``urgency``), repeated
  punctuation such as ``!!``, ``?!`` or ``....`` (``rep_punct``).

``E_raw`` and ``N_raw`` are the sums of those rates; ``E`` and ``N`` are the
same minus the collection's median (``center="median"``, default), the mean
(``"mean"``) or fixed values (``center={"E": 5.0, "N": 3.0}``). The quadrant
follows Eysenck's mapping of the classical temperaments onto his two axes:
sanguine E+ N−, choleric E+ N+, melancholic E− N+, phlegmatic E− N−, where
"+" means strictly above the centre (a median split: a text at the centre
counts as low); a text with no tokens gets ``""``.

Why EXPLORATORY. The links are weak, population-level correlations; they
were found in English (mostly essays, blogs and social-media posts), not in
client messages and not in Russian, Romanian or Chinese; our word lists are
hand-made stand-ins for the published categories, untested against
personality measures. Use the profile to explore and to form hypotheses,
never to label a person.

Sources the cue choice draws on:

- Eysenck, H. J. (1967). *The Biological Basis of Personality*; Eysenck &
  Eysenck (1985), *Personality and Individual Differences*: the extraversion
  and neuroticism axes and the placing of the four temperaments on them.
- Pennebaker, J. W., & King, L. A. (1999). Linguistic styles: language use as
  an individual difference. *J. Personality and Social Psychology* 77(6).
- Mehl, M. R., Gosling, S. D., & Pennebaker, J. W. (2006). Personality in its
  natural habitat. *JPSP* 90(5): extraversion and talkativeness, social words.
- Yarkoni, T. (2010). Personality in 100,000 words. *J. Research in
  Personality* 44(3): extraversion with social and positive-emotion words,
  neuroticism with negative emotion, anxiety and first person singular.
- Tackman, A. M., et al. (2019). Depression, negative emotionality, and
  self-referential language. *JPSP* 116(5): "I"-talk and negative emotionality.
- Al-Mosaiwi, M., & Johnstone, T. (2018). In an absolute state: elevated use
  of absolutist words is a marker specific to anxiety, depression, and
  suicidal ideation. *Clinical Psychological Science* 6(4).
- Exclamations, urgency and repeated punctuation are our own additions
  (heightened arousal in written messages), the least supported cues here.

The cue words are in ``data/profile_cues.yaml`` (every entry listed there).
"""
from __future__ import annotations

import re

import pandas as pd

from .._series import as_series
from .._yaml import load_yaml
from ..tokens import tokenize
from .loader import DATA_DIR, load_dictionary
from ..language.per_text import text_languages
from .tagger import resolve_lang, tag_text

__all__ = ["profile", "list_cues", "E_CUES", "N_CUES", "CUE_FILE"]

CUE_FILE = DATA_DIR / "profile_cues.yaml"
E_CUES = ("social", "posemo", "exclam", "you", "we")
N_CUES = ("negemo", "i", "absolutist", "urgency", "rep_punct")

_EXCLAM = re.compile(r"[!！]")
_REPEATED = re.compile(r"[!?！？]{2,}|\.{4,}|…{2,}|。{2,}")


def _n_tokens(text: str, code: str | None, lang: str | None) -> int:
    tok_lang = {"zh": "zh-Hans"}.get(code, code) if code else lang
    return len(tokenize(text, tok_lang))


def _center(values: pd.Series, center) -> float:
    if isinstance(center, (int, float)):
        return float(center)
    if center == "median":
        return float(values.median()) if len(values) else 0.0
    if center == "mean":
        return float(values.mean()) if len(values) else 0.0
    raise ValueError("center must be 'median', 'mean', a number or a dict {'E': x, 'N': y}")


def _quadrant(e: float, n: float) -> str:
    if e != e or n != n:
        return ""
    if e > 0:
        return "choleric" if n > 0 else "sanguine"
    return "melancholic" if n > 0 else "phlegmatic"


def list_cues() -> pd.DataFrame:
    """Every cue of the profile: ``axis``, ``cue``, ``lang``, ``term`` (words from the YAML, punctuation rules).

    >>> c = list_cues(); sorted(c["axis"].unique()), "absolutely" in set(c["term"])
    (['E', 'N'], True)
    """
    with open(CUE_FILE, encoding="utf-8") as fh:
        raw = load_yaml(fh)
    rows = []
    for lang, by_label in raw["languages"].items():
        for cue, levels in by_label.items():
            items = levels if isinstance(levels, list) else levels.get("mention", [])
            for term in items:
                rows.append({"axis": "E" if cue in E_CUES else "N", "cue": cue, "lang": lang, "term": str(term)})
    rows.append({"axis": "E", "cue": "exclam", "lang": "any", "term": "! or ！ (each mark)"})
    rows.append({"axis": "N", "cue": "rep_punct", "lang": "any", "term": _REPEATED.pattern})
    return pd.DataFrame(rows, columns=["axis", "cue", "lang", "term"])


def profile(texts, lang=None, center="median") -> pd.DataFrame:
    """Cue rates per 100 tokens, E and N scores and the temperament quadrant, per text.

    Columns: ``n_tokens``, the ten cue rates (see module docstring), ``E_raw``,
    ``N_raw``, ``E``, ``N``, ``quadrant`` and ``cue_words`` (the matched words,
    so every score can be checked). EXPLORATORY: see the module docstring.
    """
    d = load_dictionary(CUE_FILE)
    s = as_series(texts)
    langs = text_languages(s, lang)
    rows = []
    for text, lg in zip(s.tolist(), langs):
        text = text if isinstance(text, str) else ""
        lg = None if lg is None or (isinstance(lg, float) and lg != lg) else str(lg)
        code = resolve_lang(lg, text, d) if text else None
        n = _n_tokens(text, code, lg) if text else 0
        res = tag_text(text, d, lg) if text else {"hits": []}
        counts = {c: 0 for c in E_CUES + N_CUES}
        for h in res["hits"]:
            counts[h["label"]] += 1
        counts["exclam"] = len(_EXCLAM.findall(text))
        counts["rep_punct"] = len(_REPEATED.findall(text))
        row = {"n_tokens": n}
        row.update({c: (100.0 * counts[c] / n if n else 0.0) for c in E_CUES + N_CUES})
        row["cue_words"] = [f'{h["label"]}:{h["match"]}' for h in res["hits"]]
        rows.append(row)
    out = pd.DataFrame(rows, index=s.index, columns=["n_tokens", *E_CUES, *N_CUES, "cue_words"])
    out["E_raw"] = out[list(E_CUES)].sum(axis=1)
    out["N_raw"] = out[list(N_CUES)].sum(axis=1)
    has = out["n_tokens"] > 0
    ce = _center(out.loc[has, "E_raw"], center["E"] if isinstance(center, dict) else center)
    cn = _center(out.loc[has, "N_raw"], center["N"] if isinstance(center, dict) else center)
    out["E"] = (out["E_raw"] - ce).where(has)
    out["N"] = (out["N_raw"] - cn).where(has)
    out["quadrant"] = [_quadrant(e, n) for e, n in zip(out["E"], out["N"])]
    cols = ["n_tokens", *E_CUES, *N_CUES, "E_raw", "N_raw", "E", "N", "quadrant", "cue_words"]
    return out[cols]
