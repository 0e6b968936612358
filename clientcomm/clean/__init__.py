"""Cleaning (placeholder: NFC and whitespace only; the full rule set replaces it)."""
from __future__ import annotations

import unicodedata

import pandas as pd

__all__ = ["clean_text", "clean_documents"]


def clean_text(text: str, lang: str | None = None) -> str:
    return unicodedata.normalize("NFC", text).strip()


def clean_documents(docs: pd.DataFrame) -> pd.DataFrame:
    out = docs.copy()
    out["clean_text"] = [clean_text(t) for t in out["raw_text"]]
    out["cleaning_log"] = [[] for _ in range(len(out))]
    return out
