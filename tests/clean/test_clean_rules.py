"""Cleaning rules one by one on small real texts, and the public contracts."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.clean import CleanResult, clean_documents, clean_text, clean_with_log, cleaning_report
from clientcomm.clean import boilerplate as bp
from clientcomm.clean.normalize import fix_mojibake, normalize_unicode, normalize_whitespace, strip_html
from clientcomm.clean.pinyin import remove_pinyin_glosses


def test_mojibake_latin1_and_cp1252_repaired():
    ru, ro = "Здравствуйте, клиент!", "Cum să lucrați cu clienți inadecvate"
    broken = ru.encode("utf-8").decode("latin-1") + "\n" + ro.encode("utf-8").decode("cp1252")
    text, log = fix_mojibake(broken, None)
    assert text == ru + "\n" + ro
    assert log[0]["rule"] == "mojibake" and log[0]["count"] == 2


def test_mojibake_keeps_curly_quotes_and_fullwidth_cjk_punctuation():
    s = "有歌曲唱道“朋友多了路好走”，對嗎？ «Да»"
    assert fix_mojibake(s, None) == (s, [])


def test_html_tags_entities_and_block_breaks():
    text, log = strip_html("<p>Здравствуйте,&nbsp;Иван!</p><p>Спасибо &amp; до&#160;встречи.</p><br/>", None)
    # adjacent </p><p> leave a blank line: a paragraph break
    assert text == "Здравствуйте,\u00a0Иван!\n\nСпасибо & до\u00a0встречи.\n"
    assert {e["rule"] for e in log} == {"html_tags", "html_entities"}


def test_html_leaves_non_tags_alone():
    s = "Если x < 5 и y > 3, то <Имя клиента> не нужен; a/b > c"
    assert strip_html(s, None) == (s, [])


def test_html_script_and_comment_removed():
    text, log = strip_html("Текст<script>var a = 1;</script><!-- реклама --> дальше", None)
    assert text == "Текст дальше"
    assert log[0]["rule"] == "html_script_comment" and log[0]["count"] == 2


def test_nfc():
    text, log = normalize_unicode("Știm că e\u0301", None)
    assert text == "Știm că \u00e9" and log[0]["rule"] == "unicode_nfc"


@pytest.mark.parametrize("raw, expected", [
    ("發(fā)展", "發展"),
    ("商業(yè)（yè）", "商業（yè）"),            # only the gloss right after a Han character goes
    ("見附件(fùjiàn)與(2019)和(Apple)", "見附件(fùjiàn)與(2019)和(Apple)"),  # two syllables: not a gloss
    ("客戶(kèhù)", "客戶(kèhù)"),
    ("創(chuàng)意", "創意"),
    ("他(tā)們(xyzé)", "他們(xyzé)"),          # not a pinyin syllable
    ("服務(wù)", "服務"),
    ("(fā)", "(fā)"),                    # no Han character before it
    ("他說(shuo)", "他說(shuo)"),            # no tone mark: not touched
])
def test_pinyin_gloss_rule(raw, expected):
    assert remove_pinyin_glosses(raw, None)[0] == expected


def test_whitespace_rule():
    text, log = normalize_whitespace("\ufeffПривет,\u00a0мир!  \r\n\r\n\r\n\r\n\t Как дела?\u200b \n", None)
    assert text == "Привет, мир!\n\nКак дела?"
    assert {e["rule"] for e in log} >= {"invisible_chars", "spaces", "blank_lines"}


def test_menu_needs_three_short_items():
    assert bp.site_menu("Цена | качество", None)[1] == []
    long_items = "Мы ценим каждого клиента | и стараемся ответить на любое письмо в течение дня | спасибо вам"
    assert bp.site_menu(long_items, None)[1] == []
    text, log = bp.site_menu("Acasă | Despre noi | Contact | Blog\nSiteName\n\nText.", None)
    assert "Acasă" not in text and "SiteName" not in text and "Text." in text


def test_share_and_search_prompts_multilingual():
    text, log = bp.share_search_prompts("Текст.\nПоделиться:\nShare this article\n分享到：\nCăutare pe site:", None)
    assert text.split("\n") == ["Текст.", "", "", "", ""]
    assert {e["rule"]: e["count"] for e in log} == {"share_prompt": 3, "search_prompt": 1}


def test_share_phrase_inside_a_sentence_is_kept():
    s = "Поделиться опытом с коллегами — лучший способ учиться."
    assert bp.share_search_prompts(s, None) == (s, [])


def test_copyright_lines():
    text, log = bp.copyright_lines("Body.\n© 2015-2024 Site.ru\nCopyright (c) ACME\nToate drepturile rezervate.", None)
    assert text == "Body.\n\n\n" and log[0]["count"] == 3
    body = "Мы поставили знак © на логотипе, и клиенту это не понравилось."
    assert bp.copyright_lines(body, None) == (body, [])


def test_related_links_only_in_second_half():
    early = "Читайте также: наш обзор. " + "Текст статьи. " * 20
    assert bp.related_links(early, None) == (early, [])
    late = "Текст статьи. " * 20 + "Читайте также:\nСсылка раз\nСсылка два\n\nКонец."
    text, log = bp.related_links(late, None)
    assert "Ссылка" not in text and text.endswith("\n\nКонец.") and log[0]["count"] == 3


def test_repeated_caption_keeps_sentences_and_speaker_labels():
    lines = ["Titlul articolului despre clienți dificili"] + ["Clientul:", "- Bună ziua.", "Operatorul:",
                                                              "- Vă ascult."] * 3
    text = "\n".join(lines + ["Poza cu un client foarte supărat"] * 3)
    out, log = bp.repeated_captions(text, None)
    assert out.count("Clientul:") == 3 and out.count("- Bună ziua.") == 3
    assert "Poza cu un client" not in out and log[0]["count"] == 3


def test_title_repeat_and_duplicate_heading():
    t = "Как говорить с клиентом\n\nТекст один.\n\nТекст два.\n\nКак говорить с клиентом"
    assert bp.title_repeat(t, None)[0].rstrip() == "Как говорить с клиентом\n\nТекст один.\n\nТекст два."
    d = "Глава 1\n\nОсобенности работы\n\n\nОсобенности работы\n\nДа.\n\nДа."
    out, log = bp.duplicate_lines(d, None)
    assert out.count("Особенности работы") == 1 and out.count("Да.") == 2


def test_dangling_prompt_at_the_end_only():
    t = "Metodele pot varia:\n- Frost\n\nTrimite articolul:\n\nAbonează-te:"
    out, log = bp.dangling_prompts(t, None)
    assert out.rstrip() == "Metodele pot varia:\n- Frost" and log[0]["count"] == 2


def test_clean_with_log_contract():
    res = clean_with_log("Главная | Форум | Контакты\n\n<p>Здравствуйте!</p>\n\n© 2024 Форум")
    assert isinstance(res, CleanResult) and res.text == "Здравствуйте!"
    for e in res.log:
        assert set(e) == {"rule", "action", "count", "examples"}
        assert e["action"] in ("removed", "changed") and e["count"] >= 1 and len(e["examples"]) <= 3
    assert clean_text("Главная | Форум | Контакты\n\nЗдравствуйте!") == "Здравствуйте!"


def test_clean_is_deterministic_and_idempotent_on_real_text():
    s = "Ну и, конечно, нельзя допускать ошибок.  Особенно в цифрах (как в моем случае).\n\n\n發(fā)生"
    once = clean_text(s)
    assert once == clean_text(s) == clean_text(once)


def test_clean_documents_keeps_raw_text_and_uses_declared_lang():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "declared_lang": ["ru", "zh-Hant", None],
                         "raw_text": ["Текст  статьи.\n\n\nПоделиться:", "業(yè)務", None]})
    before = docs.copy()
    out = clean_documents(docs)
    pd.testing.assert_frame_equal(docs, before)  # input not modified
    assert list(out["raw_text"]) == list(before["raw_text"])
    assert list(out["clean_text"]) == ["Текст статьи.", "業務", ""]
    assert isinstance(out.loc[0, "cleaning_log"], list)
    rep = cleaning_report(out)
    assert list(rep.columns) == ["doc_id", "rule", "action", "count", "examples"]
    assert set(rep["doc_id"]) == {"a", "b"}
    assert rep.loc[rep["rule"] == "pinyin_gloss", "count"].tolist() == [1]


def test_cleaning_report_without_log_column_cleans_first():
    rep = cleaning_report(pd.DataFrame({"doc_id": ["x"], "raw_text": ["a &amp; b"]}))
    assert rep[["doc_id", "rule"]].values.tolist() == [["x", "html_entities"]]


def test_clean_documents_needs_raw_text():
    with pytest.raises(KeyError, match="raw_text"):
        clean_documents(pd.DataFrame({"text": ["x"]}))
