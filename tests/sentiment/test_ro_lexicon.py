"""Romanian lexicon coverage (issue 14): reviews, service complaints, online forms, and words that are not evaluations.

Every sentence here was written for this test (none is a development-set row). Labels are the engine's own
(``explain``), so the tests check the lexicon and the rule table, not the calibration.
"""
from __future__ import annotations

import pytest

from clientcomm.sentiment import explain
from clientcomm.sentiment.resources import LEXICON_DIR, fold_diacritics, norm_key


def lab(text: str) -> str:
    return explain(text, "ro").label


def lemmas(text: str) -> set[str]:
    return {h.lemma for h in explain(text, "ro").hits}


@pytest.mark.parametrize("text", [
    "Calitate slabă, nu cumpărați!",
    "Prima și ultima dată când comand de la voi.",
    "Husa a venit ciobită și deteriorată.",
    "Serviciul clienți lasă mult de dorit.",
    "Telefonul nu pornește de ieri.",
    "Nu este compatibil cu modelul meu de mașină.",
    "Produsul nu e original, e o copie ieftină.",
    "Curierul a fost un mitocan, total neprofesionist.",
    "M-am săturat să aștept, nimeni nu răspunde.",
    "O bătaie de cap de la început până la sfârșit.",
    "Filmul e previzibil și tras de păr.",
    "Ce jeg de aplicație, se închide singură.",
    "Un produs dezamagitoare, nu face nici doi bani.",
])
def test_complaints_and_bad_reviews_are_negative(text):
    assert lab(text) == "negative", explain(text, "ro").to_frame()


@pytest.mark.parametrize("text", [
    "Servire ireproșabilă și personal foarte serviabil.",
    "Peste așteptări, merită toți banii.",
    "Arată ca nou, fără cusur.",
    "Un chilipir, recomand cu drag!",
    "Sincer, e un telefon fain, m-a surprins plăcut.",
    "Actorii sunt talentați, povestea e palpitantă.",
    "O vacanță de vis, mâncarea a fost savuroasă.",
    "Livrare operativă, nimic de reproșat.",
    "Mulțumesc frumos pentru răbdare, sunteți de nota 10!",
    "Husa e de bună calitate și se potrivește perfect.",
])
def test_praise_is_positive(text):
    assert lab(text) == "positive", explain(text, "ro").to_frame()


@pytest.mark.parametrize("text", [
    "Bună ziua, vă scriu în legătură cu comanda de marți.",
    "Bună seara, la ce oră se închide magazinul?",
    "Potrivit surselor, ședința a fost mutată pe joi.",
    "Ministrul a anunțat un test pozitiv în echipă.",
    "Ne-am mutat anul trecut în alt cartier.",
    "Caut o placă video pentru calculatorul de acasă.",
    "Învățământul superior are un nou regulament.",
    "Am văzut reclama la televizor aseară.",
])
def test_greetings_and_polysemous_words_are_not_evaluations(text):
    assert lab(text) == "neutral", explain(text, "ro").to_frame()


@pytest.mark.parametrize("with_marks, without", [
    ("Sunt dezamăgitoare bateriile.", "Sunt dezamagitoare bateriile."),
    ("O doamnă haioasă și săritoare.", "O doamna haioasa si saritoare."),
    ("Aplicația e nefuncțională.", "Aplicatia e nefunctionala."),
    ("Ce țeapă, m-au țepuit.", "Ce teapa, m-au tepuit."),
])
def test_inflected_forms_match_with_and_without_diacritics(with_marks, without):
    a, b = explain(with_marks, "ro"), explain(without, "ro")
    assert a.hits and b.hits
    assert a.label == b.label != "neutral"
    assert sorted(h.lemma for h in a.hits) == sorted(h.lemma for h in b.hits)


def test_cedilla_and_comma_below_spellings_are_the_same_word():
    comma = explain("Ce jecmăneală și ce nesimțire!", "ro")
    cedilla = explain("Ce jecmăneală şi ce nesimţire!", "ro")
    assert comma.score == cedilla.score < 0


def test_negated_phrases():
    assert lab("Nu e rău deloc.") == "positive"
    assert lab("Nu face față la sarcini grele.") == "negative"
    ok = explain("Funcționează cum trebuie.", "ro")
    bad = explain("Nu funcționează cum trebuie.", "ro")
    assert ok.label == "positive" and bad.label == "negative"


def test_fixed_negative_phrase_is_not_negated_twice():
    r = explain("Nu cumpărați de aici.", "ro")
    assert len(r.hits) == 1 and r.hits[0].lemma.startswith("nu cumpar") and "negated" not in r.hits[0].rules
    assert r.label == "negative"


def test_online_abbreviation_and_diminishers_change_degree():
    base = explain("E bun.", "ro").score
    assert explain("E f bun.", "ro").score > base
    scump = explain("E scump.", "ro").score
    assert scump < explain("E un pic scump.", "ro").score < 0


def test_only_problem_is_a_minor_reservation():
    r = explain("Telefon excelent, singura problemă e husa.", "ro")
    assert r.label == "positive" and "singur problema" in lemmas("Singura problemă e husa.")


def test_apology_is_milder_than_bad():
    assert explain("Îmi pare rău.", "ro").score > explain("E rău.", "ro").score


def test_lexicon_file_has_no_entry_twice_after_folding():
    """Two lines that fold to the same key (e.g. with and without diacritics) would silently override each other."""
    seen: dict[str, str] = {}
    dupes = []
    with open(LEXICON_DIR / "ro.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip() or line.startswith("term\t"):
                continue
            term = line.split("\t")[0]
            key = norm_key(term, "ro")
            if key in seen:
                dupes.append((seen[key], term))
            seen[key] = term
    assert not dupes
    assert fold_diacritics("țeapă") == "teapa"
