"""fit / SentimentModel: learns from labels, stays explainable, round-trips through JSON."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from clientcomm.sentiment import SentimentModel, explain, fit

POS = ["Спасибо, всё сделали быстро", "Отличный банк, рекомендую", "Очень вежливый менеджер, спасибо",
       "Карту выдали за пять минут, всё чётко", "Благодарю за помощь, вопрос решили"]
NEG = ["Никто не перезвонил, ужасно", "Деньги списали, вернуть не могут", "Хамство и волокита",
       "Третью неделю жду ответа на жалобу", "Приложение опять зависает, сколько можно"]
NEU = ["Банк открыл офис на Ленина", "Сбербанк сообщил о новом тарифе", "МТС запускает 5G в Казани",
       "Отделение работает до шести", "Курс доллара на сегодня"]


@pytest.fixture(scope="module")
def model():
    texts = POS + NEG + NEU
    labels = ["positive"] * 5 + ["negative"] * 5 + ["neutral"] * 5
    return fit(texts * 2, labels * 2, "ru", min_count=2)


#: Texts the model never saw in training, written for this test (not variants of the training rows).
UNSEEN = {"positive": ["Менеджер всё объяснил, большое спасибо", "Быстро помогли, очень доволен",
                       "Прекрасное обслуживание, рекомендую всем"],
          "negative": ["Ужасное обслуживание, жду ответа вторую неделю", "Деньги так и не вернули, хамство",
                       "Опять ничего не работает, жалоба без ответа"],
          "neutral": ["Офис банка переехал на соседнюю улицу", "Тариф изменится с понедельника",
                      "Отделение открыто до восьми вечера"]}


def test_fit_labels_texts_it_did_not_train_on(model):
    texts = [t for c in UNSEEN for t in UNSEEN[c]]
    assert not set(texts) & set(POS + NEG + NEU)
    out = model.score(pd.Series(texts))
    assert out["sentiment_label"].tolist() == [c for c in UNSEEN for _ in UNSEEN[c]]
    assert list(out.columns) == ["sentiment", "sentiment_label", "sentiment_hits", "p_negative", "p_neutral",
                                 "p_positive"]
    assert out["sentiment"].between(-1, 1).all()


def test_fit_learns_words_the_lexicon_does_not_know():
    # "курьер" and "склад" are in no lexicon: the engine scores these texts 0; only fitting can tell them apart
    pos = ["Заказ привёз курьер", "Курьер был утром", "Документы передал курьер", "Курьер приехал в обед"]
    neg = ["Заказ лежит на складе", "Склад был утром", "Документы лежат на складе", "Склад открыли в обед"]
    unseen = ["Вчера вечером заходил курьер", "Вчера вечером звонили со склада"]
    assert all(not explain(t, "ru").hits for t in pos + neg + unseen)
    m = fit(pos + neg, ["positive"] * 4 + ["negative"] * 4, "ru", min_count=2)
    w = m.weights().set_index("feature")["positive_minus_negative"]
    assert w["word:курьер"] > 0 > w["word:склад"]
    assert m.score(unseen)["sentiment_label"].tolist() == ["positive", "negative"]


def test_stronger_regularisation_gives_smaller_weights():
    texts, labels = POS + NEG + NEU, ["positive"] * 5 + ["negative"] * 5 + ["neutral"] * 5
    norms = [np.linalg.norm(fit(texts, labels, "ru", C=c, min_count=2).coef) for c in (0.01, 1.0, 100.0)]
    assert norms[0] < norms[1] < norms[2]


def test_weights_are_listable(model):
    w = model.weights()
    assert {"feature", "negative", "neutral", "positive", "positive_minus_negative"} <= set(w.columns)
    assert {"lex:pos", "lex:neg", "lex:score", "lex:none"} <= set(w["feature"])
    lexneg = w.set_index("feature").loc["lex:neg", "positive_minus_negative"]
    assert lexneg < 0  # more negative lexicon weight → less positive


def test_save_load_roundtrip(model, tmp_path):
    path = model.save(tmp_path / "m.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "clientcomm-sentiment-model" and data["classes"] == ["negative", "neutral", "positive"]
    again = SentimentModel.load(path)
    texts = pd.Series(["Спасибо, быстро", "Опять зависает"])
    pd.testing.assert_frame_equal(model.score(texts), again.score(texts))


def test_hits_include_learned_words(model):
    hits = model.score(["Спасибо, всё сделали быстро"])["sentiment_hits"].iloc[0]
    assert any(h["rules"] == ["learned"] for h in hits) or any("learned_weight" in h for h in hits)


def test_fit_rejects_bad_input():
    with pytest.raises(ValueError):
        fit(["a", "b"], ["positive"], "ru")
    with pytest.raises(ValueError):
        fit(["хорошо", "отлично"], ["positive", "positive"], "ru")


def test_load_rejects_other_json(tmp_path):
    p = tmp_path / "x.json"
    p.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError):
        SentimentModel.load(p)


def test_score_returns_probabilities_of_the_fitted_classes(model):
    out = model.score(pd.Series(POS[:2] + NEG[:2]))
    probs = out[["p_negative", "p_neutral", "p_positive"]]
    assert np.allclose(probs.sum(axis=1), 1.0)
    best = probs.to_numpy().argmax(axis=1)
    assert [("negative", "neutral", "positive")[i] for i in best] == list(out["sentiment_label"])
