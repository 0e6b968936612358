"""Language data for the splitters: abbreviations and sentence openers (lazy, cached).

>>> abbreviation_kind("см.", "ru"), abbreviation_kind("и т. д.", "ru"), abbreviation_kind("слово.", "ru")
('never', 'may', None)
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["abbreviations", "abbreviation_kind", "abbreviation_re", "openers", "ABBREV_LANGS"]

#: Languages with an abbreviation list (files ``abbreviations/<lang>.txt``).
ABBREV_LANGS = ("ru", "ro", "en")


def _base(lang: str | None) -> str | None:
    return lang.split("-")[0].lower() if isinstance(lang, str) and lang else None


@lru_cache(maxsize=None)
def abbreviations(lang: str) -> dict[str, str]:
    """``{abbreviation: kind}`` for one language (kind ``never`` or ``may``); {} if none ships."""
    if lang not in ABBREV_LANGS:
        return {}
    out: dict[str, str] = {}
    path = resources.files(__package__).joinpath("abbreviations", f"{lang}.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        abbr, _, kind = line.partition("\t")
        out[abbr.strip().casefold()] = kind.strip() or "never"
    return out


def _abbreviation_langs(lang: str | None) -> tuple[str, ...]:
    """The languages whose abbreviation lists apply: ``lang``'s own, else all that ship."""
    b = _base(lang)
    return (b,) if b in ABBREV_LANGS else ABBREV_LANGS


@lru_cache(maxsize=None)
def abbreviation_re(lang: str | None) -> re.Pattern:
    """A pattern matching any listed abbreviation at the END of a string (spaces inside optional).

    ``lang=None`` (or a language without a list) uses the lists of all languages.
    """
    table: dict[str, str] = {}
    for l in _abbreviation_langs(lang):
        table.update(abbreviations(l))
    parts = []
    for abbr in sorted(table, key=len, reverse=True):
        # "т. д." -> т\.\s*д\.   ("т.д." and "т. д." both match)
        pieces = [re.escape(p) for p in re.split(r"(?<=\.)\s*", abbr) if p]
        pieces = [re.sub(r"\\ ", r"\\s+", p) for p in pieces]
        parts.append(r"\s*".join(pieces))
    return re.compile(rf"(?<![\w.])(?:{'|'.join(parts)})$", re.I)


@lru_cache(maxsize=None)
def _kind_table(lang: str | None) -> dict[str, str]:
    table: dict[str, str] = {}
    for l in _abbreviation_langs(lang):
        table.update({re.sub(r"\s+", "", k): v for k, v in abbreviations(l).items()})
    return table


def abbreviation_kind(prefix: str, lang: str | None = None) -> str | None:
    """Kind of the listed abbreviation that ``prefix`` ends with (``never``/``may``), or None."""
    m = abbreviation_re(lang).search(prefix[-40:])
    if not m:
        return None
    return _kind_table(lang).get(re.sub(r"\s+", "", m.group(0)).casefold(), "never")


@lru_cache(maxsize=None)
def openers(lang: str | None) -> frozenset[str]:
    """Capitalised closed-class words that begin a sentence (``openers.yaml``)."""
    from .._yaml import load_yaml

    with resources.files(__package__).joinpath("openers.yaml").open(encoding="utf-8") as f:
        data = load_yaml(f)
    b = _base(lang)
    langs = [b] if b in data else list(data)
    return frozenset(w for l in langs for w in data[l])
