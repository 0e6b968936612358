"""The load report: which files and messages were read, skipped or repaired, and why.

Every loader call keeps its report in ``df.attrs["load_report"]``: a list of
dicts with the keys of :data:`REPORT_COLUMNS`. There is one *file entry* per
file (``location`` empty; ``status`` is ``loaded``, ``partial`` or
``skipped``; ``messages`` = messages loaded from it), followed by one *item
entry* per problem inside that file (``location`` such as ``line 7`` or
``offset 1024``; ``status`` ``skipped`` when the item was dropped, ``partial``
when it was kept with a repair, e.g. an unreadable time left empty;
``messages`` 0). So ``sum(messages)`` is the number of rows of the table.

>>> r = Report()
>>> r.file("a.csv", "partial", messages=2, encoding="utf-8", reason="1 malformed row")
>>> r.item("a.csv", "skipped", "row has 5 fields, header has 3", "line 4")
>>> load_report_frame(r)[["file", "status", "messages", "location"]].values.tolist()
[['a.csv', 'partial', 2, ''], ['a.csv', 'skipped', 0, 'line 4']]
"""
from __future__ import annotations

import pandas as pd

__all__ = ["REPORT_COLUMNS", "Report", "load_report", "load_report_frame", "format_report", "FileLog"]

REPORT_COLUMNS = ["file", "status", "messages", "encoding", "reason", "location"]
STATUSES = ("loaded", "partial", "skipped")


class Report(list):
    """A list of report dicts with helpers to append file and item entries."""

    def file(self, file: str, status: str, *, messages: int = 0, encoding: str | None = None,
             reason: str = "") -> None:
        assert status in STATUSES, status
        self.append({"file": file, "status": status, "messages": int(messages), "encoding": encoding,
                     "reason": reason, "location": ""})

    def item(self, file: str, status: str, reason: str, location: str) -> None:
        assert status in STATUSES, status
        self.append({"file": file, "status": status, "messages": 0, "encoding": None,
                     "reason": reason, "location": location})


class FileLog:
    """Problems met while reading one file; turned into report entries by the dispatcher.

    A loader calls :meth:`skip` for an item it could not load and :meth:`repair`
    for an item it loaded with a defect; ``note`` adds a remark to the file entry.
    """

    #: Item entries listed per file; beyond it they are counted in a note.
    MAX_ITEMS = 1000

    def __init__(self) -> None:
        self.items: list[tuple[str, str, str]] = []  # (status, reason, location)
        self.notes: list[str] = []
        self.encoding: str | None = None
        self.confidence: float | None = None  # of the encoding decision (1.0: BOM or clean UTF-8)
        self.replaced_bytes = 0  # invalid bytes replaced by U+FFFD
        self.records = 0  # records seen by the loader (rows, messages, lines of a table …)
        self.skipped = 0
        self.repaired = 0

    def _add(self, status: str, reason: str, location: str) -> None:
        if len(self.items) < self.MAX_ITEMS:
            self.items.append((status, reason, location))

    def record(self, n: int = 1) -> None:
        """Count ``n`` records seen (each must end up loaded or skipped)."""
        self.records += n

    def skip(self, reason: str, location: str) -> None:
        self.skipped += 1
        self._add("skipped", reason, location)

    def repair(self, reason: str, location: str) -> None:
        self.repaired += 1
        self._add("partial", reason, location)

    def note(self, text: str) -> None:
        self.notes.append(text)


def load_report_frame(entries) -> pd.DataFrame:
    """The report entries as a DataFrame with the columns of :data:`REPORT_COLUMNS`."""
    defaults = {"file": "", "status": "", "messages": 0, "encoding": None, "reason": "", "location": ""}
    rows = [{k: (e.get(k) if e.get(k) is not None else d) for k, d in defaults.items()} for e in entries or []]
    df = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    df["messages"] = df["messages"].astype(int)
    return df


def load_report(df: pd.DataFrame) -> pd.DataFrame:
    """The load report of a documents table returned by :func:`clientcomm.load`.

    >>> import clientcomm
    >>> load_report(clientcomm.load_corpus())["status"].tolist()
    ['loaded', 'loaded', 'loaded', 'loaded']
    """
    return load_report_frame(df.attrs.get("load_report", []))


def format_report(entries) -> str:
    """The report as text for the terminal: a count line, then every file and problem not fully loaded.

    >>> print(format_report([{"file": "a.txt", "status": "skipped", "messages": 0, "reason": "empty file",
    ...                       "location": ""}]))
    load report: 0 messages from 0 of 1 files (0 partial, 1 skipped)
      skipped a.txt: empty file
    """
    df = load_report_frame(entries)
    files = df[df["location"] == ""]
    n_ok = int((files["status"] != "skipped").sum())
    lines = [f"load report: {int(files['messages'].sum())} messages from {n_ok} of {len(files)} files "
             f"({int((files['status'] == 'partial').sum())} partial, {int((files['status'] == 'skipped').sum())} skipped)"]
    for r in df.itertuples(index=False):
        if r.status == "loaded" and not r.location and not r.reason:
            continue
        where = f" [{r.location}]" if r.location else ""
        indent = "    " if r.location else "  "
        lines.append(f"{indent}{r.status} {r.file}{where}: {r.reason}")
    return "\n".join(lines)
