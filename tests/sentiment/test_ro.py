"""Romanian rules with real sentences: negation (nu, n-, fără, nici), contrast, intensifiers, corpus."""
from __future__ import annotations

import re

import pytest

from clientcomm.sentiment import explain


def lab(text: str) -> str:
    return explain(text, "ro").label


def test_negation_flips():
    assert lab("Produsul este bun.") == "positive"
    assert lab("Produsul nu este bun.") == "negative"
    assert lab("N-am fost mulțumit de livrare.") == "negative"
    assert lab("Am primit coletul fără probleme.") == "positive"
    assert lab("Nici nu se compară, e mult mai prost") == "negative"


def test_text_without_diacritics():
    r = explain("husa e proasta, nu o recomand", "ro")
    assert r.label == "negative"
    assert {h.lemma for h in r.hits} >= {"prost", "recomanda"}
    assert lab("sunt foarte multumita de produs") == "positive"


def test_contrast_weighting():
    a = explain("Sunetul este bun, dar bateria este slabă.", "ro")
    b = explain("Bateria e slabă, dar sunetul e excelent.", "ro")
    assert a.label == "negative" and b.label == "positive"
    assert "before_contrast" in a.hits[0].rules and "after_contrast" in a.hits[-1].rules


def test_intensifiers_and_diminishers():
    base = explain("Telefonul este bun", "ro").score
    assert explain("Telefonul este foarte bun", "ro").score > base
    assert explain("Telefonul este cam bun", "ro").score < base


def test_review_phrases():
    assert lab("Nu recomand, s-a stricat după o săptămână.") == "negative"
    assert lab("Livrare rapidă, produs excelent, recomand!") == "positive"
    assert lab("Ministrul Economiei vrea un avion sută la sută românesc") == "neutral"


@pytest.fixture(scope="module")
def ro_corpus_text() -> str:
    import clientcomm

    docs = clientcomm.load_corpus()
    ro = docs[docs["declared_lang"] == "ro"]
    assert not ro.empty, "the bundled corpus lost its Romanian document (corpora/)"
    return "\n".join(ro["clean_text"])


def _sentence_with(text: str, fragment: str) -> str:
    m = re.search(r"[^.!?\n]*" + re.escape(fragment) + r"[^.!?\n]*[.!?]?", text)
    assert m, f"corpus no longer contains {fragment!r}"
    return m.group().strip()


def test_corpus_intensifier(ro_corpus_text):
    r = explain(_sentence_with(ro_corpus_text, "este foarte dificil"), "ro")
    assert r.label == "negative" and "intensified" in r.hits[0].rules


def test_corpus_negation(ro_corpus_text):
    r = explain(_sentence_with(ro_corpus_text, "asta nu ajută"), "ro")
    assert r.label == "negative" and "negated" in r.hits[0].rules
