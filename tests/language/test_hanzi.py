from clientcomm.language.hanzi import chinese_variant, han_sets, variant_counts


def test_sets_are_disjoint_and_know_common_pairs():
    simp, trad = han_sets()
    assert not simp & trad
    for s, t in [("发", "發"), ("这", "這"), ("们", "們"), ("国", "國"), ("户", "戶")]:
        assert s in simp and t in trad


def test_shared_characters_are_no_evidence():
    assert variant_counts("中文人口大小") == (0, 0)
    assert chinese_variant("中文人口大小")[0] == "zh"


def test_simplified_and_traditional_sentences():
    assert chinese_variant("客户要求我们把时间提前，这让项目组很为难。")[0] == "zh-Hans"
    assert chinese_variant("客戶要求我們把時間提前，這讓項目組很為難。")[0] == "zh-Hant"


def test_majority_decides_mixed_text():
    lang, score, script = chinese_variant("我們發現這個问题")  # 3 traditional-only, 1 simplified-only
    assert (lang, script) == ("zh-Hant", "Hant") and 0.5 < score < 1
