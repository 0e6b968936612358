"""Sentence splitting at the edges: blank paragraphs, unbalanced quotes, brackets, languages without lists."""
from __future__ import annotations

from clientcomm.segment import split_sentences
from clientcomm.segment.rules import abbreviation_kind, abbreviations


def sents(text: str, lang: str | None = None) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


def test_a_blank_paragraph_gives_no_sentence():
    assert sents("Первое предложение. Второе.\n   \nТретье.", "ru") == ["Первое предложение.", "Второе.", "Третье."]


def test_many_unclosed_quotes_do_not_stop_the_splitting():
    text = "«" * 25 + "Клиент пришёл. Он ушёл."
    assert sents(text, "ru") == ["«" * 25 + "Клиент пришёл.", "Он ушёл."]


def test_a_bracket_after_a_sentence_end_stays_with_that_sentence():
    assert sents("Итак. (Это важно.) Далее.", "ru") == ["Итак. (Это важно.)", "Далее."]


def test_a_language_without_an_abbreviation_list_uses_all_lists():
    assert abbreviations("de") == {}
    assert abbreviation_kind("см.", "de") == abbreviation_kind("см.", None) == "never"
    assert sents("Подробнее см. Приложение 2.", "de") == ["Подробнее см. Приложение 2."]
