"""Load client messages from files as they come: ``clientcomm.load(path)``.

One call reads a file or a whole folder (recursively) into the documents
table, one row per message (see :data:`MESSAGE_COLUMNS`): ``doc_id``,
``source`` (file), ``position`` (``line 12``, ``offset 1024``, ``row 3`` …),
``title``, ``declared_lang``, ``channel``, ``sender``, ``recipient``,
``timestamp`` (timezone-aware, in ``tz``; naive times are taken to be in
``tz``, default UTC), ``thread_id``, ``text`` (the body), ``raw_text`` (as
received), ``clean_text`` (``text`` after :func:`clientcomm.clean.clean_documents`),
``quoted_text`` and ``signature`` (e-mail), ``is_system`` (chat service
messages), then any other columns of the input.

The loader is chosen by extension and content:

- ``.csv .tsv .jsonl .json .xlsx .parquet``: tables (:mod:`.tables`; column arguments);
- ``.json`` with Telegram's shape (``messages`` with ``id``/``type``, or ``chats``): Telegram Desktop export
  (:mod:`.telegram`); other JSON objects are tables (records under a key);
- ``.eml``, ``.mbox`` or a file starting with headers or ``From ``: e-mail (:mod:`.email`);
- ``.txt`` starting with a chat header: WhatsApp export (:mod:`.whatsapp`);
- other ``.txt`` and files without extension: plain text (:mod:`.text`);
- a folder with ``manifest.csv`` (a ``file`` column): only its listed files, with the manifest's
  metadata (:mod:`.manifest`); unlisted files are reported. The bundled corpus is such a folder:
  :func:`clientcomm.load_corpus` is ``load(bundled_corpus_path())``.

Folders are walked by :func:`.folder.walk`: symbolic links are followed once
(loops and second paths to a file are reported, never read twice, never
hang), broken links, FIFOs and hidden files are reported.

The load report (``df.attrs["load_report"]``, or :func:`load_report` as a
DataFrame) has one entry per file and one per problem inside a file, with the
file and its line or byte offset: nothing is dropped silently. A file that
cannot be read at all (empty, binary, invalid JSON, unsupported type) is
``skipped``; the call itself only raises when ``path`` does not exist or an
option is unknown. Statuses: ``loaded`` (all read), ``partial`` (some items
skipped or repaired, each listed with its location), ``skipped`` (nothing read).

Command line: ``clientcomm corpus PATH [--output FILE] [--redact]`` prints
the table summary and the load report, and exits with status 0 when at least
one message was loaded and 1 when nothing could be loaded.

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> _ = open(os.path.join(d, "chat.txt"), "w").write("[02.01.23, 15:45:12] Ion: Bună ziua!\\n")
>>> _ = open(os.path.join(d, "empty.csv"), "w").close()
>>> df = load(d)
>>> df[["channel", "sender", "text"]].values.tolist()
[['messenger', 'Ion', 'Bună ziua!']]
>>> load_report(df)[["file", "status", "messages", "reason"]].values.tolist()
[['chat.txt', 'loaded', 1, ''], ['empty.csv', 'skipped', 0, 'empty file']]
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pandas as pd

from ..decoding import DecodeError, decode_bytes
from .base import MESSAGE_COLUMNS, add_clean_text, empty_frame
from .email import load_eml, load_mbox, looks_like_eml, looks_like_mbox
from .folder import walk
from .manifest import find_manifest, read_manifest
from .load_report import REPORT_COLUMNS, FileLog, Report, load_report
from .tables import TABLE_SUFFIXES, ColumnError, load_table, read_records
from .telegram import TelegramFormatError, load_telegram, sniff_telegram
from .text import load_text
from .textio import EmptyFileError, read_head
from .whatsapp import load_whatsapp, looks_like_whatsapp

__all__ = ["load", "load_report", "read_records", "empty_text_note", "detect_format", "MESSAGE_COLUMNS", "REPORT_COLUMNS", "FORMATS"]

log = logging.getLogger(__name__)

FORMATS = ("table", "telegram", "eml", "mbox", "whatsapp", "text")
#: which cleaning rules each format's documents get (see :data:`.base.CLEANING_RULES`)
_DOC_KIND = {"text": "article", "table": "table"}
_TEXT_SUFFIXES = ("", ".txt", ".text", ".log")
_OPTIONS = {"text_column", "channel_column", "sender_column", "recipient_column", "time_column", "thread_column",
            "title_column", "lang_column", "id_column", "channel", "delimiter", "dayfirst", "batch_size", "encoding",
            "part_chars", "role_column", "reply_to_column"}


def detect_format(path: str | Path) -> str | None:
    """Which loader reads ``path`` (one of :data:`FORMATS`), or None when unsupported.

    >>> detect_format("tickets.xlsx"), detect_format("notes.md")
    ('table', None)
    """
    path = Path(path)
    s = path.suffix.lower()
    if s == ".eml":
        return "eml"
    if s in (".mbox", ".mbx"):
        return "mbox"
    if s in TABLE_SUFFIXES and s != ".json":
        return "table"
    if s == ".json":
        try:
            return "telegram" if sniff_telegram(path) else "table"
        except OSError:
            return "table"
    if s in _TEXT_SUFFIXES:
        try:
            head = read_head(path, 65536)
        except OSError:
            return "text"
        if looks_like_mbox(head):
            return "mbox"
        if looks_like_eml(head):
            return "eml"
        try:
            cut = head.rfind(b"\n")
            text = decode_bytes(head[: cut + 1] if cut > 0 else head, partial=cut <= 0).text
        except (DecodeError, UnicodeDecodeError):
            return "text"  # the text loader reports why it cannot be read
        return "whatsapp" if looks_like_whatsapp(text.split("\n")[:20]) else "text"
    return None


def _read_one(path: Path, kind: str, log_: FileLog, source: str, tz: str, options: dict) -> pd.DataFrame:
    enc = options.get("encoding")
    if kind == "table":
        keys = ("text_column", "channel_column", "sender_column", "recipient_column", "time_column",
                "thread_column", "title_column", "lang_column", "id_column", "channel", "delimiter",
                "dayfirst", "batch_size", "role_column", "reply_to_column")
        return load_table(path, log_, source=source, tz=tz, encoding=enc,
                          **{k: v for k, v in options.items() if k in keys and v is not None})
    if kind == "telegram":
        return load_telegram(path, log_, source=source, tz=tz, encoding=enc)
    if kind == "eml":
        return load_eml(path, log_, source=source, tz=tz)
    if kind == "mbox":
        return load_mbox(path, log_, source=source, tz=tz)
    if kind == "whatsapp":
        return load_whatsapp(path, log_, source=source, tz=tz, dayfirst=options.get("dayfirst"), encoding=enc)
    if kind == "text":
        kw = {"part_chars": options["part_chars"]} if options.get("part_chars") else {}
        return load_text(path, log_, source=source, tz=tz, encoding=enc, **kw)
    raise ValueError(f"unknown format {kind!r}: choose from {', '.join(FORMATS)}")


def _why(exc: Exception) -> tuple[str, str, str]:
    """(file reason, item reason, item location) for an exception that stopped a file."""
    if isinstance(exc, EmptyFileError):
        return str(exc), "", ""
    if isinstance(exc, DecodeError):
        return f"not text: {exc}", "", ""
    if isinstance(exc, json.JSONDecodeError):
        return "invalid JSON", exc.msg, f"line {exc.lineno} column {exc.colno} (char {exc.pos})"
    if isinstance(exc, UnicodeDecodeError):
        return "not decodable", f"{exc.reason} in {exc.encoding}", f"byte {exc.start}"
    if isinstance(exc, (ColumnError, TelegramFormatError)):
        return str(exc), "", ""
    return f"could not be read ({type(exc).__name__}: {exc})", "", ""


def _load_file(path: Path, source: str, report: Report, tz: str, clean: bool, options: dict,
               note: str = "") -> pd.DataFrame | None:
    kind = options.get("kind") or detect_format(path)
    if kind is None:
        report.file(source, "skipped", reason=f"unsupported file type {path.suffix or '(none)'!r}")
        return None
    flog = FileLog()
    if note:
        flog.note(note)
    try:
        if path.stat().st_size == 0:
            raise EmptyFileError("empty file")
        try:
            df = _read_one(path, kind, flog, source, tz, options)
        except TelegramFormatError:
            if options.get("kind"):
                raise
            flog = FileLog()  # a JSON object that is not a Telegram export: read it as a table
            kind = "table"
            df = _read_one(path, kind, flog, source, tz, options)
    except Exception as exc:  # noqa: BLE001 - a bad file is reported, never fatal for the others
        reason, item, where = _why(exc)
        reason = "; ".join([reason, *flog.notes])
        # records seen before the failure are lost with the file: all of them count as skipped
        report.file(source, "skipped", records=flog.records, loaded=0, skipped=flog.records,
                    encoding=flog.encoding, confidence=flog.confidence, reason=reason)
        if item or where:
            report.item(source, "skipped", item or reason, where)
        log.info("skipped %s: %s", source, reason)  # the load report carries it
        return None
    if clean and len(df):
        try:
            df = add_clean_text(df, kind=_DOC_KIND.get(kind, "message"))
        except Exception as exc:  # noqa: BLE001 - a cleaner bug must not lose the file: raw text kept, repair reported
            df["clean_text"] = df["text"]
            flog.repair(f"cleaning failed ({type(exc).__name__}: {exc}): clean_text = text", "whole file")
    elif not clean:
        df["clean_text"] = df["text"]
    notes = list(flog.notes)
    if flog.skipped:
        notes.insert(0, f"{flog.skipped} item(s) skipped")
    if flog.repaired:
        notes.insert(1 if flog.skipped else 0, f"{flog.repaired} item(s) loaded with a repair")
    if len(flog.items) < flog.skipped + flog.repaired:
        notes.append(f"only the first {len(flog.items)} are listed")
    if not len(df) and not notes:
        notes.append("no messages in the file")
    if flog.records != len(df) + flog.skipped:  # a loader bug: say so rather than hide it
        notes.append(f"accounting mismatch: {flog.records} records seen, {len(df)} loaded, {flog.skipped} skipped")
    if flog.replaced_bytes:
        notes.append(f"{flog.replaced_bytes} invalid byte(s) replaced by U+FFFD")
    empty = empty_text_note(df)
    if empty:
        notes.append(empty)
    status = "partial" if (flog.skipped or flog.repaired or flog.records != len(df) + flog.skipped) else "loaded"
    if not len(df) and flog.skipped:
        status = "skipped"
    report.file(source, status, records=flog.records, loaded=len(df), skipped=flog.skipped,
                repaired=flog.repaired, encoding=flog.encoding, confidence=flog.confidence,
                reason="; ".join(notes))
    for st, reason, where in flog.items:
        report.item(source, st, reason, where)
    return df


#: positions listed in the empty-text note of a file; beyond it they are counted only
_MAX_EMPTY_LISTED = 20


def empty_text_note(df: pd.DataFrame, column: str = "text") -> str:
    """A note naming the rows kept with empty text (null, "" or blanks), or "" when there are none.

    Rows whose ``media`` is set (a sticker, a photo, a deleted message) are not counted: having no text
    is what they are. The rows are kept; the note lets an analyst see them in the load report.

    >>> empty_text_note(pd.DataFrame({"text": ["a", " ", "", ""], "media": ["", "", "sticker", ""],
    ...                                "position": ["line 1", "line 2", "line 3", "line 4"]}))
    '2 record(s) with empty text: line 2, line 4'
    >>> empty_text_note(pd.DataFrame({"body": ["a", None]}), "body")
    '1 record(s) with empty text: row 2'
    """
    if not len(df) or column not in df.columns:
        return ""
    text = df[column].astype(object).where(df[column].notna(), "").astype(str)
    empty = text.str.strip().eq("")
    if "media" in df.columns:
        empty &= df["media"].astype(object).where(df["media"].notna(), "").astype(str).str.strip().eq("")
    n = int(empty.sum())
    if not n:
        return ""
    if "position" in df.columns:
        where = df.loc[empty, "position"].astype(str).tolist()
    else:  # a plain table (read_records): data rows counted from 1
        where = [f"row {i + 1}" for i in np.flatnonzero(empty.to_numpy())]
    shown = ", ".join(where[:_MAX_EMPTY_LISTED]) + (f" (first {_MAX_EMPTY_LISTED} listed)"
                                                     if n > _MAX_EMPTY_LISTED else "")
    return f"{n} record(s) with empty text" + (f": {shown}" if shown else "")


def _from_manifest(folder: Path, manifest: pd.DataFrame, report: Report, tz: str, clean: bool,
                   options: dict) -> tuple[list[pd.DataFrame], set[str]]:
    """Read the files a manifest lists, with its metadata; returns the frames and the sources read."""
    frames: list[pd.DataFrame] = []
    listed: set[str] = set()
    meta_cols = [c for c in manifest.columns if c != "file"]
    for i, row in enumerate(manifest.to_dict("records"), start=2):
        rel = str(row["file"]).strip()
        listed.add(rel)
        f = folder / rel
        if not rel or not f.is_file():
            report.file(rel or f"manifest line {i}", "skipped", reason="listed in the manifest but missing")
            continue
        df = _load_file(f, rel, report, tz, False, options)  # a JSON that is not Telegram falls back to a table
        if df is None or not len(df):
            continue
        df = df.copy()
        df["file"] = rel
        df["encoding"] = next((e["encoding"] for e in reversed(report) if e["file"] == rel and not e["location"]),
                              None)
        for col in meta_cols:
            value = row[col]
            if col == "doc_id":
                if value:
                    df["doc_id"] = [value] if len(df) == 1 else [f"{value}#{k}" for k in range(1, len(df) + 1)]
            elif value != "" or col not in df.columns:
                df[col] = value
        if clean:
            df = add_clean_text(df, kind=_DOC_KIND.get(detect_format(f) or "text", "message"))
        frames.append(df)
    return frames, listed


def _unlisted(files: list[tuple[Path, str]], listed: set[str], manifest_name: str, report: Report) -> None:
    """One report entry per top-level entry of a manifest folder that the manifest does not list."""
    groups: dict[str, list[str]] = {}
    for _, src in files:
        if src in listed or src == manifest_name:
            continue
        top = src.split("/", 1)[0] + ("/" if "/" in src else "")
        groups.setdefault(top, []).append(src)
    for top, srcs in groups.items():
        what = f"{len(srcs)} file(s) in this folder are" if top.endswith("/") else "file is"
        report.file(top, "skipped", reason=f"{what} not listed in {manifest_name}: not read "
                                         f"(load {top} by its own path to read it)")


def load(path: str | Path, *, tz: str = "UTC", clean: bool = True, recursive: bool = True,
         kind: str | None = None, agents=None, client_roles=None, agent_roles=None, **options) -> pd.DataFrame:
    """Read a file or a folder of message files into the documents table.

    ``agents``, ``client_roles``, ``agent_roles``: who is client or agent, see
    :func:`clientcomm.assign_roles` (run at the end: ``role``, ``role_source``;
    the summary is in ``attrs["role_report"]``).

    ``tz``: time zone for naive times and for the ``timestamp`` column.
    ``kind``: force a loader (one of :data:`FORMATS`) instead of detecting it.
    Table options: ``text_column``, ``channel_column``, ``sender_column``,
    ``time_column``, ``recipient_column``, ``thread_column``, ``id_column``,
    ``role_column`` (raw role values, e.g. ``customer``/``agent``; guessed from
    ``role``, ``роль``, ``rol``, ``角色``, ``sender_type`` …), ``reply_to_column``,
    ``channel`` (one channel for all rows), ``delimiter``, ``dayfirst`` (day or
    month first for a whole column; by default decided from the column and an
    ambiguous one reported); also ``encoding`` (skip detection) and
    ``part_chars`` (large text files).

    The load report (``attrs["load_report"]``, :func:`load_report`) has, per
    file, ``records`` = ``loaded`` + ``skipped``, and one entry per skipped or
    repaired record with its location.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    if kind is not None and kind not in FORMATS:
        raise ValueError(f"unknown format {kind!r}: choose from {', '.join(FORMATS)}")
    unknown = set(options) - _OPTIONS
    if unknown:
        raise TypeError(f"unknown option(s) {', '.join(sorted(unknown))}: choose from {', '.join(sorted(_OPTIONS))}")
    options = dict(options, kind=kind)
    report = Report()
    frames: list[pd.DataFrame] = []
    if path.is_file():
        df = _load_file(path, path.name, report, tz, clean, options)
        frames += [df] if df is not None else []
    else:
        files, problems = walk(path, recursive=recursive)
        for source, reason in problems:  # symbolic-link loops, duplicates, broken links, hidden files …
            report.file(source, "skipped", reason=reason)
        manifest, problem = read_manifest(path) if kind is None else (None, "")
        notes = {find_manifest(path).name: problem} if problem else {}
        if manifest is not None:
            more, listed = _from_manifest(path, manifest, report, tz, clean, options)
            frames += more
            _unlisted(files, listed, find_manifest(path).name, report)
            files = []
        for f, source in files:
            df = _load_file(f, source, report, tz, clean, options, note=notes.get(source, ""))
            if df is not None:
                frames.append(df)
    frames = [f for f in frames if len(f)]
    if len(frames) > 1:
        docs = pd.concat(frames, ignore_index=True)
    else:  # no copy of a single (possibly very large) table
        docs = frames[0].reset_index(drop=True) if frames else empty_frame(tz)
    if "clean_text" not in docs:
        docs["clean_text"] = docs["text"]
    docs["doc_id"] = _unique_ids(docs["doc_id"].astype(str).tolist())
    _link_email_replies(docs)
    first = [c for c in MESSAGE_COLUMNS if c in docs.columns]
    docs = docs[first + [c for c in docs.columns if c not in first]]
    docs.attrs["load_report"] = list(report)
    from ..conversations.roles import assign_roles  # roles need the whole table (mailbox-owner rule)

    return assign_roles(docs, agents=agents, client_roles=client_roles, agent_roles=agent_roles)


def _link_email_replies(docs: pd.DataFrame) -> None:
    """``reply_to`` of e-mails: the ``doc_id`` of the loaded message whose Message-ID is the ``In-Reply-To``."""
    if not len(docs) or "in_reply_to" not in docs.columns or "message_id" not in docs.columns:
        return
    ids = docs["message_id"].astype(object).where(docs["message_id"].notna(), "").astype(str)
    by_id = {m: d for m, d in zip(ids, docs["doc_id"]) if m}
    parent = docs["in_reply_to"].astype(object).where(docs["in_reply_to"].notna(), "").astype(str)
    linked = parent.map(lambda m: by_id.get(m, "") if m else "")
    empty = docs["reply_to"].astype(str) == ""
    docs["reply_to"] = docs["reply_to"].where(~empty, linked).astype("str")


def _unique_ids(ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    taken = set(ids)
    out = []
    for i in ids:
        if i in seen:
            k = seen[i] + 1
            while f"{i}~{k}" in taken:
                k += 1
            seen[i] = k
            new = f"{i}~{k}"
            taken.add(new)
            out.append(new)
        else:
            seen[i] = 1
            out.append(i)
    return out
