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

from .decoding import DecodeError, read_text

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
    """Files read or skipped, one dict per file; ``.frame()`` gives a DataFrame."""

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(list(self), columns=["file", "status", "encoding", "reason"])


def _read_manifest(folder: Path) -> pd.DataFrame | None:
    for name in ("manifest.csv", "manifest.tsv"):
        p = folder / name
        if p.exists():
            sep = "\t" if p.suffix == ".tsv" else ","
            return pd.read_csv(p, sep=sep, dtype=str, keep_default_na=False)
    return None


def load_corpus(path: str | Path | None = None, *, clean: bool = True) -> pd.DataFrame:
    """Load a folder of ``.txt`` documents into the documents table.

    With no ``path`` the bundled corpus is loaded. A ``manifest.csv`` in the
    folder (columns ``doc_id``, ``file``, ``declared_lang``, ``title``, …) is
    used when present; without one every ``.txt`` file is a document whose
    language is detected later (``declared_lang`` is empty). Files that are
    binary or cannot be decoded are skipped and logged; the report is in
    ``df.attrs["load_report"]`` (a list of dicts).

    >>> load_corpus().loc[0, "declared_lang"]
    'ru'
    """
    folder = Path(path) if path is not None else bundled_corpus_path()
    if not folder.exists():
        raise FileNotFoundError(f"no such folder: {folder}")
    if folder.is_file():
        files = [folder]
        manifest = None
        folder = folder.parent
    else:
        manifest = _read_manifest(folder)
        if manifest is not None:
            files = [folder / f for f in manifest["file"]]
        else:
            files = sorted(p for p in folder.rglob("*.txt") if p.is_file())
    report = LoadReport()
    rows = []
    for i, f in enumerate(files):
        rel = str(f.relative_to(folder)) if f.is_relative_to(folder) else str(f)
        if not f.exists():
            report.append({"file": rel, "status": "skipped", "encoding": None, "reason": "listed in manifest but missing"})
            log.warning("skipped %s: listed in manifest but missing", rel)
            continue
        try:
            dec = read_text(f)
        except DecodeError as exc:
            report.append({"file": rel, "status": "skipped", "encoding": None, "reason": str(exc)})
            log.warning("skipped %s: %s", rel, exc)
            continue
        report.append({"file": rel, "status": "loaded", "encoding": dec.encoding, "reason": ""})
        meta = {}
        if manifest is not None:
            meta = manifest.iloc[i].to_dict()
        doc_id = meta.pop("doc_id", None) or f.stem
        rows.append({
            "doc_id": str(doc_id),
            "source": meta.pop("source", "") or rel,
            "title": meta.pop("title", "") or _first_line(dec.text),
            "declared_lang": meta.pop("declared_lang", "") or "",
            "channel": meta.pop("channel", "") or "",
            "sender": meta.pop("sender", "") or "",
            "timestamp": pd.NaT,
            "raw_text": dec.text,
            "file": meta.pop("file", rel),
            "encoding": dec.encoding,
            **meta,
        })
    docs = pd.DataFrame(rows, columns=None if rows else DOCUMENT_COLUMNS[:-1])
    if clean and len(docs):
        from .clean import clean_documents

        docs = clean_documents(docs)
    elif "clean_text" not in docs:
        docs["clean_text"] = docs.get("raw_text", pd.Series(dtype=str))
    first = [c for c in DOCUMENT_COLUMNS if c in docs.columns]
    docs = docs[first + [c for c in docs.columns if c not in first]]
    docs.attrs["load_report"] = list(report)
    return docs


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:120]
    return ""
