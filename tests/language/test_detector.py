import pandas as pd
import pytest

from clientcomm.language import detect_language, detect_one, explain


@pytest.mark.parametrize("text, lang", [
    ("Добрый день! Подскажите, пожалуйста, когда придёт мой заказ?", "ru"),
    ("Добрий день! Підкажіть, будь ласка, коли прийде моє замовлення?", "uk"),
    ("Добры дзень! Падкажыце, калі ласка, калі прыйдзе мая замова?", "be"),
    ("Добър ден! Кажете ми, моля, кога ще пристигне поръчката ми?", "bg"),
    ("Добар ден! Кажете ми, ве молам, кога ќе пристигне мојата нарачка?", "mk"),
    ("Добар дан! Реците ми, молим вас, када ће стићи моја поруџбина?", "sr"),
    ("Қайырлы күн! Тапсырысым қашан келетінін айтып жібересіз бе?", "kk"),
    ("Bună ziua! Îmi puteți spune când ajunge comanda mea?", "ro"),
    ("Buongiorno! Mi può dire quando arriva il mio ordine?", "it"),
    ("¡Buenos días! ¿Me puede decir cuándo llega mi pedido?", "es"),
    ("Bom dia! Pode dizer-me quando chega a minha encomenda?", "pt"),
    ("Bonjour ! Pouvez-vous me dire quand ma commande arrivera ?", "fr"),
    ("Bon dia! Em podeu dir quan arribarà la meva comanda?", "ca"),
    ("Good morning! Could you tell me when my order will arrive?", "en"),
    ("Dzień dobry! Czy może mi pan powiedzieć, kiedy przyjdzie moje zamówienie?", "pl"),
    ("您好！请问我的订单什么时候到？", "zh-Hans"),
    ("您好！請問我的訂單什麼時候到？", "zh-Hant"),
    ("こんにちは。注文はいつ届きますか？", "ja"),
    ("안녕하세요. 주문이 언제 도착하나요?", "ko"),
])
def test_customer_messages(text, lang):
    assert detect_one(text)[0] == lang


@pytest.mark.parametrize("text", ["", "   ", "12345 678", "😀👍🔥", "https://example.com/order?id=5",
                                  "www.rb.ru", "info@example.com", "ok", "!!!", "№ 5, 7/8"])
def test_und_cases(text):
    assert detect_one(text) == ("und", 0.0, detect_one(text)[2])


def test_chinese_without_kana_or_hangul_is_never_ja_or_ko():
    # Raw langdetect calls Traditional Chinese Korean; the script rule must not.
    for text in ["客戶要求提前交貨，我們需要重新安排時間。", "這個問題我們明天再談。", "謝謝"]:
        assert detect_one(text)[0].startswith("zh")


def test_variant_never_from_langdetect_codes():
    assert detect_one("这个问题")[0] == "zh-Hans"
    assert detect_one("這個問題")[0] == "zh-Hant"
    assert detect_one("中文人口")[0] == "zh"  # no distinguishing character


def test_romanian_cedilla_and_comma_forms_agree():
    assert detect_one("Aşteptăm răspunsul dumneavoastră.")[0] == "ro"
    assert detect_one("Așteptăm răspunsul dumneavoastră.")[0] == "ro"


def test_kazakh_with_latin_i_lookalike():
    assert detect_one("кептiру барысында бiрнеше рет аударады")[0] == "kk"


def test_languages_restriction():
    assert detect_one("Это очень хорошо", ("bg", "ru"))[0] == "ru"
    assert detect_one("Это очень хорошо", ("ro", "en"))[0] == "und"
    assert detect_one("中文人口", ("zh-Hant",))[0] == "zh-Hant"


def test_detect_language_frame_contract():
    s = pd.Series(["Спасибо за помощь!", "Mulțumim pentru ajutor!", None], index=[10, 20, 30])
    out = detect_language(s)
    assert list(out.columns) == ["lang", "lang_score", "script"]
    assert list(out.index) == [10, 20, 30]
    assert out["lang"].tolist() == ["ru", "ro", "und"]
    assert out["script"].tolist()[:2] == ["Cyrl", "Latn"]
    assert ((out["lang_score"] >= 0) & (out["lang_score"] <= 1)).all()
    assert list(detect_language("Hello there, my friend").index) == [0]
    assert list(detect_language(["a", "b"]).index) == [0, 1]


def test_deterministic():
    texts = ["на грани истерики", "pachete livrate ieri", "entrega atrasada", "Пять."] * 3
    first = detect_language(texts)
    detect_one.cache_clear()
    assert detect_language(texts).equals(first)


def test_score_is_lower_for_ambiguous_short_text():
    clear = detect_one("Добрый день! Подскажите, пожалуйста, когда придёт мой заказ?")[1]
    vague = detect_one("Директор")[1]
    assert clear > vague


def test_explain_ranks_candidates():
    table = explain("Vă mulțumim pentru răbdare.")
    assert table.index[0] == "ro" and table["score"].is_monotonic_decreasing


def test_hangul_and_kana_decide_before_statistics():
    assert detect_one("고객님, 주문하신 상품이 발송되었습니다.")[0:3:2] == ("ko", "Hang")
    assert detect_one("ご注文の商品を発送しました。")[0:3:2] == ("ja", "Jpan")
    assert detect_one("大韓民國 국회")[0] == "ko"


def test_bulgarian_definite_article_with_hard_sign():
    assert detect_one("Пакетът пристигна вчера следобед.")[0] == "bg"


def test_repeated_texts_are_cached_and_identical():
    a = detect_language(["Клааааас!!!"] * 3)
    assert a["lang"].nunique() == 1 and a["lang"].iloc[0] == "ru"


def test_languages_given_as_string_or_list():
    assert detect_one("Это очень хорошо", "ru,bg")[0] == "ru"
    assert detect_language(["Это очень хорошо"], languages=["ro"])["lang"].tolist() == ["und"]
