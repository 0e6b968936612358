"""Russian rules with real sentences: negation, contrast, intensifiers, multi-word entries, corpus."""
from __future__ import annotations

import re

import pytest

from clientcomm.sentiment import explain


def lab(text: str) -> str:
    return explain(text, "ru").label


def test_negation_flips():
    assert lab("Сотрудники банка вежливые.") == "positive"
    assert lab("Сотрудники банка не вежливые.") == "negative"
    r = explain("Ни разу не подвели, деньги приходят без задержек", "ru")
    assert r.label == "positive"
    assert explain("Перевели деньги без ошибок", "ru").hits[0].rules == ["negated"]


def test_negation_scope_ends_at_clause_break():
    r = explain("Не знаю, хороший ли это банк", "ru")
    assert r.hits[0].lemma == "хороший" and "negated" not in r.hits[0].rules


def test_contrast_weighting():
    a = explain("Приложение удобное, но поддержка ужасная", "ru")
    b = explain("Поддержка ужасная, но приложение удобное", "ru")
    assert a.label == "negative" and b.label == "positive"
    assert a.hits[0].rules == ["before_contrast"] and a.hits[1].rules == ["after_contrast"]


def test_concessive_clause_weighs_less():
    r = explain("Хотя банк надёжный, обслуживание отвратительное", "ru")
    assert r.label == "negative" and "concessive" in r.hits[0].rules


def test_intensifiers_and_diminishers():
    base = explain("Сервис хороший", "ru").score
    assert explain("Сервис очень хороший", "ru").score > base
    assert explain("Сервис немного хороший", "ru").score < base
    neg = explain("Сервис плохой", "ru").score
    mild = explain("Сервис не очень хороший", "ru")
    assert neg < mild.score < 0 and "negated_intensifier" in mild.hits[0].rules


def test_word_that_is_both_intensifier_and_sentiment_word():
    r = explain("Ждали ужасно долго", "ru")
    assert [h.lemma for h in r.hits] == ["ждать", "долго"] and r.hits[1].rules == ["intensified"]
    assert [h.lemma for h in explain("Всё ужасно", "ru").hits] == ["ужасный"]


def test_client_communication_phrases():
    assert lab("Третий день не могу дозвониться, никто не перезвонил") == "negative"
    assert lab("Спасибо менеджеру Ольге за оперативную помощь!") == "positive"
    assert lab("Всем рекомендую этот банк") == "positive"
    assert lab("Никому не рекомендую этот банк") == "negative"
    assert lab("Сбербанк открыл новое отделение на Тверской") == "neutral"


def test_chat_smileys_and_elongation():
    assert lab("Карту привезли на следующий день)))") == "positive"
    assert lab("Опять списали деньги((") == "negative"
    assert "elongated" in explain("Всё отличноооо", "ru").hits[0].rules


@pytest.fixture(scope="module")
def ru_corpus_text() -> str:
    import clientcomm

    docs = clientcomm.load_corpus()
    ru = docs[docs["declared_lang"] == "ru"]
    assert not ru.empty, "the bundled corpus lost its Russian documents (corpora/)"
    return "\n".join(ru["clean_text"])


def _sentence_with(text: str, fragment: str) -> str:
    m = re.search(r"[^.!?\n]*" + re.escape(fragment) + r"[^.!?\n]*[.!?]?", text)
    assert m, f"corpus no longer contains {fragment!r}"
    return m.group().strip()


def test_corpus_negation(ru_corpus_text):
    s = _sentence_with(ru_corpus_text, "не любят менеджеров")
    r = explain(s, "ru")
    assert r.label == "negative"
    assert any(h.lemma == "любить" and "negated" in h.rules for h in r.hits)


def test_corpus_contrast(ru_corpus_text):
    s = _sentence_with(ru_corpus_text, "грустную ноту")
    r = explain(s, "ru")
    assert any(h.lemma == "грустный" and "before_contrast" in h.rules for h in r.hits)


def test_cyrillic_text_in_a_language_without_resources_uses_the_russian_ones():
    """Consistent with the dictionaries (resolve_lang): uk/bg/und Cyrillic → ru resources, flagged."""
    from clientcomm.sentiment import score_sentiment

    texts = ["Спасибо, всё отлично, очень довольны", "Ужасный сервис, никто не перезвонил",
             "Отличная поддержка", "Good support"]
    out = score_sentiment(texts, lang=["bg", "uk", "und", "xx"])
    assert list(out["sentiment_label"][:3]) == ["positive", "negative", "positive"]
    assert list(out["sentiment_lang"]) == ["ru", "ru", "ru", None]
    assert out["p_positive"][:3].notna().all() and out["p_positive"][3:].isna().all()
    assert explain("Ужасный сервис", "bg").label == "negative"


def test_dovolno_is_an_intensifier_not_pleased():
    assert explain("довольно формальные отношения", "ru").hits == []
    assert lab("Довольно часто звоню в банк") == "neutral"
    assert lab("Я довольна обслуживанием") == "positive"  # the adjective still counts
    r = explain("Довольно хороший банк", "ru")
    assert [h.lemma for h in r.hits] == ["хороший"] and r.hits[0].rules == ["diminished"]
