"""Day first or month first? Decided once per column from the whole column, never row by row.

``12.03.2024`` is 12 March in Russia and Romania and 3 December in the US.
:func:`decide_date_order` looks at every ``d/m/y``-shaped value of a column:
a first number above 12 proves day first, a second number above 12 proves
month first; a column with only dots (``12.03.2024``) is day first (no locale
writes month first with dots). A column with no proof either way stays
*ambiguous*: it is read day first (the convention of ru, ro and most of the
world) and the load report says so, naming ``dayfirst=False`` for US data.
The user's ``dayfirst=`` always wins; values that contradict it are then
left empty and reported, never silently swapped.

:func:`parse_dmy` reads such values strictly in the decided order (pandas
and dateutil silently swap day and month when a day is over 12).

>>> decide_date_order(["13/04/2024", "03/04/2024"]).dayfirst
True
>>> o = decide_date_order(["03/04/2024", "05/06/2024 10:00"])
>>> o.dayfirst, o.ambiguous
(True, True)
>>> [str(t) for t in parse_dmy(pd.Series(["03/04/2024 10:00", "13/04/2024"]), dayfirst=False)]
['2024-03-04 10:00:00', 'NaT']
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

__all__ = ["DateOrder", "decide_date_order", "parse_dmy", "utc_offsets", "normalise_cjk_dates", "normalise_written_dates", "DMY"]

#: a date written day/month/year or month/day/year, optionally with a time (and am/pm)
DMY = re.compile(r"^\s*(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
                 r"(?:(?:,?\s+|T)(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2})(?:[.,]\d+)?)?"
                 r"(?:[\s\u202f\u00a0]*(?P<ap>[AaPp])\.?\s?[Mm]\.?)?"
                 r"(?:\s*(?P<tz>[Zz]|(?:UTC|GMT)?\s?[+-]\d{2}:?\d{2}|UTC|GMT))?)?\s*$")
_HEAD = re.compile(r"^\s*(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")


@dataclass(frozen=True)
class DateOrder:
    """The decision for one column: ``dayfirst``, whether it stayed ``ambiguous`` and a note for the report."""
    dayfirst: bool
    ambiguous: bool = False
    note: str = ""
    contradicting: int = 0


def decide_date_order(values: Iterable, dayfirst: bool | None = None, column: str = "time") -> DateOrder:
    """Decide day-first or month-first for a whole column (see the module docstring)."""
    day = month = seen = 0
    seps: set[str] = set()
    for v in values:
        if not isinstance(v, str):
            continue
        m = _HEAD.match(v)
        if not m:
            continue
        seen += 1
        a, b = int(m.group(1)), int(m.group(3))
        seps.add(m.group(2))
        if a > 12 >= b:
            day += 1
        elif b > 12 >= a:
            month += 1
    if not seen:
        return DateOrder(True if dayfirst is None else dayfirst)
    if dayfirst is not None:
        against = month if dayfirst else day
        note = (f"{against} {column} value(s) cannot be read {'day' if dayfirst else 'month'} first as asked "
                f"(dayfirst={dayfirst}): left empty") if against else ""
        return DateOrder(dayfirst, False, note, against)
    if day and month:
        first = day >= month
        return DateOrder(first, False, f"{column} column mixes day-first ({day}) and month-first ({month}) "
                         f"values: read {'day' if first else 'month'} first, the {min(day, month)} others left "
                         "empty; pass dayfirst= to choose", min(day, month))
    if day:
        return DateOrder(True)
    if month:
        return DateOrder(False)
    if seps == {"."}:
        return DateOrder(True)
    return DateOrder(True, True, f"{column} column is ambiguous (no day above 12 in {seen} date(s)): read day "
                     "first; pass dayfirst=False if the dates are month first (US)")


def parse_dmy(values: pd.Series, dayfirst: bool) -> pd.Series:
    """Naive Timestamps of ``d/m/y [h:m[:s] [am|pm]]`` strings read strictly in the given order; NaT otherwise."""
    parts = values.astype(str).str.extract(DMY)
    a = pd.to_numeric(parts["a"], errors="coerce")
    b = pd.to_numeric(parts["b"], errors="coerce")
    y = pd.to_numeric(parts["y"], errors="coerce")
    y = y.where(y >= 100, y + 2000)
    hour = pd.to_numeric(parts["h"], errors="coerce").fillna(0)
    ap = parts["ap"].str.lower()
    hour = hour.where(~((ap == "p") & (hour < 12)), hour + 12)
    hour = hour.where(~((ap == "a") & (hour == 12)), 0)
    frame = pd.DataFrame({"year": y, "month": b if dayfirst else a, "day": a if dayfirst else b, "hour": hour,
                          "minute": pd.to_numeric(parts["mi"], errors="coerce").fillna(0),
                          "second": pd.to_numeric(parts["s"], errors="coerce").fillna(0)})
    bad = frame[["year", "month", "day"]].isna().any(axis=1) | (frame["month"] > 12) | (frame["month"] < 1) \
        | (frame["day"] < 1) | (frame["day"] > 31) | (frame["hour"] > 23) | (frame["minute"] > 59) \
        | (frame["second"] > 59)
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    ok = frame[~bad]
    if len(ok):
        out.loc[ok.index] = pd.to_datetime(ok.astype("int64"), errors="coerce").astype("datetime64[ns]")
    return out


def utc_offsets(values: pd.Series) -> pd.Series:
    """Minutes east of UTC written in each ``d/m/y`` value (``+03:00``, ``Z``, ``UTC``); NaN when none.

    >>> utc_offsets(pd.Series(["12.03.2024 10:00 +03:00", "12.03.2024 10:00", "1/2/24 9:00 Z"])).tolist()
    [180.0, nan, 0.0]
    """
    tz = values.astype(str).str.extract(DMY)["tz"].fillna("").str.upper()
    sign = tz.str.extract(r"([+-])")[0]
    hh = pd.to_numeric(tz.str.extract(r"[+-](\d{2})")[0], errors="coerce")
    mm = pd.to_numeric(tz.str.extract(r"[+-]\d{2}:?(\d{2})")[0], errors="coerce")
    minutes = (hh * 60 + mm).where(sign != "-", -(hh * 60 + mm))
    return minutes.where(tz.str.match(r".*[+-]"), pd.Series(0.0, index=values.index).where(tz != "", float("nan")))


#: a date written the Chinese way, with an optional part of day and time: 2024年3月12日 下午2:30
_CJK = re.compile(r"^\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]"
                  r"(?:\s*(?:星期|周|週)[一二三四五六日天])?"
                  r"(?:\s*(?P<ap>上午|下午|中午|晚上|凌晨|早上)?\s*(?P<h>\d{1,2})\s*[:：时時点點]\s*(?P<mi>\d{2})\s*分?"
                  r"(?:\s*[:：]?\s*(?P<s>\d{2})\s*秒?)?)?\s*$")


def normalise_cjk_dates(values: pd.Series) -> pd.Series:
    """``2024年3月12日 下午2:30`` → ``2024-03-12 14:30:00``; other values unchanged.

    >>> normalise_cjk_dates(pd.Series(["2024年3月12日 14:30", "2024年3月2日 下午2:05", "12.03.2024"])).tolist()
    ['2024-03-12 14:30:00', '2024-03-02 14:05:00', '12.03.2024']
    """
    def one(v: str) -> str:
        m = _CJK.match(v)
        if m is None:
            return v
        h, mi, s = int(m.group("h") or 0), int(m.group("mi") or 0), int(m.group("s") or 0)
        ap = m.group("ap")
        if ap in ("下午", "晚上") and h < 12 or ap == "中午" and h < 11:
            h += 12
        elif ap in ("上午", "凌晨", "早上") and h == 12:
            h = 0
        return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d} {h:02d}:{mi:02d}:{s:02d}"

    has = values.str.contains("年", regex=False)
    if not has.any():
        return values
    out = values.copy()
    out[has] = values[has].map(one)
    return out


#: month names and abbreviations (first three letters) of ru and ro dates; English is read by pandas
_MONTHS = {"янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7, "авг": 8, "сен": 9,
           "окт": 10, "ноя": 11, "дек": 12, "ian": 1, "feb": 2, "apr": 4, "mai": 5, "iun": 6, "iul": 7,
           "aug": 8, "sep": 9, "oct": 10, "noi": 11, "nov": 11, "dec": 12}
_WORDY = re.compile(r"^\s*(?:[^\W\d]{1,12}\.?,\s*)?(?P<d>\d{1,2})\s+(?P<mon>[^\W\d]{3,12})\.?\s+(?P<y>\d{4})"
                    r"(?:\s*г\.?)?(?:,?\s+(?:в\s+|la\s+|ora\s+)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?)?\s*$")
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")


def normalise_written_dates(values: pd.Series) -> pd.Series:
    """Dates pandas cannot read, rewritten as ISO text; other values unchanged.

    ``12 марта 2024 14:05``, ``1 aprilie 2024, 09:00`` (month names, ru/ro),
    ``2024年3月12日 下午2:05`` (zh) and Unix times in seconds or milliseconds
    written as text (``1710252300``, read as UTC).

    >>> normalise_written_dates(pd.Series(["12 марта 2024 г. 14:05", "5 mai 2024", "1710252300", "May 5, 2024"]))[:4].tolist()
    ['2024-03-12 14:05:00', '2024-05-05 00:00:00', '2024-03-12T14:05:00+00:00', 'May 5, 2024']
    """
    values = normalise_cjk_dates(values)

    def one(v: str) -> str:
        if _EPOCH.match(v):
            ts = pd.Timestamp(int(v), unit="ms" if len(v) == 13 else "s", tz="UTC")
            return ts.isoformat()
        m = _WORDY.match(v)
        if m is None:
            return v
        mon = _MONTHS.get(m.group("mon")[:3].lower())
        if mon is None and m.group("mon")[:3].lower() == "mar":  # март/martie share "mar" with March
            mon = 3
        if mon is None:
            return v
        h, mi, sec = int(m.group("h") or 0), int(m.group("mi") or 0), int(m.group("s") or 0)
        return f"{int(m.group('y')):04d}-{mon:02d}-{int(m.group('d')):02d} {h:02d}:{mi:02d}:{sec:02d}"

    cand = values.str.contains(r"^\s*\d{10}(?:\d{3})?\s*$|[^\W\d]{3}", regex=True)
    if not cand.any():
        return values
    out = values.copy()
    out[cand] = values[cand].map(one)
    return out
