"""Decoding of legacy encodings made by the tests themselves."""
from __future__ import annotations

import codecs

import pytest

from clientcomm.decoding import DecodeError, decode_bytes

RU = "Клиент всегда прав, но иногда он ошибается и звонит по ночам. Менеджер должен быть вежлив."
ZH_HANT = "客戶的要求可能經常發生變化，甚至有時會提出不合理的變動要求。我們應當按照合同的約定。"
ZH_HANS = "客户的要求可能经常发生变化，甚至有时会提出不合理的变动要求。我们应当按照合同的约定。"
RO = "Clientul este nemulțumit de faptul că răspunsul a întârziat două săptămâni."


@pytest.mark.parametrize("text,encoding", [
    (RU, "cp1251"), (RU, "koi8-r"), (ZH_HANS, "gb18030"), (ZH_HANT, "big5"), (RO, "utf-8"),
])
@pytest.mark.parametrize("length", [12, 30, 200])
def test_legacy_encodings_round_trip(text, encoding, length):
    sample = text[:length]
    assert decode_bytes(sample.encode(encoding)).text == sample


@pytest.mark.parametrize("bom,body_codec,family", [
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
])
def test_bom_wins(bom, body_codec, family):
    # the bytes are built here (BOM + body), so the test checks clientcomm's choice, not Python's encoder
    d = decode_bytes(bom + RU.encode(body_codec))
    assert d.text == RU and "\ufeff" not in d.text
    assert d.encoding == family and d.confidence == 1.0 and d.replaced == 0


def test_binary_is_refused():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_truncated_utf16_is_a_decode_error():
    data = "Привет".encode("utf-16")[:-1]
    with pytest.raises(DecodeError, match="utf-16"):
        decode_bytes(data)


# --- issue 12: a window never cuts a character; a few bad bytes never flip a whole text ---------------

@pytest.mark.parametrize("text", [RU, ZH_HANS, RO, "Ок 👍 " * 10])
@pytest.mark.parametrize("cut", [1, 2, 3])
def test_partial_window_ignores_a_cut_character(text, cut):
    data = text.encode("utf-8")
    window = data[: len(data) - cut]
    d = decode_bytes(window, partial=True)
    assert d.encoding == "utf-8" and d.replaced == 0
    assert text.startswith(d.text) and len(d.text) >= len(text) - cut


@pytest.mark.parametrize("text", [RU, ZH_HANS, ZH_HANT, RO])
@pytest.mark.parametrize("where", [0.1, 0.5, 0.99])
def test_one_bad_byte_is_replaced_and_counted_not_a_legacy_redecode(text, where):
    data = (text * 3).encode("utf-8")
    i = int(len(data) * where)
    while 0x80 <= data[i] < 0xC0:  # put the bad byte between two characters
        i += 1
    bad = data[:i] + b"\xff" + data[i:]
    d = decode_bytes(bad)
    assert d.encoding == "utf-8" and d.replaced == 1
    assert d.text.replace("\ufffd", "") == text * 3


def test_confidence_is_recorded():
    assert decode_bytes(RU.encode("utf-8")).confidence == 1.0
    d = decode_bytes(RU.encode("cp1251"))
    assert d.encoding == "cp1251" and 0 < d.confidence <= 1


def test_legacy_text_is_not_taken_for_damaged_utf8():
    d = decode_bytes(RU.encode("koi8-r"))
    assert d.text == RU and d.replaced == 0
