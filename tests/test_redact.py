"""Redaction: each kind of personal data in its usual spellings, stable placeholders, no false alarms."""
from __future__ import annotations

import pandas as pd
import pytest

import clientcomm
from clientcomm.redact import Redactor, find_pii, iban_ok, luhn_ok, redact, redact_documents


@pytest.mark.parametrize("text,kind,value", [
    ("Пишите на ivan.petrov@example.ru, отвечу сегодня.", "EMAIL", "ivan.petrov@example.ru"),
    ("Адрес: заказ@магазин.рф", "EMAIL", "заказ@магазин.рф"),
    ("请发邮件到zhang.wei@qq.com谢谢", "EMAIL", "zhang.wei@qq.com"),
    ("Звоните: +7 (916) 123-45-67", "PHONE", "+7 (916) 123-45-67"),
    ("Горячая линия 8 800 555-35-35 работает круглосуточно.", "PHONE", "8 800 555-35-35"),
    ("мой номер 89161234567.", "PHONE", "89161234567"),
    ("Sunați la +40 721 234 567 după ora 10.", "PHONE", "+40 721 234 567"),
    ("Telefon: 0721.234.567", "PHONE", "0721.234.567"),
    ("Biroul din București: 021 312 34 56", "PHONE", "021 312 34 56"),
    ("请拨打13812345678联系我", "PHONE", "13812345678"),
    ("客服电话：+86 138 1234 5678。", "PHONE", "+86 138 1234 5678"),
    ("北京办公室 010-12345678", "PHONE", "010-12345678"),
    ("香港辦事處 +852 2345 6789", "PHONE", "+852 2345 6789"),
    ("請撥 0912 345 678 或來電", "PHONE", "0912 345 678"),
    ("台北 (02) 2345-6789", "PHONE", "(02) 2345-6789"),
    ("Call me at +44 20 7946 0958 tomorrow", "PHONE", "+44 20 7946 0958"),
    ("Office: (555) 123-4567", "PHONE", "(555) 123-4567"),
    ("Карта 4276 3800 1234 5679 Сбербанк", "CARD", "4276 3800 1234 5679"),
    ("Amex 3782 822463 10005", "CARD", "3782 822463 10005"),
    ("plata cu 5555-5555-5555-4444", "CARD", "5555-5555-5555-4444"),
    ("IBAN: RO49 AAAA 1B31 0075 9384 0000, Banca X", "IBAN", "RO49 AAAA 1B31 0075 9384 0000"),
    ("Überweisung an DE89370400440532013000 bitte", "IBAN", "DE89370400440532013000"),
    ("Пишите в телеграм @ivan_support", "HANDLE", "@ivan_support"),
    ("Sunați la (+40) 721 234 567.", "PHONE", "(+40) 721 234 567"),
    ("Телефон офиса 8 (81372) 2-34-56, спросить Ольгу.", "PHONE", "8 (81372) 2-34-56"),
    ("Linie gratuită 0800 800 123", "PHONE", "0800 800 123"),
    ("客服热线 400-820-8820", "PHONE", "400-820-8820"),
])
def test_each_kind_is_found_exactly(text, kind, value):
    found = [(m.kind, m.value) for m in find_pii(text)]
    assert found == [(kind, value)]


@pytest.mark.parametrize("text", [
    "Встреча 02.01.2023 в 15:45, сумма 1 250 000 руб., скидка 15%.",
    "Заказ № 0245012345 оформлен 2023-01-02.",
    "ИНН 7707083893, КПП 773601001",
    "Comanda 2023-0145, total 1.234,56 lei, livrare în 3-5 zile.",
    "订单号：2023010212345，金额¥1,299.00，时间2023年1月2日15:45",
    "Card number 4111 1111 1111 1112 is wrong (bad checksum).",
    "IBAN RO49 AAAA 1B31 0075 9384 0001 has a wrong check digit.",
    "Version 2.10.3 released in 1998–2003; call center open 9:00-18:00.",
    "Escribe a support@ for help; e-mail @ 10:00",
])
def test_no_false_positive_on_numbers_that_are_not_personal(text):
    assert find_pii(text) == []


def test_stable_placeholders_within_and_across_calls():
    r = Redactor()
    a = r.redact(["Ana: ana@firma.ro, +40 721 234 567", "Ion: ion@firma.ro; Ana again: ANA@firma.ro, 0721 234 567"])
    assert a == ["Ana: <EMAIL_1>, <PHONE_1>", "Ion: <EMAIL_2>; Ana again: <EMAIL_1>, <PHONE_1>"]
    assert r.redact("Scrieți lui ion@firma.ro") == "Scrieți lui <EMAIL_2>"
    s = r.summary().set_index("kind")
    assert s.loc["EMAIL", "occurrences"] == 4 and s.loc["EMAIL", "distinct"] == 2
    assert s.loc["PHONE", "occurrences"] == 2 and s.loc["PHONE", "distinct"] == 1
    # Russian 8-prefix and +7 are one number
    assert redact("8 (916) 123-45-67 = +79161234567") == "<PHONE_1> = <PHONE_1>"


def test_same_shape_out_and_custom_placeholders():
    ser = pd.Series(["a@b.ro", None, "nimic"], index=[10, 20, 30], name="msg")
    out = redact(ser)
    assert isinstance(out, pd.Series) and list(out.index) == [10, 20, 30] and out.name == "msg"
    assert out.tolist()[0] == "<EMAIL_1>" and out.tolist()[2] == "nimic" and out.attrs["redaction_counts"]["EMAIL"] == 1
    assert redact(["x@y.com"]) == ["<EMAIL_1>"]
    assert redact("x@y.com", placeholders={"EMAIL": "[email]"}) == "[email]"
    assert redact("x@y.com @handle_1", kinds=["HANDLE"]) == "x@y.com <HANDLE_1>"
    with pytest.raises(ValueError):
        redact("x", placeholders={"NAME": "[n]"})


def test_checksums():
    assert luhn_ok("79927398713") and not luhn_ok("79927398710")
    assert iban_ok("GB82 WEST 1234 5698 7654 32") and not iban_ok("GB82 WEST 1234 5698 7654 33")
    assert not iban_ok("RO49AAAA1B3100759384000")  # one character short for Romania


def test_redact_documents_masks_every_text_column_with_one_mapping():
    docs = pd.DataFrame({"doc_id": ["1"], "sender": ["Ivan <ivan@example.ru>"],
                         "text": ["Мой адрес ivan@example.ru"], "raw_text": ["Мой адрес ivan@example.ru\n> @ana"],
                         "quoted_text": ["> @ana"]})
    docs.attrs["load_report"] = [{"file": "x"}]
    out = redact_documents(docs)
    assert out.loc[0, "sender"] == "Ivan <<EMAIL_1>>" and out.loc[0, "text"] == "Мой адрес <EMAIL_1>"
    assert out.loc[0, "quoted_text"] == "> <HANDLE_1>" and out.attrs["load_report"] == [{"file": "x"}]


def test_no_replacement_in_the_bundled_corpus():
    docs = clientcomm.load_corpus()
    found = {d: [(m.kind, m.value) for m in find_pii(t)] for d, t in zip(docs["doc_id"], docs["clean_text"])}
    assert found == {d: [] for d in docs["doc_id"]}
    assert clientcomm.redact(docs["clean_text"]).tolist() == docs["clean_text"].tolist()


# --- issue 12, class 15: spellings that leaked; a barcode that was masked ---------------------------------

@pytest.mark.parametrize("text,kind,value", [
    ("IBAN ro49aaaa1b31007593840000, mulțumesc", "IBAN", "ro49aaaa1b31007593840000"),
    ("contul md24ag000225100013104168 la bancă", "IBAN", "md24ag000225100013104168"),
    ("cont MD24 AG00 0225 1000 1310 4168", "IBAN", "MD24 AG00 0225 1000 1310 4168"),
    ("пишите ivan@xn--e1afmkfd.xn--p1ai сегодня", "EMAIL", "ivan@xn--e1afmkfd.xn--p1ai"),
    ("mail: ana@xn--mgbh0fb.xn--kgbechtv", "EMAIL", "ana@xn--mgbh0fb.xn--kgbechtv"),
    ("sunați la 069 123 456 după-amiază", "PHONE", "069 123 456"),
    ("Orange: 068-123-456", "PHONE", "068-123-456"),
    ("+373 79 123 456 (Moldcell)", "PHONE", "+373 79 123 456"),
    ("biroul Chișinău 022 12 34 56", "PHONE", "022 12 34 56"),
    ("мой номер 912 345-67-89, звоните", "PHONE", "912 345-67-89"),
    ("мобильный (912) 345-67-89", "PHONE", "(912) 345-67-89"),
])
def test_issue12_spellings_are_found(text, kind, value):
    assert [(m.kind, m.value) for m in find_pii(text)] == [(kind, value)]


@pytest.mark.parametrize("text", ["штрихкод 4006381333931 на упаковке", "EAN 5901234123457", "cod de bare 4820024700016",
                                  "商品条码 6901234567892"])
def test_ean13_barcodes_are_not_cards(text):
    assert find_pii(text) == []


def test_the_same_lowercase_and_uppercase_iban_get_one_placeholder():
    r = Redactor()
    assert r.redact(["RO49AAAA1B31007593840000", "ro49aaaa1b31007593840000"]) == ["<IBAN_1>", "<IBAN_1>"]


# --- issue 12, class 6: every column, every log, the report -----------------------------------------------

PLANTED = ["ivan.petrov@example.ru", "+7 916 123-45-67", "79161234567", "ana@firma.ro", "0721 234 567",
           "RO49AAAA1B31007593840000"]


def test_every_text_column_and_log_is_masked():
    docs = pd.DataFrame({
        "doc_id": ["a#1"], "text": ["Звоните +7 916 123-45-67"], "comment": ["второй: ana@firma.ro"],
        "phone": [79161234567], "email": ["ivan.petrov@example.ru"], "note": [None],
        "cleaning_log": [[{"rule": "spaces", "examples": ["'Звоните  +7 916 123-45-67'"]}]],
        "count": [3],
    })
    docs.attrs["load_report"] = [{"file": "Chat with 0721 234 567.txt", "reason": "bad time 'RO49AAAA1B31007593840000'"}]
    out = redact_documents(docs)
    dump = repr(out.to_dict("records")) + repr(out.attrs)
    for value in PLANTED:
        assert value not in dump, value
    assert out.loc[0, "count"] == 3 and out.loc[0, "note"] is None
    assert out.loc[0, "phone"] == "<PHONE_1>" and out.loc[0, "text"] == "Звоните <PHONE_1>"
