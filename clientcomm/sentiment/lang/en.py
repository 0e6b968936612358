"""Rule table for English sentiment (small: en is the toolkit's secondary language).

>>> from clientcomm.sentiment.lang import en
>>> "not" in en.NEGATIONS and "but" in en.CONTRASTIVE
True

Written by hand (clientcomm EN rule table, version 1.0, 2026-11-23).
"""
from __future__ import annotations

NEGATIONS: frozenset[str] = frozenset({
    "not", "no", "never", "nothing", "nobody", "none", "nor", "neither", "without", "n't",
    "dont", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "won't", "can't",
    "cannot", "couldn't", "wouldn't", "shouldn't", "haven't", "hasn't", "hadn't",
})

NEGATION_SCOPE: int = 3

INTENSIFIERS: dict[str, float] = {
    "very": 0.3, "really": 0.25, "extremely": 0.4, "so": 0.2, "too": 0.25, "totally": 0.3,
    "absolutely": 0.35, "completely": 0.3, "incredibly": 0.4, "highly": 0.3, "most": 0.25,
    "super": 0.3, "utterly": 0.35, "quite": 0.1,
    "slightly": -0.3, "somewhat": -0.3, "fairly": -0.1, "rather": -0.1,
}

CONTRASTIVE: frozenset[str] = frozenset({"but", "however", "yet", "though"})
CONCESSIVE: frozenset[str] = frozenset({"although", "while", "whereas"})
CONTRAST_WEIGHT: float = 1.5
CONTRAST_WEIGHT_BEFORE: float = 0.5
NEUTRAL_BAND: tuple[float, float] = (-0.05, 0.05)
