"""The cleaning log: which rules fired, how often, with at most three distinct examples."""
from __future__ import annotations

import pytest

from clientcomm.clean.boilerplate import site_menu
from clientcomm.clean.core import clean_with_log
from clientcomm.clean.result import MAX_EXAMPLE, log_entry


def test_the_log_names_each_rule_and_its_count():
    r = clean_with_log("<p>Клиент <b>всегда</b> прав.</p>  Точно.\n\nКлиент   пишет.")
    assert r.text == "Клиент всегда прав.\nТочно.\n\nКлиент пишет."
    assert r.rules() == ["html_tags", "spaces"]
    assert r.count("html_tags") == 4 and r.count("spaces") == 2 and r.count("site_menu") == 0
    # inline tags vanish; a block tag inside a line becomes a line break
    assert "<" not in r.text and r.log[0]["examples"] == ["<p>", "<b>", "</b>"]


def test_log_entry_keeps_three_distinct_short_examples():
    e = log_entry("spaces", "changed", 5, ["a  b", "a  b", "c\nd", "e" * 100, "f"])
    assert e == {"rule": "spaces", "action": "changed", "count": 5, "examples": ["a  b", "c⏎d", "e" * (MAX_EXAMPLE - 1) + "…"]}
    with pytest.raises(ValueError, match="'removed' or 'changed'"):
        log_entry("spaces", "fixed", 1)


def test_a_menu_takes_the_short_brand_lines_of_its_block_with_it():
    text = "МойСайт\nГлавная | Форум | Контакты\nВход\n\nТекст статьи про клиентов."
    out, log = site_menu(text)
    assert out.strip() == "Текст статьи про клиентов."
    assert [(e["rule"], e["count"]) for e in log] == [("site_menu", 1), ("site_header", 2)]
    assert log[1]["examples"] == ["МойСайт", "Вход"]
