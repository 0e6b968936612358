from clientcomm.language.scripts import char_script, dominant_script, letters_only, script_counts


def test_char_script_letters_and_non_letters():
    assert [char_script(c) for c in "жăд中가あア7!"] == ["Cyrl", "Latn", "Cyrl", "Hani", "Hang", "Hira", "Kana", None, None]


def test_script_counts_mixed_text():
    assert script_counts("Клиент написал: ok") == {"Cyrl": 13, "Latn": 2}


def test_dominant_script_cjk_mixtures():
    assert dominant_script("今日は天気がいいですね。") == "Jpan"
    assert dominant_script("오늘 날씨가 좋네요.") == "Hang"
    assert dominant_script("大韓民國 국회") == "Kore"
    assert dominant_script("今天天气很好。") == "Hani"
    assert dominant_script("😀 12:30 !!!") == "Zyyy"


def test_letters_only_blanks_other_scripts():
    assert letters_only("Заказ №5 via WhatsApp", "Cyrl").split() == ["Заказ"]
