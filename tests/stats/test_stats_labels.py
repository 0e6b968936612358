"""label_tests: one presence/absence test per label, BH across the family, clusters permuted, reasons in words."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clientcomm.stats import label_tests


@pytest.fixture()
def passages():
    # 3 documents in ru (two) and ro; phlegmatic only in document a
    return pd.DataFrame({
        "doc_id": ["a"] * 6 + ["b"] * 6 + ["c"] * 6,
        "lang": ["ru"] * 12 + ["ro"] * 6,
        "temperaments": ["phlegmatic"] * 4 + [""] * 2 + [""] * 6 + [""] * 6,
        "channels": ["phone;email", "email", "", "", "phone", ""] + ["phone", "", "", "", "", ""]
                    + ["web", "web", "", "phone", "", ""],
    })


def test_presence_absence_counts_and_methods(passages):
    t = label_tests(passages, "channels", "lang", unit="passages").set_index("label")
    assert list(t.index) == ["email", "phone", "web"]
    # a passage naming phone and e-mail is counted once in each label's own test
    assert t.loc["email", "counts"] == "ro 0/6 · ru 2/12"
    assert t.loc["phone", "counts"] == "ro 1/6 · ru 3/12"
    assert t.loc["email", "method"].startswith("Fisher's exact")
    assert (t["unit"].str.startswith("passages (presence/absence per unit), assumed independent")).all()
    # BH over 3 computed tests
    ps = t["p"].to_numpy()
    order = np.argsort(ps)
    assert t["p_bh"].to_numpy()[order[-1]] == pytest.approx(ps[order[-1]])
    assert (t["p_bh"] >= t["p"] - 1e-12).all()
    assert t.attrs["n_tests"] == 3


def test_document_clusters_are_permuted(passages):
    t = label_tests(passages, "temperaments", "lang", cluster="doc_id", unit="passages").set_index("label")
    r = t.loc["phlegmatic"]
    # 3 documents, languages {ru, ru, ro}: 3 arrangements; the observed (a in ru) and a-in-ro... p = exact
    assert "exact permutation test" in r["method"] and "3 arrangements" in r["method"]
    assert "doc_id" in r["unit"]
    assert r["p"] >= 1 / 3
    assert r["result"].startswith("p = ")


def test_label_pairs_when_by_is_multilabel_and_reasons(passages):
    t = label_tests(passages, "temperaments", "channels", unit="passages")
    assert list(t["by"]) == ["channels: email", "channels: phone", "channels: web"]
    web = t.set_index("by").loc["channels: web"]
    assert web["counts"] == "with web 0/2 · without 4/16"
    none = label_tests(passages.assign(temperaments=""), "temperaments", "lang", label_values=["choleric"])
    assert none.loc[0, "result"] == "not tested: no unit names choleric"
    assert np.isnan(none.loc[0, "p"]) and none.attrs["n_tests"] == 0
    one = label_tests(passages[passages["lang"] == "ru"], "temperaments", "lang", unit="passages", by_name="language")
    assert one.loc[0, "result"] == "not tested: only one language (ru) in the data: nothing to compare"
