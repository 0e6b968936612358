"""A folder's ``manifest.csv`` (or ``.tsv``): which files make the corpus, with their metadata.

The manifest has a ``file`` column (paths relative to the folder) and any
metadata columns (``doc_id``, ``declared_lang``, ``title``, ``source``,
``genre`` …). Only the listed files are read; each file's documents get the
row's metadata (``doc_id`` when the file gives one document; ``source`` is
kept as the publication it names, the path goes to ``file``). Files of the
folder that are not listed are reported, never read silently. A manifest
without a ``file`` column is not a manifest: :func:`read_manifest` says why
and the folder is read as a plain folder (the CSV itself as a table).

>>> import tempfile
>>> d = Path(tempfile.mkdtemp())
>>> _ = (d / "manifest.csv").write_text("doc_id,lang\\n1,ru\\n")
>>> read_manifest(d)[1]
"manifest.csv has no 'file' column (columns: doc_id, lang): not used as a manifest, read as a table"
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["MANIFESTS", "find_manifest", "read_manifest"]

MANIFESTS = ("manifest.csv", "manifest.tsv")


def find_manifest(folder: Path) -> Path | None:
    return next((folder / m for m in MANIFESTS if (folder / m).is_file()), None)


def read_manifest(folder: Path) -> tuple[pd.DataFrame | None, str]:
    """``(manifest, problem)``: the manifest table, or None and why it cannot be used ("" when there is none)."""
    path = find_manifest(folder)
    if path is None:
        return None, ""
    try:
        table = pd.read_csv(path, sep="\t" if path.suffix == ".tsv" else ",", dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        return None, f"{path.name} cannot be read as a manifest ({type(exc).__name__}: {exc}): read as a table"
    if "file" not in table.columns:
        return None, (f"{path.name} has no 'file' column (columns: {', '.join(map(str, table.columns))}): "
                      "not used as a manifest, read as a table")
    return table, ""
