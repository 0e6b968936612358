"""The engine's shortcuts give what the plain steps give.

Each shortcut is checked against the straightforward form of the same step,
written out here. Every sentence is written for the test.
"""
from __future__ import annotations

from clientcomm.sentiment import engine, resources
from clientcomm.sentiment.data_classes import Hit
from clientcomm.sentiment.engine import HIT_FIELDS, score_rows, score_text


def _multi_word_plain(view, i, sc):
    """Every multi-word entry of every key of token i, in order, each word checked (no index)."""
    facts, joined, n = view.facts, view.joined, len(view.facts)
    for key0 in facts[i].cands:
        for parts, val, term in sc.multi.get(key0, ()):
            k = len(parts)
            if i + k <= n and all(parts[m] in facts[i + m].cands and joined[i + m] for m in range(1, k)):
                return engine.Match(i, i + k, " ".join(parts), val, term, (), 1.0)
    return None


def _views(texts, lang):
    code = resources.lang_code(lang)
    sc = engine._scorer(lang, code, resources.rule_table(code))
    return sc, [engine._token_view(t, lang, sc, None, True) for t in texts]


def test_multi_word_entries_found_through_the_second_word_index_are_the_plain_ones():
    texts = {"ru": ["Оператор не перезвонил, хотя обещали, и вообще не очень помогли.",
                    "Товар не соответствует описанию, курьер не пришёл, очень доволен не был."],
             "ro": ["Nu recomand, nu merită banii, dar livrarea a fost la timp.",
                    "Nu am primit nimic, nu mai comand, foarte mulțumit nu sunt."],
             "en": ["Not bad at all, but not worth the money and not recommended.",
                    "The courier did not show up; no problem though, well done."]}
    tried = 0
    for lang, sentences in texts.items():
        sc, views = _views(sentences, lang)
        for view in views:
            for i in range(len(view.facts)):
                if view.facts[i].may_start_entry:
                    tried += 1
                    assert engine._multi_word(view, i, sc) == _multi_word_plain(view, i, sc), (lang, i)
    assert tried >= 6


def test_every_multi_word_lexicon_entry_written_out_is_found_as_the_plain_search_finds_it():
    for lang in ("ru", "ro", "en"):
        sc, _ = _views([], lang)
        entries = sorted({" ".join(p) for group in sc.multi.values() for p, _, _ in group})[:150]
        sc, views = _views(entries, lang)
        for view in views:
            assert (engine._multi_word(view, 0, sc) == _multi_word_plain(view, 0, sc)), view.text


def test_scored_rows_are_the_hits_of_score_text():
    for text, lang in [("Очень доволен, спасибо!!! Но доставка ужасно долгая :(", "ru"),
                       ("Nu recomand, calitate proastă.", "ro"), ("服务态度不好，太慢了，但是价格便宜。", "zh-Hans"),
                       ("   ", "ru"), ("Hello", "de")]:
        res, rows = score_text(text, lang), score_rows(text, lang)
        assert (res.score, res.label, res.sum) == (rows.score, rows.label, rows.sum)
        assert res.hits == [Hit(*h) for h in rows.hits]
        assert [h.to_dict() for h in res.hits] == [dict(zip(HIT_FIELDS, h)) for h in rows.hits]


def _match_plain(view, sc):
    """Step 2 without the shortcuts: every token that may start an entry goes through the full search."""
    facts, n, out, i = view.facts, len(view.facts), [], 0
    for k in range(n):
        f = facts[k]
        if k < i or not f.may_hit:
            continue
        found = None
        if f.may_start_entry:
            found = engine._zh_joined(view, k, sc) if sc.code == "zh" else _multi_word_plain(view, k, sc)
        if found is None:
            boost = f.intensity is not None and k + 1 < n and facts[k + 1].in_lexicon
            if f.single is not None and not boost:
                found = engine.Match(k, k + 1, *f.single, (), 1.0)
            elif f.fused is not None:
                found = engine.Match(k, k + 1, *f.fused)
        if found is not None:
            out.append(found)
            i = found.j
    return out


def test_matches_are_those_of_the_search_without_shortcuts():
    texts = {"zh-Hans": ["物流很快，但是菜不新鲜，服务太慢了，客服态度非常好。", "不是很满意，发货速度一般般吧"],
             "zh-Hant": ["客服態度非常好，但是物流太慢了，不推薦。"],
             "ru": ["Не очень доволен: оператор не перезвонил, но в целом неплохо."],
             "ro": ["Nu recomand, nu merită, dar curierul a fost foarte amabil."]}
    n_matches = 0
    for lang, sentences in texts.items():
        sc, views = _views(sentences, lang)
        for view in views:
            got = engine._match(view, sc)
            assert got == _match_plain(view, sc), view.text
            n_matches += len(got)
    assert n_matches >= 10
