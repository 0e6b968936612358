"""The dictionaries' look-up structures give what the plain definitions give (issue 13).

Own words and sentences only; the references are written here from the definitions.
"""
from __future__ import annotations

import pytest

from clientcomm.dictionaries import load_dictionary, tag_text
from clientcomm.dictionaries.loader import _compile_entries


def _reference_candidates(ix, norm: str, lemma: str) -> list:
    """The first-word look-up as first written: exact forms, prefixes by length (form, lemma), globs."""
    out = list(ix.exact.get(norm, ()))
    if lemma != norm:
        out += [e for e in ix.exact.get(lemma, ()) if e not in out]
    for n in ix.prefix_lengths:
        for w in (norm, lemma) if lemma != norm else (norm,):
            if len(w) >= n:
                out += [e for e in ix.prefix.get(w[:n], ()) if e not in out]
    out += [e for e in ix.globs if e not in out and e.term.words[0].matches(norm, lemma)]
    return out


TOKENS = {
    "ru": [("позвоните", "позвонить"), ("телефону", "телефон"), ("придите", "прийти"), ("телеграме", "телеграм"),
           ("почте", "почта"), ("вотсап", "вотсап"), ("клиент", "клиент"), ("флегматик", "флегматик")],
    "ro": [("sunati", "suna"), ("aplicatia", "aplicatie"), ("email", "email"), ("telefonic", "telefonic")],
    "en": [("called", "call"), ("phone", "phone"), ("emailed", "email"), ("meeting", "meeting"), ("cheerful", "cheerful")],
    "any": [("whatsapp", "whatsapp"), ("viber", "viber"), ("zoom", "zoom"), ("skype", "skype")],
}


@pytest.mark.parametrize("name,code", [(n, c) for n in ("channels", "temperaments") for c in TOKENS
                                       if load_dictionary(n).index(c) is not None])
def test_first_word_lookup_equals_reference(name, code):
    ix = load_dictionary(name).index(code)
    for norm, lemma in TOKENS[code] + [(w, w) for w, _ in TOKENS[code]]:
        assert ix._candidates(norm, lemma) == _reference_candidates(ix, norm, lemma), (norm, lemma)


def _own_dictionary():
    raw = {
        "zh": {"phone": {"mention": ["电", "打?电话", "qq", "来电"]}},
        "ru": {"phone": {"mention": ["звон*", "при[йд]*", "=звонок", "по телефону"]}},
    }
    langs, _ = _compile_entries(raw, ["phone"], "test")
    return langs


@pytest.mark.parametrize("hay", ["我打个电话给你", "电", "qq群里见", "来电显示", "", "abc"])
def test_char_candidates_are_every_entry_that_can_match(hay):
    ix = _own_dictionary()["zh"]
    found = ix.char_candidates(hay)
    # every entry that really matches is among the candidates, in file order
    matching = [e for e in ix.chars
                if (e.term.literal is not None and e.term.literal in hay)
                or (e.term.chars is not None and e.term.chars.search(hay))]
    assert [e for e in found if e in matching] == matching
    assert found == sorted(found, key=ix.chars.index)


def test_glob_entries_sharing_a_pattern_all_match():
    ix = _own_dictionary()["ru"]
    hits = [e.term.text for e in ix._candidates("придите", "прийти")]
    assert hits == [e.term.text for e in _reference_candidates(ix, "придите", "прийти")] == ["при[йд]*"]


@pytest.mark.parametrize("text", ["Позвоните мне завтра по телефону, пожалуйста.",
                                  "Позвоните <PHONE_1> завтра по телефону, пожалуйста."])
def test_placeholder_texts_take_the_full_path_with_the_same_hits(text):
    hits = tag_text(text, "channels", "ru")["hits"]
    assert [h["match"] for h in hits] == ["Позвоните", "по телефону"]


@pytest.mark.parametrize("name", ["channels", "temperaments"])
def test_char_candidates_are_the_entries_whose_needed_text_is_in_the_text(name):
    ix = load_dictionary(name).index("zh")
    hays = ["请给我打电话或者发邮件", "客服很热情，微信上回复很快", "他脾气急躁，总是抱怨", "", "ok", "电"]
    for hay in hays:  # the definition: in file order, every entry whose plain substring the text holds
        assert ix.char_candidates(hay) == [e for e, need in ix.char_index if need in hay], hay
