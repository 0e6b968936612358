"""Chinese sentiment rules with real sentences: Simplified, Traditional and written Cantonese.

Covers the zh rule table (clientcomm/sentiment/lang/zh.py) and the lexicons
zh.tsv / zh_yue.tsv through the engine: negation (不/没/唔/冇, also fused in
one jieba token), intensifiers and diminishers (非常, 太, 好, 有点), contrast
(但是/不過), Cantonese vocabulary, and sentences of the bundled corpus (003).
Labels of short positive texts are checked in binary mode: the 3-class
neutral band of zh was tuned on long Hong Kong reviews (see lang/zh.py).
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from clientcomm.sentiment import explain, score_sentiment
from clientcomm.sentiment.lang import zh
from clientcomm.tokens import to_simplified

LEXICONS = Path(zh.__file__).resolve().parent.parent / "lexicons"


def score(text: str, lang: str) -> float:
    return explain(text, lang).score


def rules_of(text: str, lang: str, lemma: str) -> list[str]:
    r = explain(text, lang)
    hits = [h for h in r.hits if h.lemma == lemma]
    assert hits, f"{lemma!r} did not fire in {text!r}: {r}"
    return hits[0].rules


# --- lexicon files -----------------------------------------------------------

@pytest.mark.parametrize("name", ["zh", "zh_yue"])
def test_lexicon_file_format(name):
    path = LEXICONS / f"{name}.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and any("version" in ln for ln in lines if ln.startswith("#"))
    body = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    assert body[0].split("\t")[:3] == ["term", "valence", "notes"]
    keys = []
    for row in csv.reader(body[1:], delimiter="\t", quoting=csv.QUOTE_NONE):
        assert len(row) == 3, row
        assert -4.0 <= float(row[1]) <= 4.0, row
        keys.append(to_simplified(row[0].lower()))
    assert len(keys) == len(set(keys)), "duplicate entries after Simplified normalisation"
    assert len(keys) > (800 if name == "zh" else 250)


def test_zh_lexicon_is_written_in_simplified():
    rows = (LEXICONS / "zh.tsv").read_text(encoding="utf-8").splitlines()
    terms = [r.split("\t")[0] for r in rows if r and not r.startswith("#")][1:]
    assert [t for t in terms if to_simplified(t) != t] == []


def test_rule_table_types():
    assert isinstance(zh.NEGATIONS, frozenset) and {"不", "没", "唔", "冇", "未"} <= zh.NEGATIONS
    assert isinstance(zh.NEGATION_SCOPE, int) and zh.NEGATION_SCOPE >= 2
    assert zh.INTENSIFIERS["非常"] > 0 > zh.INTENSIFIERS["有点"]
    assert {"但", "但是", "可是", "不过"} <= zh.CONTRASTIVE
    lo, hi = zh.NEUTRAL_BAND
    assert -1 < lo < hi < 1
    # the words are in Simplified, as the engine matches token lemmas
    assert all(to_simplified(w) == w for w in zh.NEGATIONS | zh.CONTRASTIVE | set(zh.INTENSIFIERS))


# --- negation ----------------------------------------------------------------

@pytest.mark.parametrize("pos, neg, lang", [
    ("我对这次购物很满意", "我对这次购物不满意", "zh-Hans"),
    ("这家酒店的房间很干净", "这家酒店的房间不干净", "zh-Hans"),
    ("菜送来的时候还很新鲜", "菜送来的时候不新鲜", "zh-Hans"),
    ("這家店的服務很好", "這家店的服務不好", "zh-Hant"),
    ("呢間嘢好好食", "呢間嘢唔好食", "zh-Hant"),
    ("我好鍾意佢哋嘅甜品", "我唔鍾意佢哋嘅甜品", "zh-Hant"),
])
def test_negation_flips_polarity(pos, neg, lang):
    assert score(pos, lang) > 0 > score(neg, lang)


def test_negator_token_flips_following_word():
    assert "negated" in rules_of("服务不是很好", "zh-Hans", "很好")
    assert "negated" in rules_of("這間餐廳嘅服務唔算好好", "zh-Hant", "好好")
    assert "negated" in rules_of("質素唔算好新鮮", "zh-Hant", "新鲜")
    assert score("質素唔算好新鮮", "zh-Hant") < 0


def test_negated_negative_turns_positive():
    assert score("这本书一点都不无聊", "zh-Hans") > 0
    assert score("這三天并不算很過分", "zh-Hant") > 0      # bundled corpus 003


def test_not_a_negation():
    # 不嬲 "always" is not 不 + 嬲 "angry"; 差唔多 "about the same" is not 差 "bad"
    assert score("我不嬲都鍾意呢間", "zh-Hant") > 0
    assert score("價錢同隔離差唔多", "zh-Hant") == 0


# --- intensifiers and diminishers ------------------------------------------

def test_intensifiers_raise_and_diminishers_lower():
    plain, strong, weak = (score(t, "zh-Hans") for t in ("这家的味道差", "这家的味道非常差", "这家的味道有点差"))
    assert strong < plain < 0 and plain < weak < 0
    assert "intensified" in rules_of("菜非常好吃", "zh-Hans", "好吃")
    assert "diminished" in rules_of("菜有点咸", "zh-Hans", "咸")  # 有点咸 is one jieba token


def test_fused_degree_token():
    # jieba keeps 好慢 in one token: 好 is read as a degree word, not as "good"
    r = explain("味道还行，但是送得好慢", "zh-Hans")
    assert [h.lemma for h in r.hits][-1] == "慢" and r.score < 0


# --- contrast ----------------------------------------------------------------

@pytest.mark.parametrize("first, second, lang", [
    ("房间很干净，但是隔音太差了", "隔音太差了，但是房间很干净", "zh-Hans"),
    ("食物質素唔錯，不過價錢偏貴", "價錢偏貴，不過食物質素唔錯", "zh-Hant"),
    ("環境幾舒服，不過上菜好慢", "上菜好慢，不過環境幾舒服", "zh-Hant"),
])
def test_contrast_clause_after_but_weighs_more(first, second, lang):
    assert score(first, lang) < 0 < score(second, lang)
    r = explain(first, lang)
    assert "before_contrast" in r.hits[0].rules and "after_contrast" in r.hits[-1].rules


def test_bu_guo_bu_shi_is_not_contrast():
    r = explain("不過不失，中規中矩", "zh-Hant")
    assert all("after_contrast" not in h.rules for h in r.hits)
    assert r.label == "neutral"


# --- vocabulary of client communication -------------------------------------

@pytest.mark.parametrize("text, lang, label", [
    ("质量很差，客服态度恶劣，千万别买", "zh-Hans", "negative"),
    ("送餐慢，菜都凉了", "zh-Hans", "negative"),
    ("客服不理人，退款一直没处理", "zh-Hans", "negative"),
    ("酒店位置很好，服务也周到，下次还会再来", "zh-Hans", "positive"),
    ("分量足，性价比高，好评", "zh-Hans", "positive"),
    ("等咗成個鐘都未上菜，態度又差，冇下次", "zh-Hant", "negative"),
    ("呢間真係中伏，劣食", "zh-Hant", "negative"),
    ("呢間茶記好好食，價錢又抵，一定會再嚟", "zh-Hant", "positive"),
    ("冇得頂，好正", "zh-Hant", "positive"),
])
def test_review_sentences_binary(text, lang, label):
    assert explain(text, lang, binary=True).label == label


def test_hits_explain_the_score():
    r = explain("服務態度差，等咗好耐，食物又冇乜味道", "zh-Hant")
    assert r.label == "negative"
    assert {"服务态度差", "等咗好耐", "冇乜味道"} <= {h.lemma for h in r.hits}
    assert r.sum == pytest.approx(sum(h.weight_after_rules for h in r.hits), abs=1e-3)
    for h in r.hits:  # offsets point at the original (Traditional) characters
        assert r.text[h.start:h.end] == h.term


def test_traditional_and_simplified_score_alike():
    s = score("服务态度很好，房间也很干净", "zh-Hans")
    t = score("服務態度很好，房間也很乾淨", "zh-Hant")
    assert s > 0 and t > 0 and abs(s - t) < 0.1


def test_long_cantonese_review_is_positive():
    text = ("朋友推介我食呢間，環境幾舒服，店員好有禮貌。叫咗個牛肉飯，牛肉好嫩滑，好入味，"
            "份量足，飯都好香。甜品都唔錯，價錢唔貴，性價比高，抵食！一定會再嚟。")
    assert explain(text, "zh-Hant").label == "positive"


def test_mixed_cantonese_review_is_neutral():
    text = "環境普普通通，食物不過不失，湯底有啲淡，不過價錢都算合理，服務OK。"
    assert explain(text, "zh-Hant").label == "neutral"


# --- bundled corpus (003, zh-Hant case study) --------------------------------

@pytest.mark.parametrize("sentence, sign", [
    ("噢,邁克,說起來真的有點惱火", -1),
    ("你看起來臉色不太好", -1),
    ("建立客戶檔案是一個很好的方式", 1),
])
def test_corpus_003_sentences(sentence, sign):
    assert score(sentence, "zh-Hant") * sign > 0


def test_corpus_003_scores_with_explanations():
    import clientcomm

    docs = clientcomm.load_corpus()
    text = docs.loc[docs["doc_id"] == "003", "clean_text"].iloc[0]
    assert "說起來真的有點惱火" in text
    paras = [p for p in text.split("\n") if p.strip()][:20]
    out = score_sentiment(paras, lang="zh-Hant")
    assert len(out) == len(paras)
    assert out["sentiment_hits"].map(len).sum() > 5
    for s, hits in zip(out["sentiment"], out["sentiment_hits"]):
        if not hits:  # a non-zero score always has the hits behind it
            assert s == 0


def test_deterministic():
    texts = ["送餐很快，味道不错", "唔好食，冇下次", "房间不大但是很干净"]
    a = score_sentiment(texts, lang="zh-Hant")
    b = score_sentiment(texts, lang="zh-Hant")
    assert a["sentiment"].tolist() == b["sentiment"].tolist()


@pytest.mark.parametrize("text, label", [
    ("我很满意", "positive"),
    ("我很滿意，服務好", "positive"),
    ("唔好食", "negative"),
])
def test_short_texts_are_not_neutral_for_being_short(text, label):
    # Short messages are labelled on the mean weight per hit, long reviews on the band.
    assert explain(text, "zh-Hant").label == label
