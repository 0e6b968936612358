"""Segment context: short segments inherit their document's language; foreign segments are flagged.

A document's language is its ``declared_lang`` when given, else the language
detected on its whole ``clean_text`` (``raw_text`` if not cleaned). A segment
keeps its own detected language when that is clear; it inherits the document's
language when it is too short to decide (``und``) or only weakly detected
(``lang_score`` below ``INHERIT_BELOW``) *and* written in the document's script.
``lang_mixed`` is True for a segment in another language than its document.

>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["a"], "declared_lang": ["ru"], "clean_text": ["..."]})
>>> segs = pd.DataFrame({"doc_id": ["a", "a", "a"], "seg_id": [0, 1, 2],
...                      "text": ["Клиент всегда прав, но не всегда понимает, чего хочет.", "Да.",
...                               "The customer is always right."]})
>>> annotate_segments(segs, docs)[["lang", "lang_source", "lang_mixed"]].values.tolist()
[['ru', 'text', False], ['ru', 'document', False], ['en', 'text', True]]
"""
from __future__ import annotations

import pandas as pd

from .detector import detect_language

__all__ = ["annotate_segments", "document_languages", "lang_script", "INHERIT_BELOW"]

#: Segments detected with less confidence than this inherit a consistent document language.
INHERIT_BELOW = 0.9

_CYRILLIC = {"ru", "uk", "be", "bg", "mk", "sr", "kk"}
_HAN_SCRIPTS = {"Hani", "Hans", "Hant"}


def lang_script(lang: str) -> str:
    """The script family a language is written in (``Hani`` for any Chinese).

    >>> lang_script("ru"), lang_script("zh-Hant"), lang_script("ro")
    ('Cyrl', 'Hani', 'Latn')
    """
    if lang in _CYRILLIC:
        return "Cyrl"
    if lang == "zh" or lang.startswith("zh-"):
        return "Hani"
    return {"ja": "Jpan", "ko": "Hang", "el": "Grek", "und": "Zyyy"}.get(lang, "Latn")


def _family(script: str) -> str:
    if script in _HAN_SCRIPTS:
        return "Hani"
    return "Hang" if script == "Kore" else script


def document_languages(documents: pd.DataFrame) -> pd.Series:
    """Language per ``doc_id``: ``declared_lang`` when present, else detected on the document text.

    >>> document_languages(pd.DataFrame({"doc_id": ["x"], "clean_text": ["Bună ziua tuturor, vă mulțumim."]})).to_dict()
    {'x': 'ro'}
    """
    text_col = "clean_text" if "clean_text" in documents else "raw_text"
    texts = documents[text_col].astype("string").fillna("").astype(str)
    detected = detect_language(texts)["lang"]
    declared = documents["declared_lang"] if "declared_lang" in documents else pd.Series(pd.NA, index=documents.index)
    declared = declared.astype("string")
    langs = declared.where(declared.notna() & (declared.str.strip() != ""), detected)
    return pd.Series(langs.astype(str).to_numpy(), index=documents["doc_id"].to_numpy(), name="doc_lang")


def annotate_segments(segments: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Copy of ``segments`` with ``lang``, ``lang_score``, ``script``, ``lang_source``, ``lang_mixed``.

    ``lang_source`` is ``text`` (detected on the segment) or ``document`` (inherited).
    Without ``documents`` every segment keeps its own detection and ``lang_mixed`` is False.
    """
    out = segments.copy()
    det = detect_language(out["text"].astype("string").fillna("").astype(str))
    lang = det["lang"].copy()
    score = det["lang_score"].copy()
    script = det["script"].copy()
    source = pd.Series("text", index=out.index)
    mixed = pd.Series(False, index=out.index)
    if documents is not None and len(documents) and "doc_id" in out:
        doc_lang = out["doc_id"].map(document_languages(documents))
        same_script = [
            isinstance(dl, str) and dl != "und" and (_family(s) == "Zyyy" or _family(s) == lang_script(dl))
            for s, dl in zip(script, doc_lang)
        ]
        same_script = pd.Series(same_script, index=out.index)
        weak = (lang == "und") | (score < INHERIT_BELOW) | (lang == "zh")
        inherit = same_script & weak & (lang != doc_lang)
        lang = lang.where(~inherit, doc_lang)
        score = score.where(~inherit, 0.5)
        source = source.where(~inherit, "document")
        mixed = (lang != "und") & doc_lang.notna() & (doc_lang != "und") & (lang != doc_lang)
    out["lang"] = lang.to_numpy()
    out["lang_score"] = score.astype(float).to_numpy()
    out["script"] = script.to_numpy()
    out["lang_source"] = source.to_numpy()
    out["lang_mixed"] = mixed.astype(bool).to_numpy()
    return out
