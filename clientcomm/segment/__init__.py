"""Segmentation (placeholder: paragraphs only; the full splitter replaces it)."""
from __future__ import annotations

import re

import pandas as pd

__all__ = ["segment", "split_paragraphs", "split_sentences"]


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def split_sentences(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    return split_paragraphs(text)


def segment(documents: pd.DataFrame, level: str = "sentence", text_column: str = "clean_text") -> pd.DataFrame:
    rows = []
    for doc in documents.itertuples(index=False):
        text = getattr(doc, text_column)
        spans = split_sentences(text, getattr(doc, "declared_lang", None)) if level == "sentence" else split_paragraphs(text)
        for i, (s, e) in enumerate(spans):
            rows.append({"doc_id": doc.doc_id, "seg_id": f"{doc.doc_id}-{i:04d}", "level": level,
                         "start": s, "end": e, "text": text[s:e]})
    return pd.DataFrame(rows, columns=["doc_id", "seg_id", "level", "start", "end", "text"])
