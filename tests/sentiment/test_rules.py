"""Surface rules (``clientcomm.sentiment.rules``): the emoticon scan finds what one regex over the text finds.

Every sentence here is written for the test.
"""
from __future__ import annotations

import pytest

from clientcomm.sentiment import rules
from clientcomm.sentiment.resources import rule_table

SENTENCES = [
    "Спасибо))) всё пришло вовремя :)",
    "Ужасно(((( никто не ответил :-( ",
    "Livrare rapidă :D recomand XD, dar ambalajul :/ nu prea",
    "Код d:12 и ссылка http://d.example.org/:d не смайлики",
    "Write to help@example.com :) or visit www.example.org/:p",
    "Great service 👍👍 but the app 😡 crashes <3",
    "服务很好^_^ 但是等太久了 -_-|| 囧 orz T_T",
    "好吃[赞]！环境一般 = = 下次再来(*^▽^*)",
    "Dd dD d:d xD xd :D:D ;) ;-) =) >:( :'(",
    "((скобки)) в тексте (не смайлик) и ))) в конце",
    "",
    "без смайликов вообще",
]


def _one_regex_scan(text: str, extra: dict) -> list[tuple[str, int, int, float]]:
    """The same result as ``find_emoticons`` computed the plain way: one search with every face."""
    em = rules._emoticon_regex(tuple(sorted(extra.items())))
    if not text or not any(c in em.trigger for c in text):
        return []
    text = rules._URL.sub(lambda m: " " * len(m.group()), text)
    out, taken = [], []
    for m in em.pattern.finditer(text):
        val = em.table.get(m.group().lower())
        if val is not None:
            out.append((m.group(), m.start(), m.end(), val))
            taken.append((m.start(), m.end()))
    for m in rules._PARENS.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            n = len(m.group())
            val = min(1.0 + 0.25 * (n - 2), 2.0)
            out.append((m.group(), m.start(), m.end(), val if m.group()[0] == ")" else -val))
    return sorted(out, key=lambda x: x[1])


@pytest.mark.parametrize("code", ["ru", "ro", "en", "zh"])
@pytest.mark.parametrize("text", SENTENCES)
def test_emoticon_scan_finds_what_one_regex_finds(code, text):
    extra = rule_table(code).EXTRA_EMOTICONS
    assert rules.find_emoticons(text, extra) == _one_regex_scan(text, extra)


def test_faces_are_found_in_the_expected_places():
    found = rules.find_emoticons("Ok :) see http://x.org/:D and ok XD", {})
    assert [(m, s) for m, s, _, _ in found] == [(":)", 3), ("XD", 33)]  # not the :D inside the address


def test_a_character_no_face_starts_with_gives_an_empty_pattern_that_never_matches():
    em = rules._emoticon_regex(())
    assert rules._faces_starting_with(em, "q").match("q") is None
