"""Each cleaning rule on the real defects of the bundled seeds (corpora/ ships in the repo)."""
from __future__ import annotations

import re
from functools import lru_cache

import pytest

import clientcomm
from clientcomm.clean import clean_with_log
from clientcomm.clean.pinyin import PINYIN_GLOSS


@lru_cache(maxsize=1)
def _raw() -> dict[str, str]:
    d = clientcomm.load_corpus(clean=False)
    return dict(zip(d["doc_id"], d["raw_text"]))


@lru_cache(maxsize=None)
def _clean(doc_id: str):
    return clean_with_log(_raw()[doc_id])


def _entry(res, rule):
    hits = [e for e in res.log if e["rule"] == rule]
    assert hits, f"rule {rule} did not fire; log: {res.rules()}"
    return hits[0]


def test_pinyin_glosses_all_33_removed_and_other_brackets_kept():
    raw = _raw()["003"]
    assert len(PINYIN_GLOSS.findall(raw)) == 33  # all 33 artefacts match the pattern
    res = _clean("003")
    assert _entry(res, "pinyin_gloss")["count"] == 33
    assert not PINYIN_GLOSS.search(res.text)
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)", res.text)
    assert "經常發生變化" in res.text and "商業交易" in res.text and "培養" in res.text
    # no other parenthesis of any seed is touched
    for doc_id, raw_text in _raw().items():
        kept = re.findall(r"\([^()]*\)", _clean(doc_id).text)
        expected = [p for p in re.findall(r"\([^()]*\)", raw_text) if not PINYIN_GLOSS.search("字" + p)]
        assert kept == expected, doc_id


def test_html_residue_removed_without_touching_the_sentence():
    res = _clean("003")
    assert "/p>" not in res.text
    assert _entry(res, "html_residue")["count"] == 2
    assert "你看起來臉色不太好?!" in res.text
    assert "然后看看他們還會怎么給我們找麻煩?!" in res.text


def test_menu_brand_share_search_and_copyright_lines_of_000():
    res = _clean("000")
    for line in ("Главная | Обратная связь", "МегаЛекции", "Поделиться:", "Воспользуйтесь поиском по сайту:",
                 "megalektsii.ru", "©"):
        assert line not in res.text, line
    assert _entry(res, "site_menu")["examples"] == ["Главная | Обратная связь | Поможем написать вашу работу!"]
    assert _entry(res, "site_header")["examples"] == ["МегаЛекции"]
    assert _entry(res, "share_prompt")["count"] == 1
    assert _entry(res, "search_prompt")["count"] == 1
    assert _entry(res, "copyright")["count"] == 1
    # the title stays once, the duplicated heading goes
    assert res.text.startswith("Особенности взаимоотношений с клиентами-флегматиками\n\nЗавоевать доверие")
    assert res.text.count("Особенности взаимоотношений с клиентами-флегматиками") == 1
    assert res.text.endswith("что повышает риск недопонимания и возникновения конфликтов.")


def test_related_links_title_repeat_and_copyright_of_001():
    res = _clean("001")
    assert "Материалы по теме" not in res.text
    assert "Почему завести собаку" not in res.text
    assert "© RB.ru" not in res.text and "RB.ru" not in res.text
    title = "Постоянный клиент — как ваша бабушка: вот главные правила эффективного общения"
    assert res.text.startswith(title) and res.text.count(title) == 1
    assert res.text.endswith("каждый месяц бросает себе новый вызов.")
    assert _entry(res, "related_links")["examples"][0].startswith("Материалы по теме:")
    assert _entry(res, "title_repeat")["count"] == 1


def test_repeated_caption_and_share_footer_of_002():
    res = _clean("002")
    caption = "Cum să lucrați cu clienți inadecvate, savepearlharbor"
    assert _raw()["002"].count(caption) == 4
    assert res.text.count(caption) == 1 and res.text.startswith(caption)
    assert _entry(res, "repeated_caption")["count"] == 3
    assert "Trimiteți-le prietenilor" not in res.text
    assert res.text.endswith("sper că jocul va continua fără mine.")


def test_whitespace_normalised_paragraphs_kept():
    for doc_id in _raw():
        t = _clean(doc_id).text
        assert "\n\n\n" not in t
        assert not re.search(r"[ \t]+\n|\n[ \t]+", t)
        assert "\u00a0" not in t and "  " not in t
        assert t == t.strip()
    assert _clean("002").text.count("\n\n") > 40  # paragraph breaks survive


@pytest.mark.parametrize("doc_id", ["000", "001", "002", "003"])
def test_no_body_sentence_is_lost(doc_id):
    """Every sentence of the raw body (pinyin/HTML repaired) is in clean_text, boilerplate aside."""
    from clientcomm.clean.normalize import strip_html
    from clientcomm.clean.pinyin import remove_pinyin_glosses

    boiler = ("Главная |", "МегаЛекции", "Поделиться:", "Воспользуйтесь поиском", "©", "Материалы по теме:",
              "Trimiteți-le prietenilor:")
    raw = remove_pinyin_glosses(strip_html(_raw()[doc_id])[0])[0]
    clean = re.sub(r"\s+", " ", _clean(doc_id).text)
    for line in raw.split("\n"):
        line = re.sub(r"\s+", " ", line).strip()
        if not line or line.startswith(boiler):
            continue
        body = line.split("Материалы по теме:")[0].strip()
        assert body in clean, body[:80]
