"""Cleaning: repair and strip what is not the text, and log every change.

Rules (in order): mojibake repair (ftfy), HTML tags/entities/residue, Unicode
NFC, Chinese ``字(pinyin)`` glosses, whitespace; then site chrome — menus,
share and search prompts, copyright lines, "related materials" link lists,
dangling prompts, the title repeated at the end, repeated captions and
duplicated headings. ``raw_text`` is always kept beside ``clean_text``.

>>> clean_text("客戶的要求可能經常發(fā)生變化")
'客戶的要求可能經常發生變化'
"""
from __future__ import annotations

from .core import RULES, clean_documents, clean_text, clean_with_log, cleaning_report
from .result import CleanResult

__all__ = ["clean_text", "clean_with_log", "clean_documents", "cleaning_report", "CleanResult", "RULES"]
