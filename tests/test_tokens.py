"""Tokens and lemmas per language."""
from __future__ import annotations

import pytest

from clientcomm.tokens import lemmatize, to_simplified, tokenize


@pytest.mark.parametrize("text,lang,lemmas", [
    ("Клиентами довольны", "ru", ["клиент", "довольный"]),
    ("Clienții sunt nemulțumiți", "ro", ["client", "fi", "nemulțumit"]),
    ("The clients called", "en", ["the", "client", "call"]),
])
def test_lemmas(text, lang, lemmas):
    assert [t.lemma for t in tokenize(text, lang)] == lemmas


def test_offsets_point_into_the_text():
    text = "Флегматик хочет знать все подробности — и цифры!"
    for tok in tokenize(text, "ru"):
        assert text[tok.start:tok.end] == tok.text


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans", None])
def test_chinese_words_keep_original_script_and_offsets(lang):
    text = "我呆會兒再給他們一個電話，告訴他們我們無法滿足要求。"
    toks = tokenize(text, lang)
    assert "電話" in [t.text for t in toks]
    assert "电话" in [t.lemma for t in toks]
    for t in toks:
        assert text[t.start:t.end] == t.text


def test_simplified_view_keeps_length():
    text = "發業說 — 客戶關系"
    assert len(to_simplified(text)) == len(text)
    assert to_simplified("發業說") == "发业说"


def test_lemmatize_is_lowercase_and_total():
    assert lemmatize("ПРИВЕТ", "ru") == "привет"
    assert lemmatize("123", "ru") == "123"
    assert tokenize("", "ru") == [] and tokenize(None, "ru") == []


def test_to_simplified_keeps_length_and_other_characters():
    from clientcomm.tokens import to_simplified

    text = "客戶說：這個服務很好！Order #12 — OK 👍 發貨了"  # written for this test
    out = to_simplified(text)
    assert len(out) == len(text)
    assert out == "客户说：这个服务很好！Order #12 — OK 👍 发货了"
    assert to_simplified(out) == out  # Simplified stays Simplified


def test_lemmas_come_from_the_memory_mapped_word_lists():
    from clientcomm import tokens
    from clientcomm.language.wordlists import WordList

    assert tokens.lemmatize("клиентами", "ru") == "клиент"
    assert tokens.lemmatize("clienților", "ro") == "client"
    factory = tokens._lemmatizer()._lemmatization_strategy._dictionary_lookup._dictionary_factory
    assert isinstance(factory.get_dictionary("ru"), WordList)
    assert tokens.lemmatize.cache_info().maxsize == tokens.LEMMA_CACHE_SIZE


def test_tokens_are_token_tuples_and_chinese_punctuation_is_no_token():
    from clientcomm.tokens import Token

    toks = tokenize("价格 3000元，服务很好！ OK", "zh-Hans")
    assert all(type(t) is Token for t in toks)
    assert [t.text for t in toks] == ["价格", "3000", "元", "服务", "很", "好", "OK"]
    assert [t.lemma for t in toks][-1] == "ok"
    assert toks[1] == Token("3000", "3000", 3, 7) and toks[1].end == 7


def test_shared_tokens_are_segmented_once_and_handed_out_as_fresh_equal_lists(monkeypatch):
    from clientcomm import tokens
    from clientcomm.tokens import Token, TokenizedText

    calls = []
    real = tokens._zh_rows
    monkeypatch.setattr(tokens, "_zh_rows", lambda text: calls.append(text) or real(text))
    tt = TokenizedText("快遞很快，客服態度也好")
    first = tt.tokens("zh-Hant")
    first.append(Token("x", "x", 0, 1))  # a caller's change does not reach the shared tokens
    again = tt.tokens("zh-Hans")
    assert calls == [tt.text]
    assert again == first[:-1] == tokenize(tt.text, "zh-Hant")
    assert all(type(t) is Token for t in again)


def test_jieba_is_imported_without_pkg_resources_and_segments_as_usual():
    import subprocess
    import sys

    code = ("import sys; from clientcomm.tokens import tokenize; "
            "print([t.text for t in tokenize('客户很满意，送货太慢了', 'zh-Hans')], 'pkg_resources' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['客户', '很', '满意', '送货', '太慢', '了'] False"


def test_shared_rows_are_the_tokens_as_plain_tuples_for_every_tokeniser():
    from clientcomm.tokens import TokenizedText

    cases = [("Клиенты ДОВОЛЬНЫ, звонят в 9:30", "ru"), ("Nu-mi place, dar clienții revin.", "ro"),
             ("Great service, thx!!", "en"), ("客服態度很好 OK", "zh-Hant"), ("客服态度很好", None),
             ("Just words", None), ("テスト test", "ja"), ("", "ru")]
    for text, lang in cases:
        rows = TokenizedText(text).rows(lang)
        assert rows == tuple(map(tuple, tokenize(text, lang))), (text, lang)
        assert all(type(r) is tuple for r in rows)


def test_a_lemma_does_not_depend_on_the_case_of_the_word():
    from clientcomm.tokens import lemmatize

    for word, lang in [("Клиентами", "ru"), ("CLIENȚII", "ro"), ("Customers", "en"), ("客戶", "zh-Hant")]:
        assert lemmatize(word, lang) == lemmatize(word.lower(), lang)
    assert lemmatize("Клиентами", "ru") == "клиент"


# Chinese rows are made as plain tuples directly (no Token first, no slicing when the text is already
# Simplified): checked against the plain per-token definition on text written for these tests.
_ZH_CASES = [
    "客戶說：這個服務很好！Order #12 — OK 👍 發貨了",
    "价格 3000元，服务很好！ OK\r\n谢谢",
    "AI客服回答2.5%的問題 -- 還有 .net 和 C++、a-b、-a、.5、_x",
    "ΣΟΦΙΑ 說 İstanbul 很遠 Σ",
    "全角ＡＢＣ１２３，〇一二 㐀字 and Кириллица",
    "   ",
    "！？。",
    "客户说：这个服务很好！谢谢，价格2.5%",  # Simplified, nothing that lower() changes
    "客户说：這個 ok，谢谢 ς，價格2.5%",  # Traditional characters, nothing that lower() changes
]


def _plain_zh_rows(text):
    """The definition: jieba's tokens of the Simplified view, kept when the first character is a letter or
    digit or a Han character occurs; original characters, lower-cased Simplified word as lemma."""
    import jieba

    from clientcomm.language.scripts import HAN_RE
    from clientcomm.tokens import _jieba

    _jieba()
    return [(text[a:b], w.lower(), a, b) for w, a, b in jieba.dt.tokenize(to_simplified(text))
            if w[:1].isalnum() or HAN_RE.search(w)]


@pytest.mark.parametrize("text", _ZH_CASES)
def test_chinese_rows_are_the_plain_definition(text):
    from clientcomm.tokens import TokenizedText, _zh_rows

    expected = _plain_zh_rows(text)
    assert _zh_rows(text) == expected
    assert list(TokenizedText(text).rows("zh-Hant")) == expected
    assert [tuple(t) for t in tokenize(text, "zh-Hans")] == expected


def test_a_string_that_lower_leaves_alone_has_no_part_that_lower_changes():
    """What _zh_rows relies on: lower() maps each character on its own except capital sigma, which it
    always changes. So for every character that lower() changes alone, it changes it in any context."""
    import sys

    changed = [chr(c) for c in range(sys.maxunicode + 1)
               if not 0xD800 <= c <= 0xDFFF and chr(c).lower() != chr(c)]
    assert len(changed) > 1000
    for c in changed:
        for context in ("a" + c, c + "a", "Aa" + c + " ", "a" + c + "a", "中" + c):
            assert context.lower() != context, repr(c)


# The alphabetic rows against the same kind of plain definition (a guard for later speed work on them).
@pytest.mark.parametrize("text,lang", [
    ("Клиенты ДОВОЛЬНЫ, звонят в 9:30 — спасибо!", "ru"),
    ("Nu-mi place, dar clienții revin; l’ofertă 2,5 lei", "ro"),
    ("Great service, thx!! Don't 1.000.000 e-mails", "en"),
    ("Just words", ""),
    ("", "ru"),
])
def test_alphabetic_rows_are_the_plain_definition(text, lang):
    from clientcomm.tokens import _WORD, _word_rows

    plain = [(m.group(), lemmatize(m.group(), lang), m.start(), m.end()) for m in _WORD.finditer(text)]
    assert _word_rows(text, lang) == plain
