"""Tests of clientcomm.dictionaries.tag: labels, cues, hits, languages, context rules."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.dictionaries import CHANNELS, TEMPERAMENTS, load_dictionary, tag, tag_text


def labels(text: str, lang: str, dictionary: str = "channels") -> list[str]:
    return tag_text(text, dictionary, lang)["labels"]


def test_vocabularies_are_the_fixed_ones():
    assert load_dictionary("channels").labels == CHANNELS
    assert load_dictionary("temperaments").labels == TEMPERAMENTS


@pytest.mark.parametrize("text,lang,expected", [
    # the channel, named by verbs and constructions of contacting
    ("Я так и не смог дозвониться до их офиса.", "ru", ["phone"]),
    ("Обсудим это по телефону, так быстрее.", "ru", ["phone"]),
    ("Vă sun eu înapoi după ședință.", "ro", ["phone", "meeting"]),
    ("Ne-am auzit telefonic ieri seară.", "ro", ["phone"]),
    ("Could you phone the warehouse before five?", "en", ["phone"]),
    ("我下午再致电贵公司。", "zh-Hans", ["phone"]),
    ("我呆會兒再給他們一個電話.", "zh-Hant", ["phone"]),
    # the device or product, not the channel
    ("Купил новый телефон, старый совсем разбился.", "ru", []),
    ("Husa de telefon s-a rupt din nou.", "ro", []),
    ("The phone case I ordered is the wrong colour.", "en", []),
    ("这个手机壳很好看。", "zh-Hans", []),
    ("電話機壞了,要買一台新的。", "zh-Hant", []),
    # ambiguous words resolved by context
    ("Отправил документы заказным письмом.", "ru", ["letter"]),
    ("Посмотрите письмо, которое я вам прислал утром.", "ru", ["email"]),
    ("Пакет документов ушёл по почте в понедельник.", "ru", ["letter"]),
    ("Проверьте электронную почту, там ссылка.", "ru", ["email"]),
    ("Please type your surname in block letters.", "en", []),
    ("We received a letter from their lawyer.", "en", ["letter"]),
    ("Не удалось отправить: сообщение об ошибке 404.", "ru", []),
    ("The new pricing sounds fair, so I will call it a day.", "en", []),
    ("Their startup is called Ringly.", "en", []),
    ("We were calling them all week.", "en", ["phone"]),
    ("They meet the deadline every time.", "en", []),
    # Chinese hits may not cut two words (加上|門外 is not 上門, 拿来|电脑 is not 来电)
    ("他又拿来电脑测试了一遍。", "zh-Hans", []),
    ("加上門外排隊的人,店裡很擠。", "zh-Hant", []),
    ("她在臉書上寫了一篇長文。", "zh-Hant", ["social"]),
    ("芋圓都非常QQ。", "zh-Hant", []),
    ("有事加我QQ聊。", "zh-Hant", ["messenger"]),
    # masked data is not a word; "la telefon" needs a speaking verb; bare "telefon" a contact word
    ("Scrieți-ne la <EMAIL_1> oricând.", "ro", []),
    ("Ceasul nu se conectează la telefon.", "ro", []),
    ("Telefonul este excelent, bateria ține două zile.", "ro", []),
    ("Nu răspunde nimeni la telefonul de pe site.", "ro", ["phone", "web"]),
    ("Телефон горячей линии указан на сайте.", "ru", ["phone", "web"]),
])
def test_channels(text, lang, expected):
    assert labels(text, lang) == expected


@pytest.mark.parametrize("text,lang,expected", [
    ("С холериками лучше договариваться быстро.", "ru", ["choleric"]),
    ("Клиенты-флегмы не любят спешки.", "ru", ["phlegmatic"]),
    ("Flegmaticii cer detalii.", "ro", ["phlegmatic"]),
    ("Melancolicele se supără ușor.", "ro", ["melancholic"]),
    ("黏液質的人很穩重。", "zh-Hant", ["phlegmatic"]),
    ("粘液质的客户很少着急。", "zh-Hans", ["phlegmatic"]),
    ("He is a classic sanguine: talkative and warm.", "en", ["sanguine"]),
    ("Investors stayed sanguine about inflation.", "en", []),
])
def test_temperaments(text, lang, expected):
    assert labels(text, lang, "temperaments") == expected


def test_cues_never_inflate_mentions():
    only_cue = tag_text("Он хочет знать все подробности и не любит спешки.", "temperaments", "ru")
    assert only_cue["labels"] == [] and only_cue["cues"] == ["phlegmatic"]
    both = tag_text("Флегматик хочет знать все подробности.", "temperaments", "ru")
    assert both["labels"] == ["phlegmatic"] and both["cues"] == ["phlegmatic"]


def test_hits_explain_the_labels():
    text = "Позвоните нам или напишите в Telegram."
    res = tag_text(text, "channels", "ru")
    assert res["labels"] == ["phone", "messenger"]
    for h in res["hits"]:
        assert set(h) == {"label", "level", "term", "match", "start", "end"}
        assert text[h["start"]:h["end"]] == h["match"]
    assert [(h["label"], h["term"], h["match"]) for h in res["hits"]] == [
        ("phone", "позвонить", "Позвоните"), ("messenger", "telegram", "Telegram")]


def test_traditional_matched_through_simplified_with_original_offsets():
    text = "請致電客服熱線。"
    hits = tag_text(text, "channels", "zh-Hant")["hits"]
    assert [(h["match"], h["start"]) for h in hits] == [("致電", 1), ("熱線", 5)]


def test_longest_overlapping_hit_wins():
    assert labels("我们明天开视频会议。", "zh-Hans") == ["video"]
    assert labels("Let's have a Zoom call tomorrow.", "en") == ["video"]


def test_tag_frame_is_aligned_and_sorted_in_vocabulary_order():
    s = pd.Series(["Напишите на почту или позвоните", "", "Встретимся в офисе"], index=[10, 20, 30])
    out = tag(s, "channels", lang=pd.Series(["ru", "ru", "ru"], index=[10, 20, 30]))
    assert list(out.index) == [10, 20, 30]
    assert list(out.columns) == ["labels", "cues", "hits"]
    assert out["labels"].tolist() == ["email;phone", "", "meeting"]
    assert out.loc[20, "hits"] == []


def test_lang_forms_str_list_none():
    texts = ["Sunați-ne mâine", "Call us tomorrow"]
    assert tag(texts, "channels", lang=["ro", "en"])["labels"].tolist() == ["phone", "phone"]
    assert tag("Sunați-ne mâine", "channels", lang="ro")["labels"].tolist() == ["phone"]
    assert tag(texts, "channels", lang=None)["labels"].tolist() == ["phone", "phone"]


def test_misdetected_language_falls_back_to_script():
    assert labels("Позвоните нам завтра", "bg") == ["phone"]
    assert labels("我呆會兒再給他們一個電話", "ko") == ["phone"]


def test_user_dictionary(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text("labels: [refund, delivery]\n"
                 "languages:\n"
                 "  en:\n"
                 "    refund: {mention: [refund*, money back], cue: [cancel*]}\n"
                 "    delivery: [deliver*, {term: parcel, exclude: [bomb]}]\n", encoding="utf-8")
    out = tag(["I want my money back and to cancel the order", "The parcel was delivered late"], str(p), lang="en")
    assert out["labels"].tolist() == ["refund", "delivery"]
    assert out["cues"].tolist() == ["refund", ""]


def test_user_dictionary_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("labels: [a]\nlanguages:\n  en:\n    b: [x]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not in labels"):
        tag(["x"], str(bad), lang="en")
    with pytest.raises(FileNotFoundError):
        tag(["x"], str(tmp_path / "missing.yaml"), lang="en")


def test_deterministic():
    texts = ["Позвоните мне", "我明天给你打电话", "Trimite-mi un e-mail"] * 3
    a = tag(texts, "channels", lang=["ru", "zh-Hans", "ro"] * 3)
    b = tag(texts, "channels", lang=["ru", "zh-Hans", "ro"] * 3)
    assert a.equals(b)


def test_missing_texts_and_languages():
    out = tag(pd.Series(["Позвоните мне", None, float("nan"), ""]), "channels",
              lang=pd.Series(["ru", None, "und", "und"]))
    assert out["labels"].tolist() == ["phone", "", "", ""]


def test_shared_tokens_give_the_same_tags_and_must_match_the_text():
    from clientcomm.tokens import TokenizedText

    texts = ["Позвоните мне завтра, пожалуйста", "客服電話一直打不通，請回電。", "Sunați-ne mâine!", "Call me back"]
    langs = ["ru", "zh-Hant", "ro", "en"]
    for d in ("channels", "temperaments"):
        shared = tag(texts, d, lang=langs, tokens=[TokenizedText(t) for t in texts])
        pd.testing.assert_frame_equal(shared, tag(texts, d, lang=langs))
    assert tag(texts, "channels", lang=langs)["labels"].tolist()[:3] == ["phone", "phone", "phone"]
    with pytest.raises(ValueError, match="another text"):
        tag_text("Позвоните мне", "channels", "ru", tokens=TokenizedText("Напишите мне"))
    with pytest.raises(ValueError, match="tokens has 1 values for 4 texts"):
        tag(texts, "channels", lang=langs, tokens=[TokenizedText(texts[0])])
