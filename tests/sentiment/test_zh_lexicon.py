"""Behaviour of the zh / zh_yue lexicon entries and rule values added for issue 14.

Every sentence here was written for this test (none comes from a development set). The
tests check what a reader of a review would expect: reservations (稍嫌偏咸, 可以再濃啲)
lean negative, return intentions and delivery phrases carry their polarity although
jieba cuts them into several tokens, words with a food sense in Hong Kong reviews
(卡 card, 串 skewer) are not insults there, and faint praise weighs less than praise.
"""
from __future__ import annotations

import pytest

from clientcomm.sentiment.engine import score_text
from clientcomm.sentiment.lang import zh


def _hits(text: str, lang: str) -> dict[str, float]:
    return {h.lemma: h.weight_after_rules for h in score_text(text, lang).hits}


# --- phrases jieba cuts into several tokens still match as one entry ------------

@pytest.mark.parametrize("text, lang, lemma, sign", [
    ("这家店的分量很足，吃得很饱", "zh-Hans", "分量很足", 1),
    ("东西太差了，我再也不买了", "zh-Hans", "再也不买", -1),
    ("送来的时候汤都洒了，这种服务不能接受", "zh-Hans", "不能接受", -1),
    ("这碗面淡而无味", "zh-Hans", "淡而无味", -1),
    ("客服态度差，问什么都不回答", "zh-Hans", "客服态度差", -1),
    ("快递很快，第二天就收到了", "zh-Hans", "快递很快", 1),
    ("今次個廚師失咗水準", "zh-Hant", "失咗水准", -1),
    ("炒河粉完全冇鑊氣", "zh-Hant", "冇镬气", -1),
    ("呢度啲嘢真係平靚正", "zh-Hant", "平靓正", 1),
    ("我覺得試一次就夠", "zh-Hant", "试一次就够", -1),
    ("等咗成個鐘，先有得食", "zh-Hant", "等咗成个钟", -1),
    ("等了一个多小时才送到", "zh-Hans", "等了一个多小时", -1),
    ("下次一定會再幫襯", "zh-Hant", "一定会再帮衬", 1),
])
def test_multi_token_phrase_matches_with_its_polarity(text, lang, lemma, sign):
    hits = _hits(text, lang)
    assert lemma in hits, f"{lemma!r} did not match in {text!r}: {hits}"
    assert hits[lemma] * sign > 0


# --- reservations and faint praise ----------------------------------------------

@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_on_the_sweet_side_is_a_reservation_not_praise(lang):
    # 甜 alone is mildly positive for fruit and desserts; 偏甜 / 过甜 are complaints
    assert score_text("这个蛋糕很甜", lang).score > 0
    assert score_text("这个蛋糕偏甜", lang).score < 0
    assert score_text("这个蛋糕过甜", lang).score < 0


def test_a_reservation_pulls_a_praising_sentence_down():
    plain = score_text("牛肉很嫩，味道不错", "zh-Hans").score
    with_reservation = score_text("牛肉很嫩，味道不错，稍嫌偏咸", "zh-Hans").score
    assert with_reservation < plain


def test_could_be_more_is_a_reservation_but_could_come_again_is_praise():
    assert score_text("個湯可以再濃啲", "zh-Hant").score < 0
    assert score_text("下次可以再嚟", "zh-Hant").score > 0
    assert score_text("下次还可以再来", "zh-Hans").score > 0


@pytest.mark.parametrize("faint", ["味道ok", "味道正常", "都幾好食"])
def test_faint_praise_weighs_less_than_praise_in_cantonese(faint):
    assert score_text(faint, "zh-Hant").sum < score_text("味道好好食", "zh-Hant").sum


def test_normal_is_not_praise_in_a_hong_kong_review():
    assert score_text("啲餸味道正常", "zh-Hant").score <= 0


def test_its_ok_i_suppose_is_not_positive_in_mandarin():
    assert score_text("还可以吧", "zh-Hans").label != "positive"


def test_a_wish_for_better_is_not_praise():
    assert score_text("如果饭再热一点就更好了", "zh-Hans").score <= 0
    assert score_text("如果熱啲會更好", "zh-Hant").score <= 0


def test_even_tastier_keeps_its_food_word():
    # jieba cuts 更好食 as 更好 / 食; the entry keeps the praise
    assert score_text("呢度嘅叉燒比上次更好食", "zh-Hant").score > 0.1


# --- words with a food or shop sense in Hong Kong reviews -----------------------

def test_card_is_not_lag_in_a_restaurant_review():
    hits = _hits("可以用八達通卡俾錢，仲有卡位坐", "zh-Hant")
    assert all(w >= 0 for w in hits.values()), hits
    # in Mandarin product reviews 卡 still means the phone lags
    assert score_text("这个手机用起来很卡", "zh-Hans").score < 0


def test_skewer_is_not_an_insult_but_a_rude_waiter_is():
    skewers = score_text("我哋叫咗三串燒雞翼同一串牛舌", "zh-Hant")
    rude = score_text("個侍應好串", "zh-Hant")
    assert skewers.score > -0.1
    assert rude.score < -0.2


def test_chilling_out_is_not_slacking():
    assert score_text("同朋友嚟坐hea", "zh-Hant").score >= 0
    assert score_text("啲侍應做嘢好hea", "zh-Hant").score < 0


def test_truly_is_not_true_plus_great():
    # 真正 must not split into the degree word 真 and Cantonese 正 (great)
    assert "正" not in _hits("真正食落就知道", "zh-Hant")


# --- rule values -----------------------------------------------------------------

def test_negated_praise_is_a_hedge_weaker_than_the_opposite_word():
    hedge = score_text("服务不是很满意", "zh-Hans").sum
    opposite = score_text("服务不满意", "zh-Hans").sum
    assert opposite < hedge < 0


def test_praise_before_but_still_counts_in_a_pros_and_cons_review():
    r = score_text("房间干净，但是早餐很一般", "zh-Hans")
    before = r.hits[0]  # 房间干净
    assert "before_contrast" in before.rules
    assert before.weight_after_rules > 0.5 * before.valence
    assert r.label == "negative" or r.score < 0.2


def test_wry_laughing_emoji_weighs_little_in_chinese():
    assert zh.EXTRA_EMOTICONS["😂"] < 1.0
    assert score_text("等咗成個鐘，先有得食😂", "zh-Hant").score < 0


def test_a_drain_smell_is_not_a_rip_off():
    # 坑 alone is "rip-off"; 坑渠 is a drain, a mild complaint about the place
    hits = _hits("坐喺門口有陣坑渠味", "zh-Hant")
    assert "坑" not in hits and hits.get("坑渠味", 0) < 0
    assert score_text("呢間舖頭真係坑錢", "zh-Hant").score < score_text("坐喺門口有陣坑渠味", "zh-Hant").score
