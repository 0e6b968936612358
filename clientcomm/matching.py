"""How words and patterns are matched, the same way everywhere in the package.

One helper per job, shared by the dictionaries, sentiment, language and
statistics layers (a leaf module: it imports nothing of ``clientcomm``):

- :func:`fold_diacritics`: Latin diacritics removed, ``ё`` → ``е`` (matching keys);
- :func:`collapse_elongation`: letters repeated three times or more (chat
  elongation) cut to ``keep`` letters;
- :func:`glob_to_regex`: a glob pattern (``звон*``, ``sun?``, ``[ck]lient``,
  ``[!x]*``) to a regex body.

>>> fold_diacritics("Ședință, ещё, чай")
'Sedinta, еще, чай'
>>> collapse_elongation("Клааааас!!! Sooo good"), collapse_elongation("Клааааас", keep=2)
('Клас!!! So good', 'Клаас')
>>> glob_to_regex("[ck]lient*")
'[ck]lient.*'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold_diacritics", "collapse_elongation", "is_elongated", "glob_to_regex"]

#: A letter (not a digit or underscore) followed by two or more copies of itself.
_ELONGATION = re.compile(r"([^\W\d_])\1{2,}")
#: Combining diacritical marks (the block U+0300-U+036F) left over after NFC: they form no letter.
_COMBINING = re.compile("[\u0300-\u036f]")
#: ASCII and the basic Cyrillic letters А-я: folding leaves them as they are.
_PLAIN = re.compile("[\x00-\x7f\u0410-\u044f]*")


@lru_cache(maxsize=300_000)
def fold_diacritics(text: str) -> str:
    """``text`` with the diacritics of Latin letters removed and ``ё``/``Ё`` as ``е``/``Е``; case kept.

    Every mark on a Latin (ASCII) base letter goes: Romanian ``ă â î ș ş ț ţ``,
    French or German accents. Letters of other scripts keep the marks that are
    part of a letter (Cyrillic ``й``, ``ї``; Chinese is untouched); a mark that
    forms no letter, such as a stress accent on a Russian vowel (``за́мок``),
    goes. Decomposed input (a letter followed by a combining mark) folds the
    same as precomposed input.

    >>> fold_diacritics("mulțumită, ştiu"), fold_diacritics("Ещё"), fold_diacritics("Чай, їжа, за\u0301мок")
    ('multumita, stiu', 'Еще', 'Чай, їжа, замок')
    """
    text = text.replace("ё", "е").replace("Ё", "Е")
    if text.isascii() or _PLAIN.fullmatch(text):  # nothing to fold (й decomposes, but composes again)
        return text
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out and out[-1].isascii():
            continue
        out.append(ch)
    return _COMBINING.sub("", unicodedata.normalize("NFC", "".join(out)))


def collapse_elongation(text: str, keep: int = 1) -> str:
    """Every run of three or more of the same letter cut to ``keep`` letters (digits and punctuation kept).

    >>> collapse_elongation("superrrr!!! 2000"), collapse_elongation("superrrr", keep=2)
    ('super!!! 2000', 'superr')
    """
    if keep < 1:
        raise ValueError(f"keep must be 1 or more, got {keep}")
    return _ELONGATION.sub(lambda m: m.group(1) * keep, text)


def is_elongated(word: str) -> bool:
    """True when a letter repeats three times or more (``отличноооо``, ``superrrr``).

    >>> is_elongated("отличноооо"), is_elongated("too")
    (True, False)
    """
    return _ELONGATION.search(word) is not None


def glob_to_regex(pattern: str, any_char: str = ".", lazy: bool = False) -> str:
    """The regex body of a glob; the caller anchors it (``fullmatch``) and sets case flags.

    ``*`` is any run of ``any_char`` (shortest first when ``lazy``), ``?`` one
    ``any_char``, ``[abc]`` one of the letters, ``[!abc]`` any letter but
    those; a ``[`` with no closing ``]`` and every other character stand for
    themselves. ``any_char`` is a regex (``r"\\w"`` keeps a match inside a word).

    >>> glob_to_regex("*phone"), glob_to_regex("sun?"), glob_to_regex("[!x]y"), glob_to_regex("a[b")
    ('.*phone', 'sun.', '[^x]y', 'a\\\\[b')
    >>> bool(re.fullmatch(glob_to_regex("[ck]lient*"), "clients"))
    True
    """
    star = any_char + ("*?" if lazy else "*")
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "*":
            out.append(star)
        elif c == "?":
            out.append(any_char)
        elif c == "[" and pattern.find("]", i + 1) != -1:
            j = pattern.find("]", i + 1)
            body = pattern[i + 1:j]
            neg = body.startswith("!")
            body = body[1:] if neg else body
            out.append("[" + ("^" if neg else "") + body.replace("\\", "\\\\") + "]")
            i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)
