"""Plain ``.txt`` documents: one row per file, or per part of a very large file.

A file is streamed line by line (:func:`clientcomm.loaders.textio.iter_lines`,
so memory stays bounded and mixed encodings are read line by line). A file
longer than ``part_chars`` characters becomes several documents
(``name#1``, ``name#2``, …) cut at paragraph breaks (blank lines), or at a
line end when a paragraph alone exceeds twice the limit, so cleaning and
segmentation never hold a 50 MB string. Folders with a ``manifest.csv`` (the
bundled corpus) are read by :func:`clientcomm.corpus.load_corpus` instead.

>>> import tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "note.txt")
>>> _ = open(p, "w").write("Клиент звонил дважды.\\n\\nПросил перезвонить.\\n")
>>> load_text(p, FileLog())[["doc_id", "title", "text"]].values.tolist()
[['note', 'Клиент звонил дважды.', 'Клиент звонил дважды.\\n\\nПросил перезвонить.\\n']]
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath

import pandas as pd

from .base import to_frame
from .load_report import FileLog
from .textio import iter_lines

__all__ = ["load_text", "PART_CHARS"]

#: Characters per document part of a large text file.
PART_CHARS = 1_000_000


def load_text(path: str | Path, log: FileLog, *, source: str | None = None, tz: str = "UTC",
              part_chars: int = PART_CHARS, encoding: str | None = None) -> pd.DataFrame:
    """Read one plain-text file as a document (or parts); the text is kept exactly, line ends as ``\\n``."""
    path = Path(path)
    source = source or path.name
    stem = str(PurePosixPath(source).with_suffix(""))
    rows: list[dict] = []
    buf: list[str] = []
    size = 0
    start_line = 1
    title = ""

    def flush(next_line: int) -> None:
        nonlocal buf, size, start_line
        if buf:
            log.record()
            rows.append({"position": f"line {start_line}", "text": "".join(buf)})
        buf, size, start_line = [], 0, next_line

    last_n = 0
    for n, _, line in iter_lines(path, log, encoding=encoding):
        if not title and line.strip():
            title = line.strip()[:120]
        buf.append(line + "\n")
        size += len(line) + 1
        last_n = n
        if size >= part_chars and (not line.strip() or size >= 2 * part_chars):
            flush(n + 1)  # after a blank line, so the next part starts with its paragraph
    if not _ends_with_newline(path, log.encoding):
        if buf:
            buf[-1] = buf[-1][:-1]
        elif rows:
            rows[-1]["text"] = rows[-1]["text"][:-1]
    flush(last_n + 1)
    many = len(rows) > 1
    for k, r in enumerate(rows, start=1):
        r.update(doc_id=f"{stem}#{k}" if many else stem, source=source,
                 title=f"{title} (part {k}/{len(rows)})" if many else title)
        r["raw_text"] = r["text"]
    if many:
        log.note(f"{_size_note(rows)}: split into {len(rows)} documents at paragraph breaks")
    return to_frame(rows, tz=tz)


def _size_note(rows: list[dict]) -> str:
    total = sum(len(r["text"]) for r in rows)
    return f"{total:,} characters"


def _ends_with_newline(path: Path, encoding: str | None = None) -> bool:
    with open(path, "rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - 4))
        tail = f.read()
    if encoding and encoding.startswith(("utf-16", "utf-32")):
        width = 2 if encoding.startswith("utf-16") else 4
        return tail.endswith(b"\n" + b"\x00" * (width - 1)) or tail.endswith(b"\x00" * (width - 1) + b"\n")
    return tail.endswith(b"\n")
