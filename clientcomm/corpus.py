"""The bundled corpus and folders of plain-text documents.

>>> docs = load_corpus()
>>> list(docs["doc_id"])
['000', '001', '002', '003']
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd

__all__ = ["load_corpus", "bundled_corpus_path", "DOCUMENT_COLUMNS", "LoadReport"]

log = logging.getLogger(__name__)

DOCUMENT_COLUMNS = ["doc_id", "source", "title", "declared_lang", "channel", "sender", "timestamp",
                    "raw_text", "clean_text"]


def bundled_corpus_path() -> Path:
    """Folder of the bundled corpus (``corpora/`` of the project).

    ``CLIENTCOMM_CORPORA`` overrides it; otherwise the folder beside the
    package (an editable or source install) or inside it (a wheel) is used.
    """
    env = os.environ.get("CLIENTCOMM_CORPORA")
    if env:
        return Path(env)
    import sysconfig

    here = Path(__file__).resolve().parent
    shared = Path(sysconfig.get_path("data")) / "share" / "clientcomm" / "corpora"
    for cand in (here.parent / "corpora", shared):
        if (cand / "manifest.csv").exists():
            return cand
    raise FileNotFoundError(
        "bundled corpus not found: install clientcomm from a clone (pip install -e .) "
        "or set CLIENTCOMM_CORPORA to the corpora/ folder")


class LoadReport(list):
    """Files read or skipped, one dict per file; ``.frame()`` gives a DataFrame (kept for old callers)."""

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(list(self), columns=["file", "status", "encoding", "reason"])


def load_corpus(path: str | Path | None = None, *, clean: bool = True) -> pd.DataFrame:
    """The documents table of a folder of documents: a shortcut for ``load(path or bundled_corpus_path())``.

    With no ``path`` the bundled corpus is loaded. Everything is read by
    :func:`clientcomm.load` (same decoders, same load report in
    ``df.attrs["load_report"]``): a ``manifest.csv`` in the folder (columns
    ``file``, ``doc_id``, ``declared_lang``, ``title``, …) says which files
    make the corpus and gives their metadata; without one every supported
    file is read (``.txt`` files as one document each, language detected
    later: ``declared_lang`` empty). Plain-text documents get all cleaning
    rules (:data:`clientcomm.loaders.base.CLEANING_RULES`, ``article``).
    The columns of :data:`DOCUMENT_COLUMNS` come first.

    >>> load_corpus().loc[0, "declared_lang"]
    'ru'
    """
    from .loaders import load

    folder = Path(path) if path is not None else bundled_corpus_path()
    if not folder.exists():
        raise FileNotFoundError(f"no such folder: {folder}")
    docs = load(folder, clean=clean)
    if "file" not in docs.columns:
        docs["file"] = docs["source"]
    first = [c for c in DOCUMENT_COLUMNS if c in docs.columns]
    out = docs[first + [c for c in docs.columns if c not in first]]
    out.attrs = docs.attrs
    return out
