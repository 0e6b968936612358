"""The message table every loader returns, and the helpers they share.

A loader yields one dict per message with any of :data:`MESSAGE_COLUMNS`;
:func:`to_frame` fills the missing ones with their defaults, makes the
``timestamp`` column timezone-aware (naive times are taken to be in ``tz``,
``UTC`` unless told otherwise, and every time is expressed in ``tz``) and
:func:`add_clean_text` runs :func:`clientcomm.clean.clean_documents` on the
message body (``text``, without quoted replies and signatures).

>>> df = to_frame([{"doc_id": "a#1", "text": "Bună ziua!", "timestamp": "2023-01-02 15:45"}], tz="Europe/Bucharest")
>>> str(df.loc[0, "timestamp"])
'2023-01-02 15:45:00+02:00'
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

__all__ = ["MESSAGE_COLUMNS", "DEFAULTS", "to_frame", "to_timestamp", "parse_times", "add_clean_text", "empty_frame", "is_message"]

#: Columns of the documents table of message data, in order.
MESSAGE_COLUMNS = ["doc_id", "source", "position", "title", "declared_lang", "channel", "sender", "recipient",
                   "role", "timestamp", "thread_id", "reply_to", "text", "raw_text", "clean_text", "quoted_text",
                   "signature", "is_system", "media"]
DEFAULTS = {"doc_id": "", "source": "", "position": "", "title": "", "declared_lang": "", "channel": "",
            "sender": "", "recipient": "", "role": "", "timestamp": None, "thread_id": "", "reply_to": "",
            "text": "", "raw_text": None, "quoted_text": "", "signature": "", "is_system": False, "media": ""}


def to_timestamp(value, tz: str = "UTC") -> pd.Timestamp:
    """A timezone-aware Timestamp in ``tz``; naive values are taken to be in ``tz``; NaT if unreadable.

    >>> str(to_timestamp("2023-01-02T15:45:12+03:00"))
    '2023-01-02 12:45:12+00:00'
    >>> to_timestamp("not a date") is pd.NaT
    True
    """
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return pd.NaT
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            ts = pd.Timestamp(value, unit="ms" if abs(value) > 1e11 else "s", tz="UTC")
        else:
            if isinstance(value, str) and not value.strip():
                return pd.NaT
            ts = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return pd.NaT
    if ts is pd.NaT:
        return pd.NaT
    try:
        return ts.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward") if ts.tzinfo is None \
            else ts.tz_convert(tz)
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return pd.NaT


_AWARE = r"(?:[zZ]|[+-]\d{2}:?\d{2}|\s(?:UTC|GMT))$"


def parse_times(values: list, tz: str = "UTC", dayfirst: bool | None = None) -> tuple[pd.Series, list[int]]:
    """Vectorised :func:`to_timestamp` for a column of times: (times in ``tz``, positions not understood).

    ``d/m/y``-shaped strings (``12.03.2024 10:00``, ``3/4/24``) are read
    strictly in one order for the whole column: ``dayfirst`` when given, else
    decided from the column (:func:`clientcomm.loaders.dates.decide_date_order`);
    a value that does not fit that order is not understood (never swapped).
    Other strings are parsed in bulk (the format guessed once per kind,
    aware and naive apart); only strings that fail go one by one.

    >>> t, bad = parse_times(["2023-01-02 15:45", "2023-01-02T15:45:00+03:00", "", "soon"])
    >>> [str(x) for x in t], bad
    (['2023-01-02 15:45:00+00:00', '2023-01-02 12:45:00+00:00', 'NaT', 'NaT'], [3])
    >>> [str(x.date()) for x in parse_times(["12.03.2024", "01.02.2024"])[0]]
    ['2024-03-12', '2024-02-01']
    """
    import warnings

    from .dates import DMY, decide_date_order, normalise_written_dates, parse_dmy, utc_offsets

    ser = pd.Series(values, dtype=object)
    out = pd.Series(pd.NaT, index=ser.index, dtype=f"datetime64[ns, {tz}]")
    is_str = ser.map(lambda v: isinstance(v, str) and bool(v.strip()))
    strs = normalise_written_dates(ser[is_str].map(str.strip))  # 12 марта 2024, 2024年3月12日: pandas cannot
    dmy = strs.str.match(DMY.pattern) if len(strs) else pd.Series([], dtype=bool)
    if dmy.any():
        if dayfirst is None:
            dayfirst = decide_date_order(strs[dmy].tolist()).dayfirst
        parsed = parse_dmy(strs[dmy], dayfirst=bool(dayfirst))
        offsets = utc_offsets(strs[dmy])
        aware_dmy = offsets.notna()
        local = parsed[~aware_dmy].dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
        out.loc[local.index] = local.astype(out.dtype)
        if aware_dmy.any():  # "12.03.2024 10:00 +03:00": the written offset, then the output zone
            shifted = (parsed[aware_dmy] - pd.to_timedelta(offsets[aware_dmy], unit="min")).dt.tz_localize("UTC")
            out.loc[shifted.index] = shifted.dt.tz_convert(tz).astype(out.dtype)
        strs = strs[~dmy]
    aware = strs.str.contains(_AWARE, regex=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for mask, utc in ((aware, True), (~aware, False)):
            part = strs[mask]
            if not len(part):
                continue
            try:
                parsed = pd.to_datetime(part, errors="coerce", utc=utc)
            except (ValueError, TypeError, OverflowError):
                parsed = pd.Series(pd.NaT, index=part.index, dtype="datetime64[ns]")
            if utc:
                parsed = parsed.dt.tz_convert(tz)
            elif parsed.dt.tz is None:
                parsed = parsed.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
            else:
                parsed = parsed.dt.tz_convert(tz)
            out.loc[part.index] = parsed.astype(out.dtype)
    bad = []
    rest = set(strs.index)
    for i in ser.index:
        v = ser.iat[i]
        if is_str.iat[i]:
            if pd.isna(out.iat[i]):
                ts = _parse_one(strs[i], tz) if i in rest else pd.NaT  # d/m/y values never fall back on guessing
                if ts is pd.NaT:
                    bad.append(int(i))
                else:
                    out.iat[i] = ts
        elif v is not None and not (isinstance(v, str)):
            ts = to_timestamp(v, tz)
            if ts is not pd.NaT:
                out.iat[i] = ts
            elif not (isinstance(v, float) and v != v) and v is not pd.NaT:
                bad.append(int(i))
    return out, bad


def _parse_one(value: str, tz: str):
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ts = pd.to_datetime(value.strip())
    except (ValueError, TypeError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return pd.NaT
    return to_timestamp(ts, tz)


def _time_column(values: list, tz: str) -> pd.Series:
    if not values:
        return pd.Series([], dtype=f"datetime64[ns, {tz}]")
    stamps = pd.Series([to_timestamp(v, tz) for v in values], dtype=object)
    return pd.to_datetime(stamps, utc=True).dt.tz_convert(tz)


def empty_frame(tz: str = "UTC") -> pd.DataFrame:
    """A documents table with no rows and every column."""
    return to_frame([], tz=tz)


def to_frame(rows: Iterable[dict], tz: str = "UTC") -> pd.DataFrame:
    """Message dicts → documents table with every column of :data:`MESSAGE_COLUMNS` first.

    ``raw_text`` defaults to ``text``; columns beyond the standard ones (user
    metadata) are kept after them. ``clean_text`` is filled by :func:`add_clean_text`.
    """
    rows = list(rows)
    extra: list[str] = []
    for r in rows:
        for k in r:
            if k not in DEFAULTS and k != "clean_text" and k not in extra:
                extra.append(k)
    data: dict[str, list] = {}
    for col in MESSAGE_COLUMNS:
        if col == "clean_text":
            data[col] = [r.get("clean_text", "") for r in rows]
        elif col == "raw_text":
            data[col] = [r["raw_text"] if r.get("raw_text") is not None else r.get("text", "") for r in rows]
        else:
            d = DEFAULTS[col]
            data[col] = [r.get(col, d) for r in rows]
    for col in extra:
        data[col] = [r.get(col) for r in rows]
    del rows
    times = data.pop("timestamp")
    same_raw = all(r is t for r, t in zip(data["raw_text"], data["text"]))
    cols: dict[str, pd.Series] = {}
    for col in MESSAGE_COLUMNS:
        if col == "timestamp":
            cols[col] = _time_column(times, tz)
        elif col == "is_system":
            cols[col] = pd.Series([bool(v) for v in data.pop(col)], dtype=bool)
        elif col == "raw_text" and same_raw:
            data.pop(col)
            cols[col] = cols["text"]  # one string array shared by both columns (copy-on-write)
        else:
            values = data.pop(col)
            if not all(type(v) is str for v in values):
                values = ["" if v is None else str(v) for v in values]
            cols[col] = pd.Series(values, dtype="str")
    for col in extra:
        cols[col] = pd.Series(data.pop(col), dtype=object)
    df = pd.DataFrame(cols)
    for col in extra:  # let pandas choose the type of user columns as read_csv would
        df[col] = df[col].infer_objects()
    return df


#: Cleaning rules (names in :data:`clientcomm.clean.RULES`) for each kind of document. Web-page rules
#: (menus, share prompts, copyright, related links, dangling prompts, title repeats, captions,
#: duplicate lines) are for articles only: on a chat or e-mail message they would delete what a
#: person wrote ("Адрес:", a repeated "ok").
CLEANING_RULES = {
    "article": None,  # all rules
    "message": ("mojibake", "unicode", "pinyin", "whitespace"),
    "table": ("mojibake", "html", "unicode", "pinyin", "whitespace"),  # CRM exports often carry HTML
}


#: Characters a mojibake repair never changes: printable ASCII, tab, line feed, basic Cyrillic А-я, the
#: Romanian letters ă â î ș ț (comma below), CJK ideographs and punctuation, full-width forms, emoji.
#: Every UTF-8 sequence read in a code page ftfy repairs (latin-1, cp1250-1257, iso-8859-2, macroman,
#: cp437) yields a character outside this set: its continuation bytes (0x80-0xBF) never map into it in
#: the Windows/ISO pages, its lead bytes (0xC2-0xF4) never do in macroman and cp437. (ё « » — № are left
#: out on purpose: cp1251 maps continuation bytes to them, "Рё" is mojibake of "и".) ftfy's other fixes
#: act on control characters, C1 codes, "\r" and line separators, also outside the set.
_NO_MOJIBAKE = re.compile("[\t\n\x20-\x7e\u0410-\u044f\u0102\u0103\u00c2\u00e2\u00ce\u00ee\u0218-\u021b"
                          "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U0001F000-\U0001FAFF]*")


def _quick_mojibake(rule):
    """The mojibake rule, skipped for texts made only of characters it never changes (most chat messages)."""
    def run(text: str, lang: str | None = None):
        if _NO_MOJIBAKE.fullmatch(text):
            return text, []
        return rule(text, lang)
    return run


def _cleaner(kind: str):
    from ..clean import RULES, clean_documents

    names = CLEANING_RULES.get(kind)
    if names is None:
        return clean_documents
    rules = [(n, _quick_mojibake(f) if n == "mojibake" else f) for n, f in RULES if n in names]

    def clean(part: pd.DataFrame) -> pd.DataFrame:
        langs = part["declared_lang"] if "declared_lang" in part.columns else [None] * len(part)
        texts, logs = [], []
        for t, lang in zip(part["raw_text"], langs):
            t = t if isinstance(t, str) else ""
            log: list[dict] = []
            for _name, rule in rules:
                t, entries = rule(t, lang if isinstance(lang, str) and lang else None)
                log.extend(entries)
            texts.append(t)
            logs.append(log)
        out = part.copy()
        out["clean_text"] = texts
        out["cleaning_log"] = logs
        return out

    return clean


def add_clean_text(docs: pd.DataFrame, batch_chars: int = 2_000_000, kind: str = "article") -> pd.DataFrame:
    """Fill ``clean_text`` by running the cleaner on ``text`` (the message body).

    ``kind`` chooses the rules (:data:`CLEANING_RULES`): ``article`` runs all
    of :func:`clientcomm.clean.clean_documents`; ``message`` (chat, e-mail)
    and ``table`` only repair characters and whitespace. The cleaner sees
    copies whose ``raw_text`` is the body, so quoted replies and signatures
    are not cleaned into it; columns the cleaner adds (such as
    ``cleaning_log``) are kept. Rows go to the cleaner in batches of about
    ``batch_chars`` characters, so memory stays bounded on large inputs.
    """
    if not len(docs):
        return docs
    if kind not in CLEANING_RULES:
        raise ValueError(f"unknown document kind {kind!r}: choose from {', '.join(CLEANING_RULES)}")
    clean_documents = _cleaner(kind)

    lengths = docs["text"].str.len().to_numpy()
    bounds, size, start = [], 0, 0
    for i, n in enumerate(lengths):
        size += int(n)
        if size >= batch_chars:
            bounds.append((start, i + 1))
            start, size = i + 1, 0
    if start < len(docs):
        bounds.append((start, len(docs)))
    base = docs.drop(columns=["clean_text"])
    clean_parts: list[pd.Series] = []
    added: dict[str, list] = {}
    for a, b in bounds:
        part = base.iloc[a:b]
        cleaned = clean_documents(part.assign(raw_text=part["text"]))
        clean_parts.append(pd.Series(cleaned["clean_text"].tolist(), dtype="str"))
        for col in cleaned.columns:
            if col not in base.columns and col != "clean_text":
                added.setdefault(col, []).extend(cleaned[col].tolist())
        del cleaned
    out = docs.copy()
    clean = clean_parts[0] if len(clean_parts) == 1 else pd.concat(clean_parts, ignore_index=True)
    out["clean_text"] = clean.set_axis(out.index)
    for col, values in added.items():
        out[col] = values
    return out


def is_message(docs: pd.DataFrame) -> pd.Series:
    """True for rows that are messages (a sender or a thread id from the data), False for articles.

    >>> is_message(pd.DataFrame({"sender": ["Ana", ""], "thread_id": ["", ""]})).tolist()
    [True, False]
    """
    flags = pd.Series(False, index=docs.index)
    for col in ("sender", "thread_id"):
        if col in docs:
            flags |= docs[col].fillna("").astype(str).str.strip().ne("")
    return flags
