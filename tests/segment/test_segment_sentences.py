"""Sentence and paragraph splitting: abbreviations, initials, quotes, dashes, Chinese, flattened pages."""
from __future__ import annotations

import pytest

from clientcomm.segment import split_paragraphs, split_sentences


def sents(text: str, lang: str | None = None) -> list[str]:
    spans = split_sentences(text, lang)
    for s, e in spans:
        assert text[s:e] == text[s:e].strip() and e > s
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize("text", [
    "Это значит, т. е. по сути, что клиент прав.",
    "Мы обсудили сроки, бюджет, отчёты и т. д. и разошлись довольными.",
    "Встреча прошла в г. Москва в офисе клиента.",
    "Подробнее см. Приложение 2 к договору.",
    "Договор на 5 тыс. руб. подписан вчера.",
    "Роман написал А. С. Пушкин в 1833 году.",
    "Проект ведёт проф. Иванов из нашего отдела.",
    "Это было в 90-х гг. прошлого века, т. к. раньше не получалось.",
])
def test_russian_abbreviations_and_initials_do_not_split(text):
    assert sents(text, "ru") == [text]


@pytest.mark.parametrize("text", [
    "Dl. Popescu a sunat din nou azi.",
    "Vezi art. 5 din contract, alin. 2, pag. 14.",
    "Livrarea se face la nr. 12, str. Independenței.",
    "Am vorbit cu dna. Ionescu și cu prof. Rusu despre contract.",
    "Cartea lui K. Sewell este despre clienți.",
    "Am discutat despre prețuri, termene ș.a. fără să ajungem la un acord.",
])
def test_romanian_abbreviations_and_initials_do_not_split(text):
    assert sents(text, "ro") == [text]


@pytest.mark.parametrize("text, expected", [
    ("Мы обсудили сроки, бюджет и т. д. Потом клиент ушёл.",
     ["Мы обсудили сроки, бюджет и т. д.", "Потом клиент ушёл."]),
    ("Am discutat prețuri, termene etc. Apoi clientul a plecat.",
     ["Am discutat prețuri, termene etc.", "Apoi clientul a plecat."]),
    ("Clientul a pregătit o capcană pentru dvs. Este important să nu vă mulțumim.",
     ["Clientul a pregătit o capcană pentru dvs.", "Este important să nu vă mulțumim."]),
])
def test_may_end_abbreviations_split_before_a_capital(text, expected):
    assert sents(text, text and ("ru" if "т. д." in text else "ro")) == expected


def test_quotes_keep_closing_mark_and_do_not_split_inside_embedded_quotes():
    t = ("Не нужно изображать депутата, отчитывающегося перед президентом: «Дела нормально. Работы много. "
         "Отдыхать пока не планируем». Родственник отнесётся с пониманием.")
    assert sents(t, "ru") == [t[:t.index(" Родственник")], "Родственник отнесётся с пониманием."]
    t2 = "Подумайте: «Что хорошего вы можете сделать для клиента прямо сейчас?». Они нуждаются в помощи."
    assert sents(t2, "ru") == ["Подумайте: «Что хорошего вы можете сделать для клиента прямо сейчас?».",
                               "Они нуждаются в помощи."]
    t3 = 'Sau: "Cum poți să fii așa de tâmpit?". De fapt, nu sunt nemernici.'
    assert sents(t3, "ro") == ['Sau: "Cum poți să fii așa de tâmpit?".', "De fapt, nu sunt nemernici."]
    t4 = "Он сказал: «Я подумаю.» Потом ушёл."
    assert sents(t4, "ru") == ["Он сказал: «Я подумаю.»", "Потом ушёл."]


def test_dashes_do_not_cause_false_splits():
    t = "Если вы ответите: «Не знаю, уточню у наших специалистов» — то потеряете в его глазах тысячу очков."
    assert sents(t, "ru") == [t]
    t2 = "După ce a fost formulat neutru și din punctul de vedere al clientului - ura! - Îți poți spune de la tine."
    assert sents(t2, "ro") == [t2]
    t3 = "Проект идет по плану, менеджеры всегда на связи – в чем проблема? Причины могут быть разные."
    assert sents(t3, "ru") == ["Проект идет по плану, менеджеры всегда на связи – в чем проблема?",
                               "Причины могут быть разные."]


def test_ellipsis_and_parenthesis():
    t = "Поэтому… (См. следующий пункт. )"
    assert sents(t, "ru") == [t]
    t2 = "Ce naiba ... îmi pare rău, dar nu e amuzant. Prea amuzant!"
    assert sents(t2, "ro") == ["Ce naiba ... îmi pare rău, dar nu e amuzant.", "Prea amuzant!"]


def test_numbers_and_list_markers():
    assert sents("1. Pentru a asculta. Am ascultat.", "ro") == ["1. Pentru a asculta.", "Am ascultat."]
    assert sents("Цена выросла на 3.5%. Клиент недоволен.", "ru") == ["Цена выросла на 3.5%.", "Клиент недоволен."]


def test_chinese_terminators_ascii_lookalikes_and_closing_quotes():
    t = "“噢,邁克,說起來真的有點惱火。如果這樣,我們根本就來不及。”"
    assert sents(t, "zh-Hant") == ["“噢,邁克,說起來真的有點惱火。", "如果這樣,我們根本就來不及。”"]
    t2 = "我呆會兒再給他們一個電話.告訴他們,我們實在無法滿足他們的要求。然后看看?!"
    assert sents(t2, "zh-Hant") == ["我呆會兒再給他們一個電話.", "告訴他們,我們實在無法滿足他們的要求。", "然后看看?!"]
    t3 = "可能是你的客戶真的很需要改變;也可能是他們有些不滿！真的嗎？"
    assert sents(t3, "zh-Hant") == ["可能是你的客戶真的很需要改變;", "也可能是他們有些不滿！", "真的嗎？"]
    t4 = "瑞貝爾在《顧客是……》一文中指出:客戶是企業利潤的源泉。有歌曲唱道“朋友多了路好走”,對于任何商業都是如此。"
    assert sents(t4, "zh-Hant") == ["瑞貝爾在《顧客是……》一文中指出:客戶是企業利潤的源泉。",
                                    "有歌曲唱道“朋友多了路好走”,對于任何商業都是如此。"]
    t5 = "版本是3.5版。價格是12.50元。"
    assert sents(t5, "zh-Hans") == ["版本是3.5版。", "價格是12.50元。"]


def test_mixed_scripts_without_lang():
    t = "Клиент написал письмо. 客戶很生氣。Ce facem acum?"
    assert sents(t) == ["Клиент написал письмо.", "客戶很生氣。", "Ce facem acum?"]


def test_flattened_page_headings_are_split():
    body = ("Многие люди думают, что в этом нет ничего сложного. " * 20)
    t = ("Подумайте, что вы можете сделать для клиента прямо сейчас Многие люди думают, что это просто. "
         + body + "Старые клиенты ждут инициативы от вас Вас могут ни о чем не просить. "
         + "Это важно. 1. Уделяйте внимание деталям Нужно постоянно отслеживать изменения. " + body
         + "Так и есть. 2. С пониманием относитесь к претензиям Я имею в виду обоснованные требования.")
    out = sents(t, "ru")
    for piece in ["Подумайте, что вы можете сделать для клиента прямо сейчас",
                  "Многие люди думают, что это просто.", "Старые клиенты ждут инициативы от вас",
                  "1. Уделяйте внимание деталям", "Нужно постоянно отслеживать изменения.",
                  "2. С пониманием относитесь к претензиям", "Я имею в виду обоснованные требования."]:
        assert piece in out, piece


def test_polite_vy_is_not_split_in_ordinary_paragraphs():
    t = "Благодарим Вас за обращение и надеемся на дальнейшее сотрудничество с Вами."
    assert sents(t, "ru") == [t]


def test_inline_numbered_heading_with_name_is_not_cut_without_evidence():
    t = "Итоги встречи. 1. Позвонить Ивану Петрову завтра."
    assert sents(t, "ru") == ["Итоги встречи.", "1. Позвонить Ивану Петрову завтра."]


def test_paragraphs_lines_lists_and_soft_wraps():
    t = ("Metodele de protecție pot varia:\n– Frost\n– Pentru otmazatsya\n\n"
         "Dear client, we received your\nmessage and will reply soon.\n  \n\nCraig:\n- Avem o problemă.")
    paras = [t[s:e] for s, e in split_paragraphs(t)]
    assert paras == ["Metodele de protecție pot varia:", "– Frost", "– Pentru otmazatsya",
                     "Dear client, we received your\nmessage and will reply soon.", "Craig:", "- Avem o problemă."]
    assert sents(t, "ro")[3] == "Dear client, we received your\nmessage and will reply soon."


def test_empty_and_whitespace():
    assert split_sentences("") == [] and split_sentences(" \n\n\t ") == []
    assert split_paragraphs("") == [] and split_sentences(None) == []
