"""Rule table for Russian sentiment (lemmas as produced by ``clientcomm.tokens.lemmatize``).

>>> from clientcomm.sentiment.lang import ru
>>> "не" in ru.NEGATIONS and "но" in ru.CONTRASTIVE
True
>>> ru.INTENSIFIERS["очень"] > 0 > ru.INTENSIFIERS["слегка"]
True

Written by hand (clientcomm RU rule table, version 1.0, 2026-11-23) from
Russian grammar: negators не/ни/нет/без/никогда …, degree adverbs, the
contrastive conjunctions но/однако/зато and concessive хотя/хоть/пусть.
The neutral band is the default; a grid search with 5-fold cross-validation
on ru_dev.csv (benchmarks/sentiment.py --tune) found nothing better.

Version 1.1 (2026-11-30, issue 14 round 2): лучше read as written (SURFACE_ONLY), more degree
adverbs. Re-checked on the md5(text)-even half of ru_dev.csv with the 1.1 lexicon: neutral
band, NEGATION_SCOPE (2–4), NEGATION_FACTOR (−0.5…−0.9), NEGATED_NEGATIVE_FACTOR (0…−0.5) and
CONTRAST_WEIGHT (1–2) all move engine macro-F1 by ≤ 0.002, so the values are kept.
"""
from __future__ import annotations

# Same shape as every lang/<code>.py by design: one rule table per language, read by
# sentiment.resources.RuleTable (NEGATIONS, INTENSIFIERS, CONTRASTIVE, ...); only the values differ.

NEGATIONS: frozenset[str] = frozenset({
    "не", "ни", "нет", "без", "никогда", "никак", "ничто", "ничего", "никто", "нисколько",
    "ниразу", "вовсе", "отнюдь", "нельзя", "невозможно", "нету", "никакой", "нигде", "никуда",
})

NEGATION_SCOPE: int = 3

INTENSIFIERS: dict[str, float] = {
    "очень": 0.3, "очень-очень": 0.5, "крайне": 0.4, "весьма": 0.2, "совсем": 0.3, "совершенно": 0.35,
    "абсолютно": 0.35, "полностью": 0.3, "абсолютный": 0.3, "полный": 0.25, "самый": 0.3,
    "настолько": 0.25, "так": 0.2, "такой": 0.2, "слишком": 0.3, "чрезвычайно": 0.4, "невероятно": 0.4,
    "безумно": 0.4, "ужасно": 0.35, "жутко": 0.35, "реально": 0.2, "действительно": 0.2, "просто": 0.1,
    "вообще": 0.2, "максимально": 0.3, "особенно": 0.25, "сильно": 0.3, "супер": 0.3, "дико": 0.35,
    "вполне": -0.1, "довольно": -0.1, "достаточно": -0.1,
    "немного": -0.3, "слегка": -0.3, "чуть": -0.3, "чуть-чуть": -0.35, "несколько": -0.2,
    "почти": -0.2, "категорически": 0.4, "едва": -0.3, "относительно": -0.2, "маленько": -0.3, "немножко": -0.3,
    # issue 14 round 2: colloquial and bookish degree adverbs (the author's list)
    "адски": 0.4, "нереально": 0.3, "необычайно": 0.3, "исключительно": 0.3, "предельно": 0.3,
    "чрезмерно": 0.3, "донельзя": 0.4, "катастрофически": 0.4, "мега": 0.3, "капец": 0.4,
    "более-менее": -0.3, "отчасти": -0.3, "частично": -0.3, "местами": -0.2,
}

#: Word forms that are degree adverbs, never sentiment words: simplemma lemmatises довольно ("rather")
#: to довольный ("pleased", +2.3), so "довольно формальные отношения" scored +0.51. A token written
#: like this matches the lexicon only as written (where it is absent), and still works as an
#: intensifier (the engine reads SURFACE_ONLY; see the sentiment README).
#: лучше likewise: simplemma gives хороший (+2.2), but the comparative is mostly advice or comparison
#: (лучше позвоните, лучше бы …); as written it matches its own weaker entry.
SURFACE_ONLY: frozenset[str] = frozenset({"довольно", "лучше"})

CONTRASTIVE: frozenset[str] = frozenset({"но", "однако", "зато", "впрочем"})

#: After a concessive word the clause weighs less (Хотя банк надёжный, …).
CONCESSIVE: frozenset[str] = frozenset({"хотя", "хоть", "пусть"})

CONTRAST_WEIGHT: float = 1.5
CONTRAST_WEIGHT_BEFORE: float = 0.5

EXTRA_EMOTICONS: dict[str, float] = {}

#: Default band kept: the grid search on ru_dev.csv (benchmarks/sentiment.py --tune) found no
#: band/negativity weight that beats it under 5-fold cross-validation (in-sample 0.630 vs CV 0.624).
NEUTRAL_BAND: tuple[float, float] = (-0.05, 0.05)

#: A negated negative word is only mildly positive (без катастрофы ≠ отлично); a negated
#: positive word keeps the usual factor −0.74 (не хороший ≈ плохой).
NEGATED_NEGATIVE_FACTOR: float = -0.5
