"""Rule table for Chinese sentiment: zh-Hans, zh-Hant and written Cantonese (yue).

One table serves both scripts: every word here is written in Simplified
characters, because the engine matches on the token lemma, which is the
character-by-character Simplified form of the jieba token
(``clientcomm.tokens.tokenize``). Cantonese forms keep their own characters
(唔, 冇, 咗, 乜, 嘅 have no Simplified counterpart); Traditional-only
characters are written as OpenCC's ``t2s`` turns them (幾→几, 係→系, 極→极,
勁→劲, 過→过).

>>> from clientcomm.sentiment.lang import zh
>>> "唔" in zh.NEGATIONS and "冇" in zh.NEGATIONS and "不" in zh.NEGATIONS
True
>>> zh.INTENSIFIERS["非常"] > zh.INTENSIFIERS["有点"]
True

Built by hand (clientcomm ZH rule table, version 1.0, 2026-11-23) from the
grammar of Mandarin and Cantonese degree adverbs, negators and contrastive
conjunctions; the numeric values were chosen by the author and checked by
error analysis on even-numbered rows of the zh development sets only.
Version 1.1 (2026-11-30, issue 14): CONTRAST_WEIGHT_BEFORE 0.5 → 0.7 and
NEGATION_FACTOR −0.74 → −0.6 (chosen on the md5(text)-even half of the zh dev
sets, confirmed on the odd half), wry laughing emoji (😂, 🤣) weak.

zh-specific needs of the engine are spelled out as extra constants below
(``NEGATED_PREFIXES``, ``DEGREE_PREFIXES``, ``NOT_NEGATIONS``,
``NOT_CONTRASTIVE``, ``QUESTION_FLIPPERS``, ``NEGATION_STOPS``): an engine
that does not read them still works with the required ones.
"""
from __future__ import annotations

__all__ = [
    "LANG", "NEGATIONS", "NEGATION_SCOPE", "INTENSIFIERS", "CONTRASTIVE", "CONTRAST_WEIGHT",
    "CONTRAST_WEIGHT_BEFORE", "EXTRA_EMOTICONS", "NEUTRAL_BAND", "ALPHA", "BINARY_THRESHOLD", "NEGATED_PREFIXES",
    "DEGREE_PREFIXES", "NOT_NEGATIONS", "NOT_CONTRASTIVE", "NEGATION_STOPS",
    "QUESTION_FLIPPERS", "NEGATION_FACTOR",
]

LANG = "zh"

#: Words (jieba tokens, Simplified) that flip the polarity of what follows.
#: Mandarin 不/没/没有/无/未/别/非/莫/勿 and compounds jieba keeps whole
#: (不是, 不会, 不太, 并不, 从不, 毫无 …); Cantonese 唔 (not), 冇 (have not),
#: 未 (not yet), 咪 (don't), 唔系 (is not), 冇乜 (hardly any).
NEGATIONS: frozenset[str] = frozenset({
    # Mandarin
    "不", "没", "没有", "无", "未", "别", "非", "莫", "勿", "甭", "休想",
    "不是", "并不", "并非", "并没有", "并没", "从不", "从没", "从来不", "从来没有", "从未",
    "绝不", "决不", "毫不", "毫无", "不太", "不怎么", "不够", "不会", "不能", "不要",
    "不用", "不必", "没什么", "没啥", "无法", "不再", "再也不", "一点也不", "一点都不",
    "根本不", "根本没", "根本没有", "完全不", "完全没有", "不算", "算不上", "谈不上", "不咋",
    "称不上", "不大", "未必", "不见得", "不至于",
    # Cantonese (Traditional written forms, Simplified by character)
    "唔", "冇", "唔系", "唔算", "唔太", "唔系好", "冇乜", "冇咩", "未必", "唔会",
    "唔使", "唔洗", "唔够", "唔得",
})

#: How many tokens after a negator it reaches (Chinese negation is tight:
#: 不 + degree adverb + adjective, 唔 + 好 + 食).
NEGATION_SCOPE: int = 3

#: Multiplier increments for the next sentiment word (VADER-style B_INCR
#: scale: +0.3 ≈ "very", −0.3 ≈ "slightly").
INTENSIFIERS: dict[str, float] = {
    # strong
    "非常": 0.4, "非常之": 0.5, "十分": 0.35, "极": 0.45, "极其": 0.5, "极度": 0.5,
    "极为": 0.45, "特别": 0.35, "特": 0.3, "超": 0.4, "超级": 0.5, "太": 0.35,
    "最": 0.45, "实在": 0.3, "实在是": 0.3, "简直": 0.4, "相当": 0.3, "格外": 0.3,
    "分外": 0.3, "尤其": 0.25, "异常": 0.4, "无比": 0.45, "万分": 0.45, "巨": 0.4,
    "贼": 0.35, "狂": 0.35, "死": 0.3, "绝对": 0.35, "完全": 0.3, "彻底": 0.35,
    "真": 0.3, "真的": 0.3, "真是": 0.3, "真心": 0.35, "确实": 0.25, "的确": 0.25,
    "很": 0.3, "挺": 0.2, "蛮": 0.2, "更": 0.3, "更加": 0.35, "越来越": 0.3,
    "好": 0.3, "这么": 0.2, "那么": 0.2, "如此": 0.3, "多么": 0.35, "太过": 0.35,
    "过于": 0.3, "颇": 0.2, "颇为": 0.25, "甚": 0.3, "甚为": 0.3, "尤为": 0.35,
    # Cantonese degree words (勁, 超, 極, 好鬼, 認真, 真係, 非常之)
    "劲": 0.4, "好鬼": 0.5, "鬼咁": 0.5, "认真": 0.3, "真系": 0.3, "几咁": 0.35,
    "咁": 0.2, "极之": 0.5,
    # mild ("rather", "fairly")
    "几": 0.1, "比较": 0.05, "较": 0.05, "还算": -0.1,
    # diminishers
    "有点": -0.3, "有点儿": -0.3, "有些": -0.3, "稍": -0.3, "稍微": -0.3, "稍稍": -0.35,
    "略": -0.3, "略微": -0.3, "略有": -0.3, "一点": -0.25, "一点点": -0.35, "少少": -0.3,
    "小小": -0.25, "些许": -0.3, "一啲": -0.25, "有啲": -0.3, "微": -0.25,
}

#: Conjunctions after which the clause weighs more (but / however / only).
CONTRASTIVE: frozenset[str] = frozenset({
    "但", "但是", "可是", "不过", "然而", "只是", "却", "可惜", "遗憾的是",
    "无奈", "偏偏", "反而", "倒是", "但系", "不过呢", "不过咧",
})

#: Weight of the clause after a contrastive word (before it: CONTRAST_WEIGHT_BEFORE).
#: Chinese reviews list pros and cons joined by 但/不过 (环境不错，但是早餐一般) without the
#: first clause being withdrawn, so the clause before keeps 0.7 (1.0: 0.5; issue 14: on the
#: md5-even half of the zh dev sets 0.7 was better for both scripts, and the odd half agreed).
CONTRAST_WEIGHT: float = 1.5
CONTRAST_WEIGHT_BEFORE: float = 0.7

#: Kaomoji and Chinese net emoticons not covered by a general emoji table.
EXTRA_EMOTICONS: dict[str, float] = {
    "^_^": 1.5, "^^": 1.2, "^o^": 1.5, "(^_^)": 1.5, "o(∩_∩)o": 1.8, "(*^▽^*)": 1.8,
    "(ˇˍˇ)": -0.5, "囧": -1.0, "orz": -1.0, "t_t": -1.5, "tt": -0.8, "-_-": -0.8,
    "-_-||": -1.0, "= =": -0.8, "==": -0.5, "╯﹏╰": -1.5, "(╯‵□′)╯︵┻━┻": -2.5,
    "[赞]": 1.8, "[微笑]": 0.8, "[哈哈]": 1.2, "[怒]": -2.0, "[泪]": -1.2, "[衰]": -1.2,
    # emoji as used in Hong Kong food posts: awkward/doubtful faces lean negative;
    # stars and sparkles are list bullets there, so they weigh little
    "😅": -0.3, "🤔": -0.3, "🙄": -1.5, "🤷": -0.6, "😥": -1.2, "🤯": -1.2, "🤡": -1.2,
    "🌟": 0.3, "✨": 0.3,
    # laughing faces in Chinese posts are as often wry (苦笑, laughing at a bad dish) as happy
    "😂": 0.3, "🤣": 0.3,
}

#: Squashing constant of ``score = sum / sqrt(sum² + ALPHA)``. Hong Kong
#: reviews are long (median ~285 characters, ~10 hits), so VADER's 15 would
#: saturate them near ±1; 60 keeps the scale readable.
ALPHA: float = 60.0

#: Final-score band labelled neutral (3-class). The only Chinese data with a
#: neutral class is zh_hant_dev.csv (OpenRice reviews), so the band was chosen
#: there on a 0.01 grid (whole set: macro-F1 0.690); 5-fold cross-validated
#: macro-F1 of the same search is 0.678, fold bands (-0.14..0.01, 0.85..0.91).
#: Its upper edge is high because 3-star reviews still praise a lot; short
#: texts with one mild positive word therefore come out neutral.
NEUTRAL_BAND: tuple[float, float] = (-0.12, 0.85)

#: Binary mode (data without a neutral class, e.g. zh-Hans reviews): positive
#: when the score is above this. 0.0: texts with no hits count as negative
#: (in zh_hans_dev, 82 of 106 texts without hits are negative; checked on all rows).
BINARY_THRESHOLD: float = 0.0

# --------------------------------------------------------------------------
# zh-specific behaviour the engine may read (optional constants).
# --------------------------------------------------------------------------

#: jieba often keeps negator + word in one token (不好, 不新鲜, 不值, 唔错 …).
#: When a token is NOT itself in the lexicon, starts with one of these
#: prefixes and the remainder IS a lexicon word, score it as the negated
#: remainder. Lexicon entries always win (不错, 不过, 无敌, 没事 are their own).
NEGATED_PREFIXES: tuple[str, ...] = (
    "一点都不", "一点也不", "根本不", "并不", "从不", "毫不", "不太", "不是",
    "没有", "不", "没", "无", "未", "别", "唔", "冇", "非",
)

#: Degree prefixes fused into one jieba token (好差, 太慢, 很快, 超好, 最爱):
#: when the whole token is not in the lexicon, strip the prefix, look up the
#: rest and apply the increment.
DEGREE_PREFIXES: dict[str, float] = {
    "非常": 0.4, "特别": 0.35, "超级": 0.5, "十分": 0.35, "很": 0.3, "太": 0.35,
    "超": 0.4, "好": 0.3, "最": 0.45, "极": 0.45, "挺": 0.2, "蛮": 0.2, "巨": 0.4,
    "真": 0.3, "更": 0.3, "劲": 0.4, "几": 0.1, "较": 0.05,
    "有点": -0.3, "有些": -0.3, "稍": -0.3, "略": -0.3,
}

#: Tokens that begin like a negator but do not negate (not only, constantly …).
NOT_NEGATIONS: frozenset[str] = frozenset({
    "不但", "不仅", "不只", "不光", "不断", "不停", "不过", "不如", "不然", "无论",
    "不管", "未来", "无非", "非常", "别人", "别的", "别处", "无限", "不少", "没准",
    "不久", "不得不", "不禁", "不由得", "不免", "别说", "唔该", "冇问题",
})

#: Contrastive words that are not contrastive in a fixed phrase:
#: 不过不失 (so-so), 只是 in 不只是, 就是 as emphasis (就是好).
NOT_CONTRASTIVE: frozenset[str] = frozenset({"不过不失", "不只是", "不仅是"})

#: Tokens that end a negation scope early (clause punctuation and 的/了 are
#: handled by the engine's clause splitter; these are particles).
NEGATION_STOPS: frozenset[str] = frozenset({"，", ",", "。", "！", "!", "？", "?", "；", ";", "但", "但是", "可是"})

#: Rhetorical question words: the clause they open reverses its polarity
#: (难道 …吗 "surely not", 何必 "why bother", Cantonese 点会 "how could").
QUESTION_FLIPPERS: frozenset[str] = frozenset({"难道", "岂", "何必", "点会"})

#: Multiplier applied to a negated word (VADER uses −0.74). Chinese negation of praise is mostly
#: a hedge (不是很好, 唔算好食, 不太方便): weaker than the opposite word, so −0.6 (1.0: −0.74;
#: chosen on the md5-even half of the zh dev sets with CONTRAST_WEIGHT_BEFORE, odd half agreed).
NEGATION_FACTOR: float = -0.6

# --------------------------------------------------------------------------
# Proposal, NOT read by the engine at the time of writing (see report):
# --------------------------------------------------------------------------

#: Neutral band on the MEAN weight per hit (sum / number of hits) instead of
#: the squashed sum. On zh_hant_dev.csv it does as well as the sum (5-fold CV
#: macro-F1 0.678 vs 0.673 on the same quantile grid) but does not depend on
#: text length, so a short "我很满意" (one hit, +2.7) is positive, whereas with NEUTRAL_BAND on the
#: squashed sum it falls inside the band, which was tuned on long reviews.
NEUTRAL_BAND_MEAN_HIT: tuple[float, float] = (-0.05, 1.07)

