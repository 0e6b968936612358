"""keyness: G² and chi² (Yates) checked against values worked out by hand."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from clientcomm.stats import chi2_yates_2x2, g2_2x2, keyness


@pytest.fixture()
def seg():
    # target: "phone" 6 times + 14 other tokens (20); reference: "phone" 2 times + 28 others (30)
    return pd.DataFrame({"text": ["phone " * 6 + "memo " * 14, "phone " * 2 + "memo " * 28], "lang": "en",
                         "is_target": [True, False]})


def test_g2_worked_by_hand(seg):
    # 2x2 table: a=6, b=2, c=14, d=28; N=50; row totals 8 and 42; column totals 20 and 30.
    # expected: E_a = 8*20/50 = 3.2, E_b = 8*30/50 = 4.8, E_c = 42*20/50 = 16.8, E_d = 42*30/50 = 25.2
    # G2 = 2 * (6 ln(6/3.2) + 2 ln(2/4.8) + 14 ln(14/16.8) + 28 ln(28/25.2))
    #    = 2 * (3.771654 - 1.750937 - 2.552506 + 2.950104) = 2 * 2.418315 = 4.83663
    k = keyness(seg, "is_target", feature="token").set_index("feature")
    assert k.loc["phone", "G2"] == pytest.approx(4.83663, abs=1e-4)
    assert float(g2_2x2(6, 2, 14, 28)) == pytest.approx(4.83663, abs=1e-4)
    assert (k.loc["phone", "n_target"], k.loc["phone", "n_reference"]) == (6, 2)
    # p of G2 with 1 df: P(chi2_1 > 4.83663) = erfc(sqrt(4.83663/2)) = 0.02788
    assert k.loc["phone", "p"] == pytest.approx(math.erfc(math.sqrt(4.83663 / 2)), abs=1e-4)
    assert k.loc["phone", "p"] == pytest.approx(0.02788, abs=1e-4)
    # log ratio = log2((6/20) / (2/30)) = log2(4.5) = 2.169925
    assert k.loc["phone", "log_ratio"] == pytest.approx(2.169925, abs=1e-6)
    # "memo" is rarer in the target than expected: signed negative
    assert k.loc["memo", "G2"] == pytest.approx(-4.83663, abs=1e-4)
    assert k.loc["memo", "log_ratio"] == pytest.approx(math.log2((14 / 20) / (28 / 30)))


def test_chi2_yates_worked_by_hand(seg):
    # chi2_Yates = N (|ad - bc| - N/2)^2 / ((a+b)(c+d)(a+c)(b+d))
    #            = 50 * (|6*28 - 2*14| - 25)^2 / (8 * 42 * 20 * 30) = 50 * 115^2 / 201600 = 661250 / 201600 = 3.280010
    k = keyness(seg, seg["is_target"], measure="chi2", feature="token").set_index("feature")
    assert k.loc["phone", "chi2"] == pytest.approx(3.280010, abs=1e-6)
    assert float(chi2_yates_2x2(6, 2, 14, 28)) == pytest.approx(661250 / 201600)
    assert k.loc["phone", "p"] == pytest.approx(math.erfc(math.sqrt(3.280010 / 2)), abs=1e-6)
    # Yates never goes below zero: |ad - bc| <= N/2 gives 0
    assert float(chi2_yates_2x2(5, 5, 20, 20)) == 0.0


def test_tidy_table_like_quanteda():
    seg = pd.DataFrame({"text": ["Клиент звонит и звонит", "Клиент пишет письмо", "Клиент пишет в чат"],
                        "lang": "ru"})
    k = keyness(seg, [True, False, False])
    assert list(k.columns) == ["feature", "G2", "chi2", "p", "n_target", "n_reference", "log_ratio", "p_bh"]
    assert k.iloc[0]["feature"] == "звонить"  # lemmas: звонит x2 -> звонить
    assert k["G2"].is_monotonic_decreasing
    assert k.attrs["tokens_target"] == 4 and k.attrs["tokens_reference"] == 7
    # zero in the reference: log ratio uses 0.5 -> log2((2/4)/(0.5/7)) = log2(7)
    assert k.iloc[0]["log_ratio"] == pytest.approx(math.log2(7))


def test_chinese_features_and_errors():
    seg = pd.DataFrame({"text": ["客户打电话", "客户發郵件", "客户发邮件"], "lang": ["zh-Hans", "zh-Hant", "zh-Hans"]})
    k = keyness(seg, np.array([False, True, True])).set_index("feature")
    assert k.loc["发邮件", "n_target"] == 2  # 發郵件 and 发邮件 counted together via Simplified lemmas
    assert k.loc["发邮件", "n_reference"] == 0 and k.loc["客户", "n_reference"] == 1
    with pytest.raises(ValueError):
        keyness(seg, [True, True, True])
    with pytest.raises(ValueError):
        keyness(seg, [True, False])


def test_keyness_exclude_removes_selection_terms_and_their_forms():
    import pandas as pd

    from clientcomm.stats import keyness

    seg = pd.DataFrame({"text": ["Флегматик любит детали.", "С клиентами-флегматиками говорите о деталях.",
                                 "Клиент звонит утром.", "Клиент пишет письмо.", "Флегматики не спешат."],
                        "lang": "ru"})
    target = pd.Series([True, True, False, False, True])
    plain = keyness(seg, target)
    assert any("флегматик" in f for f in plain["feature"].head(3))
    k = keyness(seg, target, exclude=["флегматик*"])
    assert not any("флегматик" in f for f in k["feature"])
    # флегматик, клиентами-флегматиками (a hyphen part matches), флегматики: three tokens removed from the target
    assert k.attrs["excluded"] == {"target": 3, "reference": 0}
    assert k.attrs["tokens_target"] == plain.attrs["tokens_target"] - 3
    assert k.attrs["exclude"] == ["флегматик*"]


def test_keyness_permutation_over_units_and_bh():
    import numpy as np
    import pandas as pd

    from clientcomm.stats import keyness

    # 20 passages of 2 sentences; "detail" appears only in the 5 target passages (both sentences)
    rows = []
    for p in range(20):
        for s in range(2):
            target = p < 5
            rows.append({"passage": p, "doc_id": "a" if p % 2 else "b", "lang": "en", "target": target,
                         "text": ("we want detail " if target else "we want call ") + f"today {s}"})
    seg = pd.DataFrame(rows)
    k = keyness(seg, "target", permutations=999, unit="passage", seed=1).set_index("feature")
    # C(20,5) = 15504 ways to choose the target passages; only one puts every "detail" in the target,
    # so the exact p is 1/15504 and the Monte Carlo p is at its floor 1/1000
    assert k.loc["detail", "p_perm"] == pytest.approx(1 / 1000)
    # every passage has the same length and one "today" per sentence: G² of "today" is 0 in every
    # permutation, so p_perm = 1
    assert k.loc["today", "p_perm"] == 1.0
    assert (k["p_bh"] >= k["p"] - 1e-12).all() and "p_perm_bh" in k
    assert "permuted among units of passage" in k.attrs["method"]
    with pytest.raises(ValueError, match="same for all segments of a unit"):
        keyness(seg.assign(target=np.arange(len(seg)) == 0), "target", permutations=10, unit="passage")
    s = keyness(seg, "target", permutations=199, unit="passage", strata="doc_id", seed=0)
    assert "within doc_id" in s.attrs["method"]
