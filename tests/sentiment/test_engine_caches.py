"""The engine's prepared scorer and token cache: bounded, and never stale after a lexicon reload.

Every sentence here is written for the test.
"""
from __future__ import annotations

import shutil

import pytest

from clientcomm.sentiment import engine, resources, rules
from clientcomm.sentiment.engine import score_text
from clientcomm.tokens import tokenize

TEXTS = [("Доставка опоздала, но курьер вежливый!", "ru"), ("Nu recomand, calitate proastă.", "ro"),
         ("服务态度不好，菜也不新鲜，太慢了。", "zh-Hans"), ("The parcel was late, but the courier was polite.", "en")]


def _results(texts):
    return [(r.score, r.label, r.sum, r.hits) for r in (score_text(t, lg) for t, lg in texts)]


def test_token_cache_is_bounded_and_does_not_change_results(monkeypatch):
    expected = _results(TEXTS)
    monkeypatch.setattr(engine, "TOKEN_CACHE_SIZE", 3)
    for sc in engine._SCORERS.values():
        sc._facts.clear()
    assert _results(TEXTS) == expected
    assert all(len(cache) <= 3 for sc in engine._SCORERS.values() for cache in sc._facts.values())


@pytest.fixture
def lexicon_dir(tmp_path, monkeypatch):
    """A copy of the lexicon folder the test may edit; caches emptied before and after."""
    folder = tmp_path / "lexicons"
    shutil.copytree(resources.LEXICON_DIR, folder)
    monkeypatch.setattr(resources, "LEXICON_DIR", folder)
    resources.load_lexicon.cache_clear()
    engine.merged_lexicon.cache_clear()
    yield folder
    monkeypatch.undo()
    resources.load_lexicon.cache_clear()
    engine.merged_lexicon.cache_clear()
    rules._emoticon_regex.cache_clear()


def test_a_reloaded_lexicon_is_used_although_its_tokens_were_seen(lexicon_dir):
    text = "The zorblax was here."
    assert score_text(text, "en").hits == []  # its token facts are now cached: not in the lexicon
    with open(lexicon_dir / "en.tsv", "a", encoding="utf-8") as fh:
        fh.write("zorblax\t3.0\twritten for this test\n")
    assert score_text(text, "en").hits == []  # the cached lexicon is still the old one
    resources.load_lexicon.cache_clear()
    engine.merged_lexicon.cache_clear()
    hits = score_text(text, "en").hits
    assert [(h.lemma, h.valence) for h in hits] == [("zorblax", 3.0)]


@pytest.mark.parametrize("text,lang", [
    ("Да, хорошо; но (в целом) плохо… Ладно!", "ru"),
    ("好，不过。。。（其实）还行！！", "zh-Hans"),
    ("a,b c.d", "en"),
    ("нет разрывов здесь совсем", "ru"),
])
def test_clause_breaks_are_break_characters_between_tokens(text, lang):
    toks = tokenize(text, lang)
    expected = [k > 0 and rules.CLAUSE_BREAK.search(text, toks[k - 1].end, toks[k].start) is not None
                for k in range(len(toks))]
    assert engine._clause_breaks(text, toks) == expected


def test_fused_chinese_degree_prefix_is_split_off():
    sc = engine._scorer("zh-Hans", "zh", resources.rule_table("zh"))
    if "好" not in sc.single or {"超级好", "级好"} & set(sc.single):
        pytest.skip("the zh lexicon changed: 好 is no entry, or 超级好 / 级好 is one")
    fused = engine._zh_fused("超级好", sc)  # 超级 (+0.5) split off: 好, intensified
    assert fused[0] == "好" and fused[3] == ("intensified",) and fused[4] == pytest.approx(1.5)
    assert engine._zh_fused("好", sc) is None  # one character: never split
