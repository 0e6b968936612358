import pandas as pd

from clientcomm.language import annotate_segments, document_languages


def _docs():
    return pd.DataFrame({
        "doc_id": ["ru1", "zh1", "auto"],
        "declared_lang": ["ru", "zh-Hant", None],
        "clean_text": ["…", "…", "Bună ziua, vă mulțumim că ne-ați scris. Revenim cu un răspuns mâine."],
    })


def _segs():
    return pd.DataFrame({
        "doc_id": ["ru1", "ru1", "ru1", "ru1", "zh1", "zh1", "auto"],
        "seg_id": list(range(7)),
        "text": ["Клиент всегда прав, но не всегда понимает, чего хочет.", "Да.", "2023",
                 "Thank you for your patience, we will call you back tomorrow.",
                 "客戶要求我們把時間提前。", "什么是客戶?", "Revenim mâine."],
    })


def test_document_language_declared_or_detected():
    assert document_languages(_docs()).to_dict() == {"ru1": "ru", "zh1": "zh-Hant", "auto": "ro"}


def test_short_segments_inherit_and_foreign_ones_are_flagged():
    out = annotate_segments(_segs(), _docs())
    assert out["lang"].tolist() == ["ru", "ru", "ru", "en", "zh-Hant", "zh-Hant", "ro"]
    assert out["lang_source"].tolist()[:4] == ["text", "document", "document", "text"]
    assert out["lang_mixed"].tolist() == [False, False, False, True, False, False, False]
    assert {"lang", "lang_score", "script", "lang_mixed"} <= set(out.columns)
    assert out["lang_mixed"].dtype == bool


def test_without_documents_nothing_is_inherited():
    out = annotate_segments(_segs())
    assert out.loc[1, "lang"] == "und" and not out["lang_mixed"].any()


def test_input_not_modified():
    segs = _segs()
    annotate_segments(segs, _docs())
    assert "lang" not in segs.columns
