"""Russian lexicon coverage (issue 14, round 2): client complaints, praise, and phrases that are not evaluative.

Every sentence here was written for this test (none is a development-set row).
"""
from __future__ import annotations

import pytest

from clientcomm.sentiment import explain
from clientcomm.sentiment.resources import load_lexicon


def lab(text: str) -> str:
    return explain(text, "ru").label


def lemmas(text: str) -> list[str]:
    return [h.lemma for h in explain(text, "ru").hits]


@pytest.mark.parametrize("text", [
    "Заявление подала месяц назад, и ни слуху ни духу.",
    "Звонил в поддержку три раза, толку ноль.",
    "Карту заблокировали без объяснения причин.",
    "Банк в одностороннем порядке поменял условия договора.",
    "Менеджер вторую неделю не выходит на связь.",
    "Пытаюсь дозвониться с самого утра.",
    "Приложение не загружается уже третий день.",
    "Интернет перестал работать после обновления тарифа.",
    "Деньги так и не поступили на счёт, хотя прошло пять дней.",
    "Курьер не приехал и даже не позвонил.",
    "Обещали перезвонить, но ничего не изменилось.",
    "Подключили услугу без моего согласия.",
    "Это просто шарашкина контора, а не банк.",
    "Оставили весь посёлок без связи на сутки.",
    "Операторы отвечают некорректно, информация ложная.",
])
def test_everyday_complaints_are_negative(text):
    assert lab(text) == "negative", explain(text, "ru").to_frame()


@pytest.mark.parametrize("text", [
    "Специалист подробно всё рассказала и ответила на все вопросы.",
    "Пользуюсь картой пять лет, ни разу не подвели.",
    "Никаких нареканий к работе отделения.",
    "Приятно удивили скоростью обслуживания.",
    "Всё сделали на отлично, респект сотрудникам.",
])
def test_everyday_praise_is_positive(text):
    assert lab(text) == "positive", explain(text, "ru").to_frame()


def test_cannot_reach_is_not_softened_by_the_positive_verb():
    """'не могу' used to take the negator for itself, leaving дозвониться (+) un-negated."""
    r = explain("Не могу дозвониться до банка", "ru")
    assert r.label == "negative" and lemmas("Не могу дозвониться до банка") == ["не мочь дозвониться"]
    assert explain("Помочь мне так и не смогли", "ru").sum < 0


def test_not_only_but_also_is_neither_negation_nor_contrast():
    r = explain("Сотрудник не только вежливый, но и очень грамотный", "ru")
    assert r.label == "positive"
    polite = next(h for h in r.hits if h.lemma == "вежливый")
    assert "negated" not in polite.rules and "before_contrast" not in polite.rules


def test_grammatical_phrases_carry_no_weight():
    assert lab("Компания обслуживает 35 с лишним миллионов абонентов") == "neutral"
    assert lab("Если не ошибаюсь, отделение работает до восьми") == "neutral"
    assert lab("Я написал в службу поддержки") == "neutral"
    # тем не менее keeps its contrast but does not negate the next word
    r = explain("Очередь была длинная, тем не менее сотрудник вежливый", "ru")
    assert r.label == "positive" and all("negated" not in h.rules for h in r.hits)


def test_comparative_лучше_is_weaker_than_хороший():
    """лучше is read as written (advice: 'лучше позвоните'), not as the lemma хороший."""
    advice = explain("Лучше позвоните в банк", "ru")
    good = explain("Хороший банк", "ru")
    assert advice.hits[0].lemma == "лучше" and 0 < advice.sum < good.sum


def test_descriptive_news_words_weigh_less_than_evaluative_ones():
    """долг, иск, санкции describe; обман, мошенничество judge."""
    lex = load_lexicon("ru")
    for descriptive, evaluative in [("долг", "обман"), ("иск", "мошенничество"), ("санкция", "вымогательство")]:
        assert abs(lex[descriptive][0]) < abs(lex[evaluative][0]) / 2
    assert explain("Банк продал долг компании", "ru").sum > explain("Банк обманул клиента", "ru").sum


def test_net_profit_and_net_loss():
    assert lab("Чистая прибыль банка выросла") == "positive"
    assert lab("Банк показал чистый убыток за квартал") == "negative"
    assert lab("Банк вышел из убытков") == "positive"


def test_greetings_and_job_titles_are_not_praise():
    """добрый in a greeting and an executive's title say nothing about the service."""
    assert lab("Добрый день! Подскажите, где ближайшее отделение?") == "neutral"
    assert lab("Доброго времени суток, хочу открыть вклад") == "neutral"
    assert lab("Исполнительный директор компании дал интервью") == "neutral"
    assert lab("Добрый день, карту так и не выдали") == "negative"


def test_demanding_a_refund_is_a_complaint_but_getting_one_is_not():
    assert lab("Требую вернуть деньги за услугу, которую не подключал") == "negative"
    assert lab("Прошу вернуть ошибочно списанную сумму") == "negative"
    assert lab("Деньги вернули на следующий день") == "positive"


def test_lukewarm_verdicts():
    assert lab("Связь так себе") == "negative"
    assert explain("Обслуживание посредственное", "ru").sum < 0 < explain("Обслуживание сносное", "ru").sum
    assert lab("Больше никогда не обращусь в этот салон") == "negative"


def test_narrative_markers_of_complaint_and_praise():
    """Genre markers of a told complaint (якобы, почему-то, по сей день) and of a smooth service."""
    assert lab("Заявку якобы отправили в головной офис") == "negative"
    assert lab("Перевод почему-то завис на проверке") == "negative"
    assert lab("Сделка прошла гладко, документы подготовили точно в срок") == "positive"
    # не пришлось: a negated complaint marker reads as mild praise
    assert explain("Ждать не пришлось", "ru").sum > 0 > explain("Пришлось ехать в другой офис", "ru").sum


def test_colloquial_degree_adverbs():
    base = explain("Поддержка медленная", "ru").sum
    assert explain("Поддержка адски медленная", "ru").sum < base < explain("Поддержка местами медленная", "ru").sum < 0
