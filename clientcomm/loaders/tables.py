"""Tables of messages: CSV, TSV, JSON Lines, JSON records, Excel (.xlsx) and Parquet.

Which column holds what is given by ``text_column``, ``channel_column``,
``sender_column``, ``time_column`` (and ``recipient_column``,
``thread_column``, ``title_column``, ``lang_column``, ``id_column``) or
guessed from common names (see :data:`COLUMN_NAMES`, matched without regard
to case). ``channel="email"`` sets one channel for every row. Every other
column is kept (renamed ``input_<name>`` if it clashes with a standard
column). Files are read piece by piece (CSV/TSV/JSONL line by line, Parquet
by record batches, Excel in openpyxl's read-only mode), and a malformed row
is skipped and reported with its line, never dropped silently.

>>> import tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "tickets.csv")
>>> _ = open(p, "w").write("From,Message,Date\\nИван,Где мой заказ?,2023-01-02 15:45\\n")
>>> load_table(p, FileLog())[["sender", "text", "position"]].values.tolist()
[['Иван', 'Где мой заказ?', 'line 2']]
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .base import DEFAULTS, parse_times, to_frame
from .load_report import FileLog
from .textio import iter_lines

__all__ = ["load_table", "read_records", "COLUMN_NAMES", "TABLE_SUFFIXES", "ColumnError"]

TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".jsonl", ".ndjson", ".json", ".xlsx", ".xlsm", ".parquet", ".pq")

#: Column names recognised for each field, in order of preference (lower case).
COLUMN_NAMES = {
    "text": ["text", "message", "body", "content", "msg", "message_text", "comment", "description",
             "текст", "сообщение", "mesaj", "textul", "内容", "內容", "消息", "訊息"],
    "channel": ["channel", "medium", "source_channel", "канал", "canal", "渠道", "管道"],
    "sender": ["sender", "from", "author", "user", "username", "sender_name", "from_name", "client",
               "отправитель", "автор", "expeditor", "autor", "发送者", "發送者"],
    "recipient": ["recipient", "to", "receiver", "получатель", "destinatar"],
    "timestamp": ["timestamp", "time", "date", "datetime", "created_at", "created", "sent_at", "sent",
                  "date_time", "дата", "время", "data", "ora", "时间", "時間", "日期"],
    "thread_id": ["thread_id", "thread", "conversation_id", "conversation", "ticket_id", "ticket", "chat_id",
                  "chat"],
    "title": ["title", "subject", "тема", "subiect", "主题", "主題"],
    "declared_lang": ["declared_lang", "lang", "language", "язык", "limba"],
    "doc_id": ["doc_id", "id", "message_id", "msg_id"],
    "role": ["role", "роль", "rol", "rolul", "角色", "sender_type", "author_type", "sender_role", "author_role",
             "from_type", "user_type"],
    "reply_to": ["reply_to", "in_reply_to", "reply_to_id", "reply_to_message_id", "parent_id", "ответ_на",
                 "răspuns_la"],
}


class ColumnError(ValueError):
    """No text column could be found or the named one is missing."""


def _resolve(columns: list[str], chosen: dict[str, str | None]) -> dict[str, str]:
    lower = {}
    for c in columns:
        lower.setdefault(str(c).strip().lower(), c)
    for c in columns:  # "Message Text", "From-Name" are message_text, from_name
        lower.setdefault(re.sub(r"[\s\-]+", "_", str(c).strip().lower()), c)
    out: dict[str, str] = {}
    for field, names in COLUMN_NAMES.items():
        want = chosen.get(field)
        if want is not None:
            if want not in columns:
                raise ColumnError(f"{field} column {want!r} not found; columns are: {', '.join(map(str, columns))}")
            out[field] = want
            continue
        for name in names:
            if name in lower and lower[name] not in out.values():
                out[field] = lower[name]
                break
    if "text" not in out:
        raise ColumnError("no text column (looked for " + ", ".join(COLUMN_NAMES["text"][:6])
                          + " …); name it with text_column=. Columns are: " + ", ".join(map(str, columns)))
    return out


def find_text_column(columns) -> str:
    """The text column of a table by :data:`COLUMN_NAMES` (``text``, ``message``, ``mesaj``, ``内容`` …), as load() finds it.

    >>> find_text_column(["ticket_id", "Message"])
    'Message'
    """
    return _resolve(list(columns), {})["text"]


class _RowMaker:
    def __init__(self, columns: list[str], chosen: dict, source: str, channel: str | None):
        self.map = _resolve(list(columns), chosen)
        self.source = source
        self.channel = channel
        used = set(self.map.values())
        self.extra = {c: (f"input_{c}" if (c in DEFAULTS or c == "clean_text") else str(c))
                      for c in columns if c not in used}

    def __call__(self, rec: dict, position: str, n: int) -> dict:
        row = {"source": self.source, "position": position}
        for field, col in self.map.items():
            v = rec.get(col)
            if field == "timestamp":
                row[field] = v
            else:
                row[field] = "" if v is None or (isinstance(v, float) and v != v) else _scalar(v)
        if self.channel is not None:
            row["channel"] = self.channel
        if not row.get("doc_id"):
            row["doc_id"] = f"{self.source}#{n}"
        for c, name in self.extra.items():
            v = rec.get(c)
            row[name] = v if v is None or isinstance(v, (str, int, float, bool)) else _scalar(v)
        return row


def _scalar(v) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, default=str)
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _chosen(kw: dict) -> dict:
    names = {"text": "text_column", "channel": "channel_column", "sender": "sender_column",
             "recipient": "recipient_column", "timestamp": "time_column", "thread_id": "thread_column",
             "title": "title_column", "declared_lang": "lang_column", "doc_id": "id_column",
             "role": "role_column", "reply_to": "reply_to_column"}
    return {f: kw.get(a) for f, a in names.items()}


def _sniff_delimiter(sample: str, default: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return default


class _Lines:
    """Lines fed to :class:`csv.reader`, remembering those of the current record, with push-back."""

    def __init__(self, items: Iterator[tuple[int, str]]):
        self.items = items
        self.back: list[tuple[int, str]] = []
        self.taken: list[tuple[int, str]] = []
        self.exhausted = False

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.back:
            item = self.back.pop()
        else:
            try:
                item = next(self.items)
            except StopIteration:
                self.exhausted = True
                raise
        self.taken.append(item)
        return item[1]

    def push_back(self, items: list[tuple[int, str]]) -> None:
        self.back.extend(reversed(items))


def _looks_like_rows(lines: list[tuple[int, str]], delimiter: str, width: int) -> int:
    """How many of ``lines``, read alone, are complete rows of ``width`` fields."""
    if width < 3:
        return 0
    n = 0
    for _, text in lines:
        try:
            fields = next(csv.reader([text], delimiter=delimiter, strict=True))
        except (csv.Error, StopIteration):
            continue
        n += len(fields) == width
    return n


def _csv_records(path: Path, log: FileLog, delimiter: str | None, encoding: str | None
                 ) -> Iterator[tuple[str, int, dict | list[str]]]:
    """Yield ('header', line, fields) once, then ('row', line, fields).

    A quote that is never closed would swallow every following line into one
    field; such a record (one spanning several lines that ends at the end of
    the file, has the wrong number of fields or holds whole rows) is cut
    back to its first line, which is read without quote handling when that
    gives the right number of fields (a repair) or else skipped; the lines
    after it are read again as rows.
    """
    # a message may be longer than the csv module's default field limit (128 KiB): it would be lost
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    lines = ((n, t + "\n") for n, _, t in iter_lines(path, log, encoding=encoding))
    first: list[tuple[int, str]] = []
    for item in lines:  # sniff the delimiter on the first lines
        first.append(item)
        if len(first) >= 20:
            break
    hint = re.fullmatch(r"\ufeff?sep=(.)\n", first[0][1]) if first else None
    if hint:  # Excel's "sep=;" first line names the delimiter; it is not the header
        first = first[1:]
        delimiter = delimiter or hint.group(1)
        log.note(f"delimiter {hint.group(1)!r} taken from the file's 'sep=' line")
    if delimiter is None:
        default = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
        delimiter = _sniff_delimiter("".join(t for _, t in first), default)
    import itertools

    src = _Lines(itertools.chain(first, lines))
    reader = csv.reader(src, delimiter=delimiter)
    header: list[str] | None = None
    while True:
        src.taken = []
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            taken = src.taken
            at = taken[0][0] if taken else 0
            log.record()
            log.skip(f"CSV syntax error: {exc}", f"line {at}")
            src.push_back(taken[1:])
            reader = csv.reader(src, delimiter=delimiter)
            continue
        taken = src.taken
        start = taken[0][0] if taken else 0
        if not fields or all(not f.strip() for f in fields):
            continue
        if header is None:
            header = fields
            yield "header", start, fields
            continue
        log.record()
        if len(taken) > 1 and (len(fields) != len(header) or src.exhausted
                               or _looks_like_rows(taken[1:], delimiter, len(header)) >= 2):
            alone = next(csv.reader([taken[0][1]], delimiter=delimiter, quoting=csv.QUOTE_NONE))
            src.push_back(taken[1:])
            src.exhausted = False
            reader = csv.reader(src, delimiter=delimiter)
            if len(alone) == len(header):
                log.repair("unbalanced quote: row read without quote handling", f"line {start}")
                yield "row", start, [f.replace('""', '"') for f in alone]
            else:
                log.skip(f"unbalanced quote: row not read ({len(alone)} fields without quote handling, "
                         f"the header has {len(header)}); the {len(taken) - 1} line(s) after it read again",
                         f"line {start}")
            continue
        if len(fields) != len(header):
            log.skip(f"row has {len(fields)} fields, the header has {len(header)}", f"line {start}")
            continue
        if len(taken) == 1 and '"' in taken[0][1] and not _strict_ok(taken[0][1], delimiter):
            # a stray quote ("Клиент 5,"Сообщение…) makes the lenient reader glue fields together while
            # still counting right: never load such a row silently
            alone = next(csv.reader([taken[0][1]], delimiter=delimiter, quoting=csv.QUOTE_NONE))
            if len(alone) == len(header) and not any('"' in f for f in alone):
                log.repair("stray quote: row read without quote handling", f"line {start}")
                yield "row", start, alone
            else:
                log.skip("stray quote inside a field: the row's fields cannot be told apart, row not read",
                         f"line {start}")
            continue
        yield "row", start, fields


def _strict_ok(text: str, delimiter: str) -> bool:
    """True when ``text`` is one well-formed CSV record (quotes only around whole fields)."""
    try:
        next(csv.reader([text], delimiter=delimiter, strict=True))
    except (csv.Error, StopIteration):
        return False
    return True


def _iter_records(path: Path, log: FileLog, delimiter: str | None, encoding: str | None,
                  batch_size: int) -> Iterator[tuple[list[str], str, dict]]:
    """Yield (columns, position, record) for every data row of any table format.

    ``columns`` may change along the file (each Excel sheet has its own
    header; JSON records their own keys): the caller maps each set on its own.
    Every record seen is counted with ``log.record()``; one not yielded is
    reported with ``log.skip``.
    """
    s = path.suffix.lower()
    if s in (".csv", ".tsv", ".tab", ".txt"):
        header: list[str] = []
        for kind, line, fields in _csv_records(path, log, delimiter, encoding):
            if kind == "header":
                header = _unique(fields)
            else:
                yield header, f"line {line}", dict(zip(header, fields))
    elif s in (".jsonl", ".ndjson"):
        for n, _, text in iter_lines(path, log, encoding=encoding):
            if not text.strip():
                continue
            log.record()
            try:
                rec = json.loads(text)
            except json.JSONDecodeError as exc:
                log.skip(f"invalid JSON: {exc.msg} at column {exc.colno}", f"line {n}")
                continue
            if not isinstance(rec, dict):
                log.skip(f"line is a JSON {type(rec).__name__}, not an object", f"line {n}")
                continue
            yield list(rec), f"line {n}", rec
    elif s == ".json":
        from .textio import read_whole_text

        data = json.loads(read_whole_text(path, log, encoding))
        if isinstance(data, dict):
            data = next((v for v in data.values() if isinstance(v, list)), None)
            if data is None:
                raise ColumnError("JSON object without a list of records")
        if not isinstance(data, list):
            raise ColumnError(f"JSON {type(data).__name__} is not a list of records")
        for i, rec in enumerate(data, start=1):
            log.record()
            if not isinstance(rec, dict):
                log.skip(f"record is a JSON {type(rec).__name__}, not an object", f"record {i}")
                continue
            yield list(rec), f"record {i}", rec
    elif s in (".xlsx", ".xlsm"):
        import openpyxl  # optional heavy dependency: imported only for Excel files

        log.encoding = "xlsx"
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            known = {n for names in COLUMN_NAMES.values() for n in names}
            for ws in wb.worksheets:
                header = None
                title: tuple[int, tuple] | None = None  # a one-cell row that may be a title above the header
                for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
                    if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                        continue
                    filled = [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())]
                    if header is None and title is None and len(filled) == 1 \
                            and str(filled[0]).strip().lower() not in known:
                        title = (r, values)  # "Отчёт за март 2024": decided by the next row
                        continue
                    if header is None and title is not None and len(filled) >= 2:
                        log.note(f"sheet {ws.title} row {title[0]}: title above the header ignored "
                                 f"({str(next(v for v in title[1] if v is not None))[:60]!r})")
                        title = None
                    elif header is None and title is not None:  # a one-column sheet: the first row was its header
                        header = _unique(["" if v is None else str(v) for v in title[1]])
                        title = None
                    if header is None:  # every sheet has its own header
                        header = _unique(["" if v is None else str(v) for v in values])
                        continue
                    log.record()
                    values = list(values) + [None] * (len(header) - len(values))
                    if len(values) > len(header) and any(v is not None for v in values[len(header):]):
                        log.repair(f"cells beyond the header's {len(header)} columns ignored",
                                   f"sheet {ws.title} row {r}")
                    rec = dict(zip(header, values))
                    if len(wb.worksheets) > 1:
                        rec.setdefault("sheet", ws.title)
                    yield list(rec), f"sheet {ws.title} row {r}", rec
        finally:
            wb.close()
    elif s in (".parquet", ".pq"):
        import pyarrow.parquet as pq  # optional heavy dependency: imported only for Parquet files

        log.encoding = "parquet"
        pf = pq.ParquetFile(path)
        cols = list(pf.schema_arrow.names)
        n = 0
        for batch in pf.iter_batches(batch_size=batch_size):
            for rec in batch.to_pylist():
                n += 1
                log.record()
                yield cols, f"row {n}", rec
    else:
        raise ColumnError(f"not a table format: {path.suffix!r}")


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, n in enumerate(names):
        n = n.strip() or f"column_{i + 1}"
        if n in seen:
            seen[n] += 1
            n = f"{n}_{seen[n]}"
        else:
            seen[n] = 1
        out.append(n)
    return out


def load_table(path: str | Path, log: FileLog, *, source: str | None = None, tz: str = "UTC",
               channel: str | None = None, delimiter: str | None = None, encoding: str | None = None,
               dayfirst: bool | None = None, batch_size: int = 50_000, **columns) -> pd.DataFrame:
    """Read one table of messages; column arguments as in the module docstring.

    Each set of columns (each Excel sheet, each shape of JSON record) is
    mapped on its own; a record whose columns hold no text column is skipped
    and reported. Day-first or month-first is decided once for the whole time
    column of each table (each Excel sheet apart; :mod:`clientcomm.loaders.dates`),
    so every row of a table is read the same way.
    """
    from .dates import decide_date_order

    path = Path(path)
    source = source or path.name
    chosen = _chosen(columns)
    makers: dict[tuple, _RowMaker | ColumnError] = {}
    batches: list[tuple[list[dict], list]] = []
    rows: list[dict] = []
    times: list = []
    sheets: list[str] = []  # "sheet X" of each row of a workbook: each sheet is its own table
    n = 0
    no_text: ColumnError | None = None
    for cols, position, rec in _iter_records(path, log, delimiter, encoding, batch_size):
        key = tuple(cols)
        maker = makers.get(key)
        if maker is None:
            try:
                maker = makers[key] = _RowMaker(cols, chosen, source, channel)
            except ColumnError as exc:
                maker = makers[key] = exc
        if isinstance(maker, ColumnError):
            no_text = maker
            log.skip(str(maker), position)
            continue
        n += 1
        row = maker(rec, position, n)
        times.append(row.pop("timestamp", None))
        rows.append(row)
        sheets.append(position.split(" row ")[0] if position.startswith("sheet ") else "")
        if len(rows) >= batch_size:
            batches.append((rows, times))
            rows, times = [], []
    if rows or not batches:
        batches.append((rows, times))
    if n == 0 and no_text is not None:
        raise no_text  # no part of the file has a text column: the file is skipped with this reason
    column = next((m.map.get("timestamp") for m in makers.values()
                   if isinstance(m, _RowMaker) and m.map.get("timestamp")), "time")
    all_times = [t for _, ts in batches for t in ts]
    orders = {}  # day or month first: decided per sheet (one table each), from its whole column
    several = len(set(sheets)) > 1
    for sheet in dict.fromkeys(sheets) or [""]:
        orders[sheet] = decide_date_order((t for t, g in zip(all_times, sheets) if g == sheet),
                                          dayfirst=dayfirst, column=column)
        if orders[sheet].note:
            log.note(f"{sheet}: {orders[sheet].note}" if several else orders[sheet].note)
    del all_times
    frames = []
    start = 0
    for rows, times in batches:
        groups = sheets[start:start + len(rows)]
        start += len(rows)
        parsed = pd.Series(pd.NaT, index=range(len(times)), dtype=f"datetime64[ns, {tz}]")
        for sheet in dict.fromkeys(groups):
            idx = [i for i, g in enumerate(groups) if g == sheet] if several else list(range(len(times)))
            part, bad = parse_times([times[i] for i in idx], tz=tz, dayfirst=orders[sheet].dayfirst)
            parsed.iloc[idx] = part.to_numpy()
            for j in bad:
                log.repair(f"unreadable time {times[idx[j]]!r}: timestamp left empty", rows[idx[j]]["position"])
        frame = to_frame(rows, tz=tz)
        frame["timestamp"] = parsed.to_numpy() if len(frame) else frame["timestamp"]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def read_records(path: str | Path, *, encoding: str | None = None, delimiter: str | None = None) -> pd.DataFrame:
    """A table file as it is: every input column in order, one row per record, read like :func:`clientcomm.load`.

    The same readers as :func:`load_table` (encoding detection, every Excel
    sheet, a malformed row or JSON line skipped and reported with its line),
    but no columns are mapped or added except ``sheet`` for a workbook with
    several sheets. Columns are the union, in order of first appearance. CSV
    and TSV values stay strings. The load report (same accounting) is in
    ``attrs["load_report"]``; a file that cannot be read at all raises
    :class:`ColumnError` or :class:`ValueError` with a one-line reason. This is
    what ``clientcomm annotate`` reads its input with.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "t.jsonl")
    >>> _ = open(p, "w").write('{"id": 1, "text": "Bună"}\\n{broken\\n{"id": 2, "text": "Salut", "x": 5}\\n')
    >>> df = read_records(p)
    >>> list(df.columns), df["text"].tolist(), [r["location"] for r in df.attrs["load_report"]]
    (['id', 'text', 'x'], ['Bună', 'Salut'], ['', 'line 2'])
    """
    from .load_report import Report

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    if path.suffix.lower() not in TABLE_SUFFIXES:
        raise ColumnError(f"not a table format: {path.suffix!r} (use one of {', '.join(TABLE_SUFFIXES)})")
    log = FileLog()
    if path.stat().st_size == 0:
        raise ColumnError(f"{path.name} is empty")
    columns: dict[str, None] = {}
    records: list[dict] = []
    for cols, _pos, rec in _iter_records(path, log, delimiter, encoding, 50_000):
        for c in cols:
            columns.setdefault(c, None)
        records.append(rec)
    df = pd.DataFrame.from_records(records, columns=list(columns)) if records else pd.DataFrame(columns=list(columns))
    report = Report()
    status = "partial" if (log.skipped or log.repaired) else "loaded"
    if not len(df) and log.skipped:
        status = "skipped"
    notes = [f"{log.skipped} item(s) skipped"] if log.skipped else []
    report.file(path.name, status, records=log.records, loaded=len(df), skipped=log.skipped, repaired=log.repaired,
                encoding=log.encoding, confidence=log.confidence, reason="; ".join(notes + log.notes))
    for st, reason, where in log.items:
        report.item(path.name, st, reason, where)
    df.attrs["load_report"] = list(report)
    return df
