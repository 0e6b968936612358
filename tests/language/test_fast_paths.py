"""The fast paths of language detection give exactly what their plain definitions give (issue 13).

Each test compares a faster implementation with a slow reference written here
from the definition, on our own sentences (no development-set rows).
"""
from __future__ import annotations

import numpy as np
import pytest

from clientcomm.language import detector
from clientcomm.language._ngram import _word_ngrams, ngram_model
from clientcomm.language.scripts import _letters_only_by_char, char_script, letters_only, script_counts

SENTENCES = [
    "Спасибо, заказ пришёл вовремя, курьер был вежлив.",
    "Дякую, все прийшло вчора ввечері.",
    "Пакетът пристигна вчера следобед.",
    "Mulțumesc frumos, coletul a ajuns ieri!",
    "L'ordine è arrivato in ritardo, ma va bene così.",
    "C'est l'heure d'appeler le service client, n'est-ce pas ?",
    "El pedido llegó tarde y la caja estaba rota.",
    "'Quoted' start and a trailing ' apostrophe, rock’n’roll ʼtwo",
    "Сайт www.primer.ru и почта info@primer.ru не работают",
    "Check https://example.com/path?x=1 or write to a.b@example.org today.",
    "Да", "ok", "12:30 👍", "",
    "Ce mai faci? 你好 Привет",
]


def _word_ngrams_reference(w: str) -> list[str]:
    out, s = [], " " + w + " "
    for i in range(1, len(s)):
        if s[i] != " ":
            out.append(s[i])
        out.append(s[i - 1:i + 1])
        if i >= 2:
            out.append(s[i - 2:i + 1])
    return out


@pytest.mark.parametrize("word", ["a", "da", "мама", "l'art", "clienții", "xyz" * 5])
def test_word_ngrams_in_langdetect_order(word):
    assert _word_ngrams(word) == _word_ngrams_reference(word)


def test_loglik_sums_the_rows_one_after_the_other():
    model = ngram_model(("en", "fr", "it", "ro"))
    for text in SENTENCES:
        idx = model._rows_of(text)
        ll, n = model.loglik(text)
        assert n == len(idx)
        if idx:
            expected = [sum(model.logp[idx, j].tolist()) for j in range(len(model.languages))]
            assert ll.tolist() == expected  # to the last bit


@pytest.mark.parametrize("languages", [("ru",), ("hr", "ru"), ("bg", "hr", "mk", "ru", "uk"), ("en", "fr", "it", "ro")])
def test_loglik_of_one_column_is_that_column_of_loglik(languages):
    model = ngram_model(languages)
    for text in SENTENCES + ["Ljubav je spremna", "Любоў і ёлка", "Қазақстан өте әдемі"]:
        ll, n = model.loglik(text)
        for col in range(len(languages)):
            one, m = model.loglik_of(text, col)
            assert m == n and np.float64(one).tobytes() == ll[col].tobytes(), (languages, text, col)


TRICKY = ["ЉУБАВ и Љубав", "Мы хочам у свае пахучыя лясы", "Қазақстан өте әдемі", "a\u00a0b\tc\u2028d  e",
          "don't stop—rock’n’roll ʼtwo", "I  O  U", "x", "   ", "ЛЮБОВЬ НЕ ЗНАЕТ ГРАНИЦ"]


@pytest.mark.parametrize("languages", [("bg", "hr", "mk", "ru", "uk"), ("en", "fr", "it", "ro")])
def test_rows_are_the_rows_of_the_ngrams_in_order(languages):
    from clientcomm.language._ngram import ngrams

    model = ngram_model(languages)
    for text in SENTENCES + TRICKY:
        expected = [r for r in map(model.index.get, ngrams(text)) if r is not None]
        assert model._rows_of(text) == expected, text


@pytest.mark.parametrize("name", ["", "sr", "be", "kk"])
def test_token_rows_are_the_rows_of_the_whole_text(name):
    from clientcomm.language.detector import _PROXIES

    model = ngram_model(("bg", "hr", "mk", "ru", "uk"))
    for text in SENTENCES + TRICKY + SENTENCES:  # the second time from the token cache
        moved = text.translate(_PROXIES[name][1]) if name else text
        assert model.token_rows(moved.split()) == model.rows(moved), (name, text)


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("script", ["Latn", "Cyrl", "Hani", "Zyyy"])
def test_letters_only_matches_its_definition(text, script):
    assert letters_only(text, script) == _letters_only_by_char(text, script)


@pytest.mark.parametrize("text", SENTENCES)
def test_script_counts_matches_its_definition(text):
    scripts = [s for s in map(char_script, text) if s is not None]
    expected = {}
    for s in scripts:
        expected[s] = expected.get(s, 0) + 1
    expected = dict(sorted(expected.items(), key=lambda kv: -kv[1]))  # stable: ties keep first-seen order
    assert list(script_counts(text).items()) == list(expected.items())


@pytest.mark.parametrize("text", SENTENCES)
def test_url_pattern_without_at_removes_the_same(text):
    assert detector._strip_urls(text) == detector._URL.sub(" ", text)


@pytest.mark.parametrize("text", [s for s in SENTENCES if detector.dominant_script(s) in ("Latn", "Cyrl")])
def test_skipped_word_list_lookups_leave_top_two_and_margin(text):
    script = detector.dominant_script(text)
    cands, extra = detector.CANDIDATES[script], detector.EXTRA_CANDIDATES.get(script, ())
    if script == "Cyrl":
        text = detector.fix_homoglyphs(text)
    _, fast = detector._scores(text, script, cands, extra)
    _, full = detector._scores(text, script, cands, extra, always_lexicon=True)
    order_fast, order_full = np.argsort(-fast, kind="stable"), np.argsort(-full, kind="stable")
    assert list(order_fast[:2]) == list(order_full[:2])
    margin_fast = fast[order_fast[0]] - fast[order_fast[1]]
    margin_full = full[order_full[0]] - full[order_full[1]]
    if margin_fast != margin_full:  # only when the term was skipped because the margin is sure anyway
        assert min(margin_fast, margin_full) >= detector.SURE_MARGIN


def test_contenders_keep_every_candidate_that_could_reach_the_top_two():
    base = np.array([10.0, 9.0, -15.0, 8.5, -100.0])
    # the term adds at most 8 per word (3 words: 24; slack 1): -15 + 25 reaches 9, -100 does not
    assert detector._contenders(base, (0, 1, 2, 3, 4), 3) == (0, 1, 2, 3)
    assert detector._contenders(base, (0, 1, 2, 3, 4), 1) == (0, 1, 3)


@pytest.mark.parametrize("text", SENTENCES + ["кептiру барысында бiрнеше рет", "Заказ via WhatsApp пришёл"])
def test_homoglyph_fix_skips_only_texts_without_look_alikes(text):
    from clientcomm.language.letters import _LATIN_TO_CYRILLIC, _MIXED_WORD, fix_homoglyphs

    assert fix_homoglyphs(text) == _MIXED_WORD.sub(lambda m: m.group(0).translate(_LATIN_TO_CYRILLIC), text)


@pytest.mark.parametrize("word", ["a", "da", "мама", "l'art", "clienții", "xyz" * 5])
def test_window_grams_are_the_ngrams_in_order(word):
    from clientcomm.language._ngram import _window_grams

    s = "  " + word + " "
    windows = [s[i - 2:i + 1] for i in range(2, len(s))]
    assert [g for w in windows for g in _window_grams(w)] == _word_ngrams_reference(word)


@pytest.mark.parametrize("script", ["Latn", "Cyrl"])
def test_script_letters_match_their_definition(script):
    for text in SENTENCES + TRICKY + ["ÎNCĂ ȘI ÎNCĂ, Ţară", "İstanbul ŁÓDŹ straße", "ЁЛКА Ўсё Ґанок"]:
        lower = set(text.lower())
        if script == "Latn":
            expected = {c for c in lower if c > "\x7f" and c.isalpha() and char_script(c) == "Latn"}
        else:
            expected = {c for c in lower if c.isalpha() and char_script(c) == script}
        assert detector._script_letters(text, script) == expected, text


@pytest.mark.parametrize("script", ["Latn", "Cyrl"])
def test_langid_scores_are_the_values_of_rank(script):
    cands, extra = detector.CANDIDATES[script], detector.EXTRA_CANDIDATES.get(script, ())
    for languages in (cands + extra, ("ro", "en", "de"), ("be", "kk"), ("ru", "sr")):
        plan = detector._plan(languages, ())
        for text in SENTENCES + TRICKY:
            ranked = dict(plan.langid.rank(text.lower()))
            low = min(ranked.values()) - 50.0 if ranked else 0.0
            expected = np.array([ranked.get(lang, low) for lang in plan.langs])
            assert detector._langid_scores(plan, text.lower()).tobytes() == expected.tobytes(), (languages, text)


def test_top_two_shortcuts_match_a_full_sort():
    rng = np.random.default_rng(7)
    for size in (2, 3, 8, 31):
        for _ in range(50):
            base = np.round(rng.normal(-300, 40, size), 1)
            first, second = np.sort(base)[::-1][:2]
            n_words = int(rng.integers(1, 5))
            limit = detector.LEXICON_BONUS * min(n_words, 3) + detector.SURE_MARGIN + 1.0
            assert detector._lexicon_may_matter(base, n_words) == (float(first - second) < limit)
            if size >= 3:
                reach = detector.LEXICON_BONUS * min(n_words, 3) + 1.0
                assert detector._contenders(base, tuple(range(size)), n_words) == tuple(
                    k for k in range(size) if base[k] + reach >= second)


@pytest.mark.parametrize("text", SENTENCES + TRICKY + ["我们發現這個问题 OK Привет", "한국어 텍스트 漢字 and kana カタカナ", "\ue000\ue001 x"])
def test_script_counts_match_their_definition(text):
    from collections import Counter

    c = Counter(map(char_script, text))
    c.pop(None, None)
    assert list(script_counts(text).items()) == c.most_common()


@pytest.mark.parametrize("text", ["我们发现这个问题", "我們發現這個問題", "这是國語", "中文 abc", ""])
def test_variant_counts_match_their_definition(text):
    from clientcomm.language.hanzi import han_sets, variant_counts

    simp, trad = han_sets()
    assert variant_counts(text) == (sum(ch in simp for ch in text), sum(ch in trad for ch in text))


@pytest.mark.parametrize("name", ["sr", "be", "kk"])
def test_proxy_spelling_tables_translate_as_the_plain_tables(name):
    table = detector._PROXIES[name][1]
    plain = dict(table.items())  # the entries only (it may have remembered identities: harmless)
    for text in SENTENCES + TRICKY:
        moved = text.translate(plain)
        assert text.translate(table) == moved
        assert (table.letters.search(text) is not None) == (moved != text), text


def test_script_counts_know_the_script_of_every_character():
    chars = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000)
    expected: dict = {}
    for ch in chars:
        script = char_script(ch)
        if script is not None:
            expected[script] = expected.get(script, 0) + 1
    assert script_counts(chars) == dict(sorted(expected.items(), key=lambda kv: -kv[1]))


@pytest.mark.parametrize("text", SENTENCES + TRICKY + ["Клааааас!!! Sooo good", "ок...", "aaa", "1112", "\n\n\nx"])
def test_triple_scan_finds_every_elongation(text):
    from clientcomm.matching import collapse_elongation

    if collapse_elongation(text) != text:
        assert detector._TRIPLE.search(text)


@pytest.mark.parametrize("languages", [("bg", "hr", "mk", "ru", "uk"), ("en", "fr", "it", "ro")])
def test_one_token_rows_are_its_rows(languages):
    model = ngram_model(languages)
    for text in SENTENCES + TRICKY + ["stop—rock", "ÎNCĂ", "A", "x'y", "Ljubav", "ЉУБАВ", "İSTANBUL", "3d", "—"]:
        for token in text.split():
            assert model._one_token_rows(token) == model.rows(token), token
