"""The package's shared matching helpers: one behaviour test each, written from their documentation."""
from __future__ import annotations

import re

import pytest

from clientcomm.matching import collapse_elongation, fold_diacritics, glob_to_regex, is_elongated


def test_fold_diacritics_removes_latin_marks_and_keeps_cyrillic_letters():
    # Romanian comma-below and cedilla forms fold alike; precomposed and decomposed input agree.
    assert fold_diacritics("Ședință") == fold_diacritics("Şedinţă") == "Sedinta"
    assert fold_diacritics("S\u0326edint\u0326a\u0306") == "Sedinta"
    assert fold_diacritics("café, Müller, naïve") == "cafe, Muller, naive"
    # ё is the one Cyrillic letter folded; й and Ukrainian ї are letters of their own.
    assert fold_diacritics("Всё ещё Ёлка") == "Все еще Елка"
    assert fold_diacritics("мой чай, їжа") == "мой чай, їжа"
    # a stress accent forms no letter and goes; Chinese and ASCII pass through.
    assert fold_diacritics("за\u0301мок") == "замок"
    assert fold_diacritics("客户 OK") == "客户 OK"


def test_collapse_elongation_cuts_runs_of_three_or_more_letters():
    assert collapse_elongation("Спасибоооо!!!") == "Спасибо!!!"
    assert collapse_elongation("Спасибоооо", keep=2) == "Спасибоо"
    # two equal letters are spelling, not elongation; digits and punctuation are never letters
    assert collapse_elongation("ссылка 1000 ...") == "ссылка 1000 ..."
    assert is_elongated("nuuuu") and not is_elongated("ссылка") and not is_elongated("2000")
    with pytest.raises(ValueError, match="keep"):
        collapse_elongation("aaa", keep=0)


@pytest.mark.parametrize("pattern,yes,no", [
    ("звон*", ["звон", "звонит"], ["перезвон"]),
    ("*phone", ["phone", "smartphone"], ["phones"]),
    ("sun?", ["suna", "sunt"], ["sun", "sunat"]),
    ("[ck]lient", ["client", "klient"], ["glient"]),
    ("[!x]y", ["ay"], ["xy", "y"]),
    ("a[b", ["a[b"], ["ab"]),           # no closing bracket: literal
    ("c.e", ["c.e"], ["cde"]),          # regex metacharacters are literal
])
def test_glob_to_regex_semantics(pattern, yes, no):
    rx = re.compile(glob_to_regex(pattern))
    assert all(rx.fullmatch(w) for w in yes), yes
    assert not any(rx.fullmatch(w) for w in no), no


def test_glob_to_regex_any_char_and_lazy_star():
    word = glob_to_regex("ab*", any_char=r"\w")
    assert re.match(word, "abc def").group() == "abc"
    assert re.match(glob_to_regex("ab*", any_char=r"\w", lazy=True), "abc def").group() == "ab"


def _fold_by_decomposition(text: str) -> str:
    """The folding as documented, without the shortcut for ASCII and basic Cyrillic text."""
    import unicodedata

    text = text.replace("ё", "е").replace("Ё", "Е")
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out and out[-1].isascii():
            continue
        out.append(ch)
    return re.sub("[\u0300-\u036f]", "", unicodedata.normalize("NFC", "".join(out)))


@pytest.mark.parametrize("word", ["Ёлка", "ЙОД", "йогурт", "за\u0301мок", "Ședință", "ştiu", "café", "O'Neill",
                                  "Їжак", "привет", "hello", "e-mail", "ё\u0301", "Ґанок", "ça", "",
                                  "".join(map(chr, range(0x410, 0x450)))])
def test_fold_diacritics_shortcut_gives_the_decomposition_result(word):
    assert fold_diacritics(word) == _fold_by_decomposition(word)
