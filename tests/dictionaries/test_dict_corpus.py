"""The bundled corpus: seed 000's channel questions, e-mail paragraphs and temperament passages, seed 003's calls and visits."""
from __future__ import annotations

import pytest

import clientcomm
from clientcomm.dictionaries import tag_text


@pytest.fixture(scope="module")
def docs():
    return clientcomm.load_corpus().set_index("doc_id")


SEED_000 = [
    ("Когда звонить клиенту?", "channels", ["phone"]),
    ("Когда писать письма?", "channels", ["email"]),
    ("В каких случаях использовать мессенджеры или SMS?", "channels", ["messenger", "sms"]),
    ("Когда нужны встречи?", "channels", ["meeting"]),
    ("Прописывайте все в электронных письмах", "channels", ["email"]),
    ("В почте легко искать информацию и отслеживать историю общения.", "channels", ["email"]),
    ("Люди проверяют почту с разной частотой", "channels", ["email"]),
    ("Диалог по электронной почте может легко перейти в пинг-понг", "channels", ["email"]),
    ("Помните, что флегматик хочет знать все подробности.", "temperaments", ["phlegmatic"]),
    ("клиенты-флегмы не любят спешки", "temperaments", ["phlegmatic"]),
    ("Флегмам мало ваших уверений", "temperaments", ["phlegmatic"]),
]


@pytest.mark.parametrize("fragment,dictionary,expected", SEED_000)
def test_seed_000(docs, fragment, dictionary, expected):
    assert fragment in docs.loc["000", "clean_text"]
    assert tag_text(fragment, dictionary, "ru")["labels"] == expected


def test_seed_000_sanguine_comparison(docs):
    text = docs.loc["000", "clean_text"]
    start = text.index("Флегматики могут быть вполне дружелюбны")
    sentence = text[start:text.index(".", start) + 1]
    assert "сангвиников" in sentence
    assert tag_text(sentence, "temperaments", "ru")["labels"] == ["sanguine", "phlegmatic"]


@pytest.mark.parametrize("fragment,expected", [
    ("我呆會兒再給他們一個電話", ["phone"]),
    ("你應當親自去波特公司一趟", ["meeting"]),
    ("親自跑一趟比僅僅在電話里解釋強多了", ["phone", "meeting"]),
])
def test_seed_003(docs, fragment, expected):
    assert fragment in docs.loc["003", "clean_text"]
    assert tag_text(fragment, "channels", "zh-Hant")["labels"] == expected


def test_analyze_fills_columns():
    segs = clientcomm.analyze(clientcomm.load_corpus(), steps=["dictionaries"])
    assert {"temperaments", "channels"} <= set(segs.columns)
    by_doc = segs.groupby("doc_id")
    ch000 = {lab for v in by_doc.get_group("000")["channels"] for lab in v.split(";") if lab}
    tm000 = {lab for v in by_doc.get_group("000")["temperaments"] for lab in v.split(";") if lab}
    ch003 = {lab for v in by_doc.get_group("003")["channels"] for lab in v.split(";") if lab}
    assert {"phone", "email", "messenger", "sms", "meeting"} <= ch000
    assert {"phlegmatic", "sanguine"} <= tm000
    assert {"phone", "meeting"} <= ch003
