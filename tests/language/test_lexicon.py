"""Dictionary coverage (simplemma's word lists) as evidence for short fragments."""
import pytest

from clientcomm.language import detector
from clientcomm.language.detector import detect_one
from clientcomm.language.lexicon import LEXICON_CODES, known_share


@pytest.mark.parametrize("tokens, lang, other", [
    (["дякую", "дуже"], "uk", "ru"),          # "thank you very much"
    (["днес", "вечерта"], "bg", "ru"),         # "today, in the evening"
    (["данас", "увече"], "sr", "ru"),          # Serbian, looked up in Latin transliteration
    (["taula", "rodona"], "ca", "ro"),         # "round table"
    (["obrigado", "amanhã"], "pt", "es"),
])
def test_known_share_separates_languages(tokens, lang, other):
    assert known_share(tokens, lang) == 1.0
    assert known_share(tokens, other) < 1.0


def test_no_lexicon_or_no_words_gives_no_evidence():
    assert "be" not in LEXICON_CODES and "kk" not in LEXICON_CODES
    assert known_share(["дзякуй"], "be") is None
    assert known_share([], "ru") is None


@pytest.mark.parametrize("text, lang", [
    ("денеска вечерва", "mk"),   # "today, this evening"
    ("утре сутринта", "bg"),      # "tomorrow morning"
    ("днес вечерта", "bg"),
    ("taula rodona", "ca"),
])
def test_short_fragments_need_the_lexicon(monkeypatch, text, lang):
    detector._detect_cached.cache_clear()
    assert detect_one(text)[0] == lang
    monkeypatch.setattr(detector, "LEXICON_BONUS", 0.0)
    detector._detect_cached.cache_clear()
    try:
        assert detect_one(text)[0] != lang  # without the word lists these went wrong
    finally:
        detector._detect_cached.cache_clear()


@pytest.mark.parametrize("text, lang", [
    ("дякую дуже", "uk"), ("хвала пуно", "sr"), ("vull menjar", "ca"), ("pouco dinheiro", "pt"),
    ("ciudad pequeña", "es"), ("lavoro nuovo", "it"), ("foarte frumos", "ro"), ("новая работа", "ru"),
    ("very nice", "en"),
])
def test_two_word_fragments(text, lang):
    assert detect_one(text)[0] == lang
