"""Run the cleaning rules in order; text in, cleaned text and a log out.

>>> r = clean_with_log("Главная | Форум | Контакты\\n\\nЗдравствуйте!&nbsp;\\n\\n\\n\\nПоделиться:")
>>> r.text
'Здравствуйте!'
>>> r.rules()
['html_entities', 'spaces', 'blank_lines', 'site_menu', 'share_prompt']
"""
from __future__ import annotations

from typing import Callable

import pandas as pd

from . import boilerplate as bp
from .normalize import fix_mojibake, normalize_unicode, normalize_whitespace, strip_html
from .pinyin import remove_pinyin_glosses
from .result import CleanResult

__all__ = ["RULES", "clean_with_log", "clean_text", "clean_documents", "cleaning_report", "CleanResult"]

RuleFn = Callable[[str, "str | None"], "tuple[str, list[dict]]"]

#: The rules in the order they run. Character repairs come first so that the
#: line rules see readable, normalised lines; whitespace runs again at the end
#: to tidy the holes that removed lines leave.
RULES: list[tuple[str, RuleFn]] = [
    ("mojibake", fix_mojibake),
    ("html", strip_html),
    ("unicode", normalize_unicode),
    ("pinyin", remove_pinyin_glosses),
    ("whitespace", normalize_whitespace),
    ("menu", bp.site_menu),
    ("prompts", bp.share_search_prompts),
    ("copyright", bp.copyright_lines),
    ("related", bp.related_links),
    ("dangling", bp.dangling_prompts),
    ("title_repeat", bp.title_repeat),
    ("captions", bp.repeated_captions),
    ("duplicates", bp.duplicate_lines),
    ("whitespace_final", normalize_whitespace),
]


def clean_with_log(text: str, lang: str | None = None) -> CleanResult:
    """Clean ``text`` and say what each rule removed or changed.

    ``lang`` (a BCP-47 code or None) is passed to every rule; the current rules
    detect what they fix from the text itself, so it may be omitted. A
    non-string (None, NaN) is treated as empty text.
    """
    if not isinstance(text, str):
        text = "" if text is None or (isinstance(text, float) and text != text) else str(text)
    log: list[dict] = []
    for _name, rule in RULES:
        text, entries = rule(text, lang)
        log.extend(entries)
    return CleanResult(text=text, log=log)


def clean_text(text: str, lang: str | None = None) -> str:
    """The cleaned text only.

    >>> clean_text("在與客戶的商業(yè)交易中,<p>你好</p>")
    '在與客戶的商業交易中,\\n你好'
    """
    return clean_with_log(text, lang).text


def clean_documents(docs: pd.DataFrame) -> pd.DataFrame:
    """A copy of the documents table with ``clean_text`` and ``cleaning_log`` columns.

    ``raw_text`` is never modified; ``declared_lang`` is passed to the rules
    when present.

    >>> d = clean_documents(pd.DataFrame({"doc_id": ["a"], "raw_text": ["x  y"]}))
    >>> d.loc[0, "clean_text"], d.loc[0, "raw_text"]
    ('x y', 'x  y')
    """
    if "raw_text" not in docs.columns:
        raise KeyError("clean_documents needs a 'raw_text' column")
    out = docs.copy()
    langs = out["declared_lang"] if "declared_lang" in out.columns else [None] * len(out)
    results = [clean_with_log(t, (l if isinstance(l, str) and l else None))
               for t, l in zip(out["raw_text"], langs)]
    out["clean_text"] = [r.text for r in results]
    out["cleaning_log"] = [r.log for r in results]
    return out


def cleaning_report(docs: pd.DataFrame) -> pd.DataFrame:
    """Tidy table of the cleaning logs: ``doc_id, rule, action, count, examples``.

    Uses the ``cleaning_log`` column when present, otherwise cleans ``raw_text``.

    >>> rep = cleaning_report(pd.DataFrame({"doc_id": ["a"], "raw_text": ["發(fā)展"]}))
    >>> rep[["doc_id", "rule", "count"]].values.tolist()
    [['a', 'pinyin_gloss', 1]]
    """
    if "cleaning_log" not in docs.columns:
        docs = clean_documents(docs)
    ids = docs["doc_id"] if "doc_id" in docs.columns else pd.Series(range(len(docs)), index=docs.index)
    rows = [{"doc_id": d, **e} for d, log in zip(ids, docs["cleaning_log"]) for e in (log or [])]
    return pd.DataFrame(rows, columns=["doc_id", "rule", "action", "count", "examples"])
