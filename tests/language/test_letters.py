import pytest

from clientcomm.language.letters import (alphabet_violations, alphabets, fix_homoglyphs, function_word_hits,
                                         function_words, unique_letter_hits, words)


def test_data_files_cover_the_cyrillic_and_latin_candidates():
    assert {"ru", "uk", "be", "bg", "mk", "sr", "kk", "ro", "it", "es", "pt", "fr", "ca", "en", "pl"} <= set(alphabets())
    assert set(function_words()) == set(alphabets())


@pytest.mark.parametrize("text, lang", [
    ("Ґудзик і їжак на подвір'ї", "uk"),
    ("Мы ўжо дома", "be"),
    ("Қазақстан Республикасы", "kk"),
    ("Ђорђе и ћерка", "sr"),
    ("Ѓорѓи и ќерката", "mk"),
    ("Mulțumesc, țară și încă ceva", "ro"),
    ("Mulţumesc, ţară şi încă ceva", "ro"),  # cedilla forms
    ("Dziękuję, że jesteś", "pl"),
    ("Não é possível", "pt"),
    ("Mañana será otro día", "es"),
])
def test_unique_letters(text, lang):
    assert lang in unique_letter_hits(text)


def test_alphabet_violations():
    assert alphabet_violations("Это очень хорошо", "ru") == 0
    assert alphabet_violations("Это очень хорошо", "uk") == 1  # э
    assert alphabet_violations("Това е съобщение", "mk") == 2  # ъ щ
    assert alphabet_violations("Vă mulțumim pentru răbdare", "it") == 2  # ă ț
    assert alphabet_violations("Vă mulțumim pentru răbdare", "ro") == 0


def test_homoglyphs_inside_cyrillic_words_only():
    assert fix_homoglyphs("бiрнеше рет, iPhone") == "бірнеше рет, iPhone"


def test_words_and_function_word_hits():
    toks = words("Aşa că nu ştiu, 100% sigur.")
    assert toks == ["așa", "că", "nu", "știu", "sigur"]
    assert function_word_hits(toks, "ro") == 4  # așa că nu știu
    assert function_word_hits(words("Je ne sais pas, mais c'est bien."), "fr") >= 4


def test_bulgarian_hard_sign_rules_out_russian():
    from clientcomm.language.letters import orthography_violations

    assert orthography_violations("Пакетът пристигна вчера следобед.", "ru") == 1
    assert orthography_violations("Пакетът пристигна вчера следобед.", "bg") == 0
    assert orthography_violations("Подъезд и объявление", "ru") == 0  # ъ before е/я is Russian


def test_chat_elongation_is_collapsed():
    from clientcomm.language.letters import collapse_elongation

    assert collapse_elongation("Нууууу, понятно! Супееееер") == "Ну, понятно! Супер"
    assert collapse_elongation("Mulțumesc fooooarte mult") == "Mulțumesc foarte mult"
