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

REPORT_COLUMNS = ["file", "status", "records", "loaded", "skipped", "repaired", "messages", "encoding",
                  "confidence", "reason", "location"]
_COUNTS = ("records", "loaded", "skipped", "repaired", "messages")
STATUSES = ("loaded", "partial", "skipped")


class Report(list):
    """A list of report dicts with helpers to append file and item entries."""

    def file(self, file: str, status: str, *, messages: int | None = None, records: int | None = None,
             loaded: int | None = None, skipped: int = 0, repaired: int = 0, encoding: str | None = None,
             confidence: float | None = None, reason: str = "") -> None:
        """A file entry; ``loaded`` defaults to ``messages`` and ``records`` to ``loaded + skipped``."""
        assert status in STATUSES, status
        loaded = int(loaded if loaded is not None else (messages or 0))
        records = int(records if records is not None else loaded + skipped)
        self.append({"file": file, "status": status, "records": records, "loaded": loaded,
                     "skipped": int(skipped), "repaired": int(repaired), "messages": loaded,
                     "encoding": encoding, "confidence": confidence, "reason": reason, "location": ""})

    def item(self, file: str, status: str, reason: str, location: str) -> None:
        assert status in STATUSES, status
        self.append({"file": file, "status": status, "records": 0, "loaded": 0, "skipped": 0, "repaired": 0,
                     "messages": 0, "encoding": None, "confidence": None, "reason": reason,
                     "location": location})


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
    defaults = {c: (0 if c in _COUNTS else "" if c in ("file", "status", "reason", "location") else None)
                for c in REPORT_COLUMNS}
    rows = []
    for e in entries or []:
        row = {k: (e.get(k) if e.get(k) is not None else d) for k, d in defaults.items()}
        if e.get("loaded") is None:  # entries written by older code carry only ``messages``
            row["loaded"] = row["messages"]
        if e.get("records") is None:
            row["records"] = row["loaded"] + row["skipped"]
        rows.append(row)
    df = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    for c in _COUNTS:
        df[c] = df[c].astype(int)
    return df


def load_report(df: pd.DataFrame) -> pd.DataFrame:
    """The load report of a documents table returned by :func:`clientcomm.load`.

    >>> import clientcomm
    >>> load_report(clientcomm.load_corpus())["status"].tolist()[:4]
    ['loaded', 'loaded', 'loaded', 'loaded']
    """
    return load_report_frame(df.attrs.get("load_report", []))


def format_report(entries) -> str:
    """The report as text for the terminal: totals, one line per file with its counts, then each problem.

    >>> print(format_report([{"file": "a.txt", "status": "skipped", "messages": 0, "reason": "empty file",
    ...                       "location": ""}]))
    load report: 0 messages from 0 of 1 files (0 partial, 1 skipped); records: 0 seen = 0 loaded + 0 skipped
      skipped a.txt: 0 records = 0 loaded + 0 skipped; empty file
    """
    df = load_report_frame(entries)
    files = df[df["location"] == ""]
    n_ok = int((files["status"] != "skipped").sum())
    lines = [f"load report: {int(files['loaded'].sum())} messages from {n_ok} of {len(files)} files "
             f"({int((files['status'] == 'partial').sum())} partial, {int((files['status'] == 'skipped').sum())} "
             f"skipped); records: {int(files['records'].sum())} seen = {int(files['loaded'].sum())} loaded + "
             f"{int(files['skipped'].sum())} skipped"]
    for r in df.itertuples(index=False):
        if r.location:
            lines.append(f"    {r.status} {r.file} [{r.location}]: {r.reason}")
            continue
        counts = f"{r.records} records = {r.loaded} loaded + {r.skipped} skipped"
        conf = r.confidence if isinstance(r.confidence, float) and r.confidence == r.confidence else 1.0
        enc = (f" ({r.encoding}" + (f", confidence {conf:.2f}" if conf < 1 else "") + ")"
               if isinstance(r.encoding, str) and r.encoding else "")
        lines.append(f"  {r.status} {r.file}: {counts}{enc}" + (f"; {r.reason}" if r.reason else ""))
    return "\n".join(lines)
