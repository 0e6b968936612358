"""The segment table: one row per paragraph or sentence, with offsets into the text.

>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["a"], "declared_lang": ["ru"],
...                      "clean_text": ["Заголовок\\n\\nПервое, т. е. одно. Второе!"]})
>>> segment(docs)[["seg_id", "paragraph", "start", "end", "text"]].values.tolist()
[['a-s0000', 0, 0, 9, 'Заголовок'], ['a-s0001', 1, 11, 30, 'Первое, т. е. одно.'], ['a-s0002', 1, 31, 38, 'Второе!']]
"""
from __future__ import annotations

import pandas as pd

from .paragraphs import split_paragraphs
from .sentences import sentence_spans_in

__all__ = ["segment", "SEGMENT_COLUMNS", "LEVELS"]

SEGMENT_COLUMNS = ["doc_id", "seg_id", "level", "start", "end", "text", "paragraph"]
LEVELS = ("sentence", "paragraph")


def _lang_of(row: dict) -> str | None:
    for col in ("declared_lang", "lang"):
        v = row.get(col)
        if isinstance(v, str) and v:
            return v
    return None


def segment(documents: pd.DataFrame, level: str = "sentence", text_column: str = "clean_text") -> pd.DataFrame:
    """Split every document into sentences or paragraphs.

    Returns ``doc_id, seg_id, level, start, end, text, paragraph`` where
    ``documents[text_column][start:end] == text`` for every row, ``text`` is
    stripped and never empty, ``seg_id`` is ``"<doc_id>-s0012"`` (``-p`` for
    paragraphs; unique and sortable within a document) and ``paragraph`` is
    the 0-based paragraph index. ``declared_lang`` (else ``lang``) picks the
    abbreviation list.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if text_column not in documents.columns:
        raise KeyError(f"text column {text_column!r} not found; columns are: "
                       f"{', '.join(map(str, documents.columns))}")
    ids = documents["doc_id"] if "doc_id" in documents.columns else pd.Series(
        [str(i) for i in range(len(documents))], index=documents.index)
    tag = "s" if level == "sentence" else "p"
    rows = []
    for doc_id, (_, row) in zip(ids, documents.iterrows()):
        text = row[text_column]
        if not isinstance(text, str):
            continue
        spans = []
        for p, (ps, pe) in enumerate(split_paragraphs(text)):
            if level == "paragraph":
                spans.append((ps, pe, p))
            else:
                spans.extend((s, e, p) for s, e in sentence_spans_in(text, ps, pe, _lang_of(row)))
        width = max(4, len(str(len(spans))))
        for i, (s, e, p) in enumerate(spans):
            rows.append((doc_id, f"{doc_id}-{tag}{i:0{width}d}", level, s, e, text[s:e], p))
    out = pd.DataFrame(rows, columns=SEGMENT_COLUMNS)
    return out.astype({"start": "int64", "end": "int64", "paragraph": "int64"})
