"""Engine behaviour common to all languages, as properties of the rules (not a copy of the formula).

Every sentence here is written for the test. Expected values follow the
documentation of the rules in ``clientcomm/sentiment/engine.py`` and the
constants of each language's rule table, read through ``rule_table``.
"""
from __future__ import annotations

import itertools

import pandas as pd
import pytest

from clientcomm.sentiment import explain, score_sentiment
from clientcomm.sentiment.engine import label_for, score_text
from clientcomm.sentiment.resources import RuleTable, lang_code, lexicon_names, read_lexicon, rule_table
from clientcomm.sentiment.rules import elongation_candidates, find_emoticons, is_shouted
from clientcomm.tokens import TokenizedText

TEXTS = ["Спасибо, всё отлично решили!", "Никто не перезвонил, ужасный сервис",
         "Produs excelent, livrare rapidă", "Banca are un sediu nou în centru."]
LANGS = ["ru", "ru", "ro", "ro"]

#: (language, plain sentence with one positive word, the same negated, the same intensified)
POSITIVE_FORMS = [
    ("ru", "Сервис хороший.", "Сервис не хороший.", "Сервис очень хороший."),
    ("ro", "Serviciul este bun.", "Serviciul nu este bun.", "Serviciul este foarte bun."),
    ("en", "The service is good.", "The service is not good.", "The service is very good."),
]
NEGATIVE_FORMS = [
    ("ru", "Сервис плохой.", "Сервис не плохой.", "Сервис очень плохой."),
    ("en", "The service is bad.", "The service is not bad.", "The service is very bad."),
]
#: sentences of every kind (mixed, negated, contrast, neutral, emoji) to which words are added
BASES = {
    "ru": ["Доставка опоздала, но курьер вежливый.", "Никто не перезвонил.", "Приложение обновили вчера.",
           "Хотя цены высокие, качество хорошее.", "Оператор не очень помог. 😕"],
    "ro": ["Comanda a întârziat, dar curierul a fost amabil.", "Nimeni nu a sunat înapoi.",
           "Aplicația a fost actualizată ieri."],
    "en": ["The parcel was late, but the courier was polite.", "Nobody called me back.",
           "The app was updated yesterday."],
}
POSITIVE_SENTENCES = {"ru": ["Спасибо.", "Всё отлично!"], "ro": ["Mulțumesc.", "Excelent!"],
                      "en": ["Thank you.", "Great!"]}
NEGATIVE_SENTENCES = {"ru": ["Ужасно.", "Очень плохо!"], "ro": ["Groaznic.", "Foarte rău!"],
                      "en": ["Terrible.", "Very bad!"]}


def test_output_columns_and_index_alignment():
    s = pd.Series(TEXTS, index=[10, 11, 12, 13])
    out = score_sentiment(s, lang=pd.Series(LANGS, index=[0, 1, 2, 3]))
    assert list(out.columns) == ["sentiment", "sentiment_label", "sentiment_hits", "p_negative", "p_neutral",
                                 "p_positive", "sentiment_lang"]
    assert list(out.index) == [10, 11, 12, 13]
    assert list(out["sentiment_label"]) == ["positive", "negative", "positive", "neutral"]
    assert out["sentiment"].between(-1, 1).all()


def test_string_and_list_inputs():
    assert score_sentiment("Foarte mulțumit, recomand!", lang="ro")["sentiment_label"].iloc[0] == "positive"
    assert len(score_sentiment(TEXTS, lang=LANGS)) == 4
    with pytest.raises(ValueError):
        score_sentiment(TEXTS, lang=["ru"])


# -- properties of the score ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", sorted(BASES))
def test_adding_a_positive_sentence_never_lowers_the_score(lang):
    for base, extra in itertools.product(BASES[lang], POSITIVE_SENTENCES[lang]):
        before, after = explain(base, lang), explain(f"{base} {extra}", lang)
        assert after.score >= before.score, (base, extra)
        assert after.sum > before.sum, (base, extra)  # the new sentence adds a positive hit


@pytest.mark.parametrize("lang", sorted(BASES))
def test_adding_a_negative_sentence_never_raises_the_score(lang):
    for base, extra in itertools.product(BASES[lang], NEGATIVE_SENTENCES[lang]):
        assert explain(f"{base} {extra}", lang).score <= explain(base, lang).score, (base, extra)


@pytest.mark.xfail(strict=True, reason="known: an emoji without punctuation does not end the clause, so the "
                   "negator before it reaches the next sentence's first word (left to the sentiment rules' owner)")
def test_an_emoji_ends_the_negation_scope():
    base = "Оператор не очень помог 😕"
    assert explain(f"{base} Спасибо.", "ru").score >= explain(base, "ru").score


@pytest.mark.parametrize("lang,plain,negated,_", POSITIVE_FORMS + NEGATIVE_FORMS)
def test_negation_flips_the_sign(lang, plain, negated, _):
    p, n = explain(plain, lang), explain(negated, lang)
    assert p.score != 0 and n.score * p.score < 0
    assert "negated" in n.hits[0].rules and n.hits[0].lemma == p.hits[0].lemma


@pytest.mark.parametrize("lang,plain,_,intensified", POSITIVE_FORMS + NEGATIVE_FORMS)
def test_an_intensifier_increases_the_magnitude(lang, plain, _, intensified):
    p, i = explain(plain, lang), explain(intensified, lang)
    assert abs(i.score) > abs(p.score) and i.score * p.score > 0
    assert i.hits[0].rules[:1] == ["intensified"]


def test_score_is_a_squashed_sum_that_keeps_sign_and_order():
    """score ∈ (−1, 1), same sign as the sum of the hits, and increasing with that sum."""
    texts = [t for forms in POSITIVE_FORMS + NEGATIVE_FORMS for t in forms[1:]] + BASES["en"]
    results = [explain(t, "en" if t[0].isascii() else ("ro" if "Serv" in t else "ru")) for t in texts]
    for r in results:
        assert -1 < r.score < 1
        assert (r.score > 0) == (r.sum > 0) and (r.score < 0) == (r.sum < 0)
        assert r.sum == pytest.approx(sum(h.weight_after_rules for h in r.hits), abs=1e-3)
    by_sum = sorted(results, key=lambda r: r.sum)
    assert all(a.score <= b.score for a, b in zip(by_sum, by_sum[1:]))


# -- known outputs, from the rules' documentation ------------------------------------------------

def test_documented_rule_factors_on_single_words():
    t = rule_table("ru")
    (plain,) = explain("Сервис хороший.", "ru").hits
    assert (plain.term, plain.lemma, plain.rules) == ("хороший", "хороший", [])
    assert plain.weight_after_rules == plain.valence  # no rule fired: the lexicon valence itself
    (neg,) = explain("Сервис не хороший.", "ru").hits
    assert neg.weight_after_rules == pytest.approx(plain.valence * t.NEGATION_FACTOR, abs=1e-4)
    (inten,) = explain("Сервис очень хороший.", "ru").hits
    assert inten.weight_after_rules == pytest.approx(plain.valence * (1 + t.INTENSIFIERS["очень"]), abs=1e-4)


def test_contrast_and_concession_move_weight_to_the_main_clause():
    t = rule_table("ru")
    good, bad = explain("Сервис хороший, но доставка ужасная.", "ru").hits
    assert (good.rules, bad.rules) == (["before_contrast"], ["after_contrast"])
    assert good.weight_after_rules == pytest.approx(good.valence * t.CONTRAST_WEIGHT_BEFORE, abs=1e-4)
    assert bad.weight_after_rules == pytest.approx(bad.valence * t.CONTRAST_WEIGHT, abs=1e-4)
    good, bad = explain("Хотя сервис хороший, доставка ужасная.", "ru").hits
    assert (good.rules, bad.rules) == (["concessive"], [])
    assert good.weight_after_rules == pytest.approx(good.valence * t.CONTRAST_WEIGHT_BEFORE, abs=1e-4)


def test_negated_intensifier_is_weaker_than_the_opposite_word():
    r = explain("Обслуживание не очень хорошее, но сотрудник вежливый!", "ru")
    assert [h.lemma for h in r.hits] == ["хороший", "вежливый"]
    assert r.hits[0].rules == ["negated_intensifier", "negated", "before_contrast", "exclamation"]
    assert r.hits[1].rules == ["after_contrast", "exclamation"]
    assert -r.hits[0].valence < r.hits[0].weight_after_rules < 0 and r.label == "positive"


def test_hit_offsets_point_into_the_text():
    text = "Приложение удобное, но поддержка ужасная"
    for h in explain(text, "ru").hits:
        assert text[h.start:h.end] == h.term


def test_unknown_language_and_empty_text_are_neutral_without_error():
    out = score_sentiment(["Das ist wunderbar", "", None], lang=["de", "ru", "ro"])
    assert list(out["sentiment"]) == [0.0, 0.0, 0.0]
    assert list(out["sentiment_label"]) == ["neutral"] * 3


def test_language_detected_when_not_given():
    out = score_sentiment(["Спасибо большое, сотрудники очень вежливые и всё быстро сделали"])
    assert out["sentiment_label"].iloc[0] == "positive"


def test_shared_tokens_give_the_same_result_and_must_match_the_text():
    for lang, *forms in POSITIVE_FORMS:
        for text in forms:
            assert score_text(text, lang, tokens=TokenizedText(text)) == score_text(text, lang)
    with pytest.raises(ValueError, match="another text"):
        score_text("Сервис хороший.", "ru", tokens=TokenizedText("Сервис плохой."))


def test_deterministic():
    a = score_sentiment(TEXTS * 3, lang=LANGS * 3)
    b = score_sentiment(TEXTS * 3, lang=LANGS * 3)
    pd.testing.assert_frame_equal(a, b)


def test_emoji_and_chat_smileys():
    found = [m[0] for m in find_emoticons("Спасибо))) 👍 но связь :( http://x.ru/a:/b", {})]
    assert found == [")))", "👍", ":("]
    r = explain("Оформили карту за 10 минут 👍", "ru")
    assert [h.rules for h in r.hits] == [["emoji"]] and r.label == "positive"


def test_exclamation_and_caps_and_elongation_amplify():
    plain = explain("Сервис отличный", "ru").score
    assert explain("Сервис отличный!!!", "ru").score > plain
    assert explain("Сервис ОТЛИЧНЫЙ, правда", "ru").hits[0].rules == ["caps"]
    assert explain("Сервис отличныйййй", "ru").hits[0].rules == ["elongated"]
    assert elongation_candidates("superrrr") == ["superr", "super"]
    assert is_shouted("УЖАС", "это УЖАС просто") and not is_shouted("УЖАС", "УЖАС")


def test_binary_mode_has_no_neutral():
    out = score_sentiment(["Banca are un sediu nou în centru.", "Produs excelent"], lang="ro", binary=True)
    assert set(out["sentiment_label"]) <= {"positive", "negative"}


def test_label_band():
    t = RuleTable(code="x", NEUTRAL_BAND=(-0.1, 0.2))
    assert [label_for(v, t) for v in (-0.2, 0.0, 0.2, 0.3)] == ["negative", "neutral", "neutral", "positive"]


def test_lang_mapping():
    assert [lang_code(x) for x in ("ru", "ro", "zh-Hans", "zh-Hant", "yue", "en-GB", "de", None)] == \
        ["ru", "ro", "zh", "zh", "zh", "en", None, None]
    assert lexicon_names("zh-Hant") == ("zh", "zh_yue") and lexicon_names("zh-Hans") == ("zh",)


def test_read_lexicon_validates(tmp_path):
    p = tmp_path / "x.tsv"
    p.write_text("# test\nterm\tvalence\tnotes\nхороший\t2\t\nплохой\t9\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="outside"):
        read_lexicon(p, "ru")
    p.write_text("# test\nterm\tvalence\tnotes\nхороший\t2\tgeneral\n", encoding="utf-8")
    assert read_lexicon(p, "ru") == {"хороший": (2.0, "хороший")}
