"""clientcomm.jieba_words gives exactly jieba's ``tokenize`` (default mode, HMM on).

Every test compares with jieba itself on sentences and strings written or
generated here (no development rows): the same (word, start, end) triples,
on the dictionary clientcomm loads and after words are added or removed.
"""
from __future__ import annotations

import doctest
import random

import pytest

from clientcomm import jieba_words, tokens
from clientcomm.jieba_words import tokenize

SENTENCES = [
    "",
    "的",
    "a",
    " ",
    "\r\n",
    "\r\r\n\n",
    "客户很满意，送货太慢了！",
    "客戶很滿意",  # Traditional characters as they are (jieba sees them without conversion here)
    "我们在2023年12月31日收到了3件商品，价格是199.99元，打了8.5折（85%）。",
    "iPhone15ProMax的电池续航比上一代好多了，C++和C#程序员都说AT&T的网速一般。",
    "订单号：AB-1234_567.89#，联系电话13800138000，邮箱kefu@example.com",
    "这个东西真的是太太太太太好用了哈哈哈哈哈哈哈",
    "快递小哥态度不错\n但是包装破损了\t希望改进",
    "网购   体验\u3000一般般😀👍🏻，下次不会再来了……",
    "售后客服小王说7天无理由退货，可是已经过了15天了",
    "客服中心的电话一直占线，客服中午也不回消息",
    "一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一",
    "鿕鿔鿓鿒鿑䶮䶵𠀀𠀁龘靐齉",  # CJK near and beyond jieba's U+9FD5 limit, and rare characters
    "Ünïcödé café naïve façade Жалоба на сервис 한국어 カタカナ",
    "ａｂｃ１２３，ＸＹＺ！",
    "v1.2.3-beta+build.5%是版本号，3.14159和.5和5.和--和++都是符号",
    "中华人民共和国中央人民政府今天在北京成立了",
    "研究生命起源，结婚的和尚未结婚的，南京市长江大桥",
    "他说：“这家店的小笼包特别好吃，下次还来！”",
    "abc" * 200 + "客服" * 300 + "1" * 100,
]


@pytest.fixture(scope="module")
def dt():
    return tokens._jieba().dt


def _random_texts(n: int, seed: int) -> list[str]:
    """Strings mixing common and rare Han, ASCII runs, jieba's in-word symbols, spaces and other scripts."""
    rng = random.Random(seed)
    han = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天能好都然没"
    rare = "".join(chr(c) for c in range(0x9F00, 0x9FE0, 5)) + "䶮𠀀龘"
    ascii_ = "abcXYZ0123456789+#&._%-"
    space = " \t\r\n\u3000\xa0"
    punct = "，。！？、；：“”（）《》…—～·,.!?;:()[]\"'/"
    other = "😀👍🏻éñЖж한글カタ①２３ＡＢ"
    pools = [han] * 5 + [rare, ascii_, ascii_, space, punct, other]
    pieces = ["客户", "满意", "2.5%", "3.14", "C++", "A-B", "\r\n", "100%", "v1.2", "淘宝网", "一一一一"]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.choice([1, 2, 3, 5, 8, 13, 40])):
            if rng.random() < 0.15:
                parts.append(rng.choice(pieces))
            else:
                pool = rng.choice(pools)
                parts.append("".join(rng.choice(pool) for _ in range(rng.randint(1, 4))))
        out.append("".join(parts))
    return out


def _hmm_edge_texts(n: int, seed: int) -> list[str]:
    """Short Han strings from characters grouped by which of the HMM's B/M/E/S emission tables hold them.

    Characters missing from some tables give states the model's floor score, where sums tie and
    jieba's tie rules decide the words.
    """
    import jieba.finalseg as finalseg

    groups: dict[str, list[str]] = {}
    known = set().union(*finalseg.emit_P.values())
    for ch in sorted(known):
        if "\u4e00" <= ch <= "\u9fd5":
            groups.setdefault("".join(s for s in "BMES" if ch in finalseg.emit_P[s]), []).append(ch)
    groups["none"] = [chr(c) for c in range(0x4E00, 0x9FD6) if chr(c) not in known][:500]
    pools = list(groups.values())
    rng = random.Random(seed)
    return ["".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(1, 10))) for _ in range(n)]


def _differences(texts, tokenizer) -> list[str]:
    return [t for t in texts if tokenize(t, tokenizer) != list(tokenizer.tokenize(t))]


def test_same_words_and_offsets_as_jieba_on_written_sentences(dt):
    assert _differences(SENTENCES, dt) == []
    assert _differences([tokens.to_simplified(t) for t in SENTENCES], dt) == []


def test_same_as_jieba_on_generated_mixed_strings(dt):
    texts = _random_texts(1500, seed=13)
    assert _differences(texts, dt) == []


def test_same_as_jieba_where_the_hmm_breaks_ties(dt):
    texts = _hmm_edge_texts(3000, seed=3)
    assert _differences(texts, dt) == []


def test_the_comparisons_reach_every_branch(dt):
    """The texts above go through the HMM, its non-Han splitting, ``\\r\\n`` and long words.

    Otherwise an identical output could come from never reaching the parts that differ.
    """
    words = [w for t in SENTENCES + _random_texts(1500, seed=13) for w, _, _ in dt.tokenize(t)]
    han = tokens._HAN.match
    assert any(len(w) > 1 and han(w) and not dt.FREQ.get(w) for w in words)  # an HMM word
    assert "2.5%" in words and "\r\n" in words
    assert any(len(w) >= 4 and dt.FREQ.get(w) for w in words)


def test_a_wrong_score_is_caught(dt, monkeypatch):
    """The comparison fails when the route's scores change (here: every word's score is raised by 1)."""
    real = jieba_words._log_probs

    def off_by_one(freq, logtotal):
        return real(freq, logtotal - 1.0)

    monkeypatch.setattr(jieba_words, "_log_probs", off_by_one)
    assert _differences(SENTENCES + _random_texts(300, seed=5), dt)


def test_words_added_and_removed_later_are_read_live(dt):
    """``add_word``/``del_word`` on a tokenizer change both outputs alike (jieba's forced splits included)."""
    import jieba
    import jieba.finalseg as finalseg

    own = jieba.Tokenizer()
    own.FREQ, own.total, own.initialized = dict(dt.FREQ), dt.total, True
    texts = SENTENCES + _random_texts(400, seed=7)
    before = [tokenize(t, own) for t in texts]
    forced_before = set(finalseg.Force_Split_Words)
    try:
        own.add_word("满意服务")
        own.add_word("快递小哥", 5)
        own.add_word("abc123", 1000)
        hmm_words = sorted({w for t in texts for w, _, _ in own.tokenize(t)
                            if len(w) > 1 and tokens._HAN.match(w) and not own.FREQ.get(w)})
        for word in ["客户", "满意", "我们"] + hmm_words[:20]:
            own.del_word(word)  # frequency 0: jieba also splits these when its HMM proposes them
        # edited by hand, without add_word: a frequency no other word has, total unchanged
        own.FREQ["客服中"] = own.FREQ.get("客服中", 0)
        own.FREQ["客服中心"] = max(own.FREQ.values()) + 7
        assert any("客服中心" in t for t in texts)
        assert _differences(texts, own) == []
        assert [tokenize(t, own) for t in texts] != before
    finally:
        finalseg.Force_Split_Words.intersection_update(forced_before)


def test_tokenize_zh_segments_with_jieba_words_for_the_tested_jieba_version(monkeypatch):
    import jieba

    assert jieba.__version__ in tokens.JIEBA_VERSIONS_REPRODUCED
    text = "客戶說快遞太慢了，AI客服回答2.5%的問題"
    tokens._segmenter.cache_clear()
    try:
        assert tokens._segmenter().func is tokenize  # the installed jieba is one it was checked against
        fast = tokens.tokenize(text, "zh-Hant")
        tokens._segmenter.cache_clear()
        monkeypatch.setattr(jieba, "__version__", "0.0-not-checked")
        assert not hasattr(tokens._segmenter(), "func")  # jieba's own tokenize
        assert tokens.tokenize(text, "zh-Hant") == fast
    finally:
        tokens._segmenter.cache_clear()


def test_non_text_is_refused_as_jieba_does(dt):
    with pytest.raises(ValueError, match="unicode"):
        tokenize(b"bytes", dt)
    with pytest.raises(ValueError, match="unicode"):
        list(dt.tokenize(b"bytes"))


def test_doctests():
    assert doctest.testmod(jieba_words).failed == 0
