"""Typed results that carry their own explanation (asent style).

>>> h = Hit("отлично", "отличный", 0, 7, 3.0, 3.9, ["exclamation"])
>>> h.to_dict()["weight_after_rules"]
3.9
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = ["Hit", "SentimentResult"]


@dataclass(frozen=True)
class Hit:
    """One lexicon term (or emoji) that fired: where, its valence and its weight after rules."""

    term: str                 #: the text as written (span of the input)
    lemma: str                #: the lexicon entry it matched
    start: int                #: character offsets into the input text
    end: int
    valence: float            #: lexicon valence (−4..4)
    weight_after_rules: float  #: contribution to the sum after negation, intensifiers, contrast …
    rules: list[str] = field(default_factory=list)  #: names of the rules that changed it

    def to_dict(self) -> dict:
        return {"term": self.term, "lemma": self.lemma, "start": self.start, "end": self.end,
                "valence": self.valence, "weight_after_rules": self.weight_after_rules, "rules": list(self.rules)}


@dataclass
class SentimentResult:
    """The score of one text with the hits behind it.

    ``sum`` is the sum of the hits' weights; ``score`` squashes it to −1..1
    with ``sum / sqrt(sum² + alpha)`` (VADER's normalisation).
    """

    text: str
    lang: str | None
    score: float
    label: str
    sum: float
    hits: list[Hit]

    def to_frame(self) -> pd.DataFrame:
        """One row per hit: term, lemma, offsets, valence, weight, rules."""
        cols = ["term", "lemma", "start", "end", "valence", "weight_after_rules", "rules"]
        return pd.DataFrame([h.to_dict() for h in self.hits], columns=cols)

    def __str__(self) -> str:
        head = f"{self.label} ({self.score:+.3f}; sum {self.sum:+.2f}; lang {self.lang})"
        if not self.hits:
            return head + "\n  (no sentiment terms found)"
        lines = [head]
        for h in self.hits:
            rules = ", ".join(h.rules) if h.rules else "-"
            lines.append(f"  {h.term!s:<18} {h.lemma!s:<18} {h.valence:+5.2f} → {h.weight_after_rules:+6.2f}  [{rules}]")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        return f"<p><b>{self.label}</b> {self.score:+.3f} ({self.lang})</p>" + self.to_frame().to_html(index=False)
