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


# Written for this test: long and short, clear and close calls, in both scripts.
SKIP_TEXTS = [
    "Здравствуйте! Я уже третий раз пишу вам по поводу возврата денег за заказ, ответа до сих пор нет.",
    "Доброго дня! Я вже втретє пишу вам щодо повернення грошей за замовлення.",
    "Bună ziua, vă scriu a treia oară despre rambursarea banilor pentru comandă.",
    "Bon dia, us escric per tercera vegada sobre el reemborsament de la comanda.",
    "Bom dia, escrevo pela terceira vez sobre o reembolso da encomenda.",
    "денеска вечерва", "taula rodona", "pouco dinheiro", "днес вечерта", "very nice",
]


@pytest.mark.parametrize("text", SKIP_TEXTS)
def test_skipping_the_lexicon_never_changes_the_answer(text):
    from clientcomm.language.scripts import dominant_script

    script = dominant_script(text)
    cands, extra = detector.CANDIDATES[script], detector.EXTRA_CANDIDATES.get(script, ())
    if script == "Cyrl":
        text = detector.fix_homoglyphs(text)
    results = []
    for always in (False, True):
        langs, s = detector._scores(text, script, cands, extra, always_lexicon=always)
        order = s.argsort(kind="stable")[::-1]
        margin = float(s[order[0]] - s[order[1]])
        results.append((langs[order[0]], round(min(detector._calibrate(margin), 0.99), 2)))
    assert results[0] == results[1]


def test_lexicon_is_consulted_on_close_calls_only(monkeypatch):
    calls = []
    real = detector.known_share
    monkeypatch.setattr(detector, "known_share", lambda toks, lang: calls.append(lang) or real(toks, lang))
    detector._detect_cached.cache_clear()
    try:
        detect_one(SKIP_TEXTS[2])        # long, clearly Romanian
        assert calls == []
        detect_one("днес вечерта")       # two words, Bulgarian vs Russian vs Macedonian
        assert "bg" in calls and "ru" in calls
    finally:
        detector._detect_cached.cache_clear()
