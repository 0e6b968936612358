"""Mask personal data in texts with stable placeholders: ``clientcomm.redact(texts)``.

Found and masked, in this order (an earlier kind wins where two overlap):

- ``EMAIL``  addresses, Latin, Cyrillic, CJK or punycode domains (``ivan@пример.рф``, ``kefu@例子.中国``,
  ``ivan@xn--e1afmkfd.xn--p1ai``);
- ``IBAN``   account numbers, upper or lower case, with or without spaces,
  checked with ISO 13616 mod-97 and the country's length;
- ``CARD``   payment card numbers, 13–19 digits starting 2–6, plain or in the
  usual groups (4-4-4-4, 4-6-5 …), checked with the Luhn algorithm (a
  13-digit number that is a valid EAN-13 barcode is not a card);
- ``PHONE``  Russian (``+7 (916) 123-45-67``, ``8 800 555-35-35``, ``912 345-67-89``),
  Moldovan (``069 123 456``, ``+373 22 12 34 56``), Romanian
  (``+40 721 234 567``, ``0721 234 567``, ``021 312 34 56``), Chinese
  mobile and landline (``+86 138 1234 5678``, ``010-12345678``), Hong Kong,
  Macau and Taiwan (``+852 2345 6789``, ``0912 345 678``, ``(02) 2345-6789``),
  North American ``(555) 123-4567`` and any ``+``-prefixed E.164 number
  of 8–15 digits;
- ``HANDLE`` ``@name`` handles (Telegram, Instagram, X).

The same value gets the same placeholder (``<EMAIL_1>``, ``<PHONE_2>``) within
one call, or across calls through one :class:`Redactor`; values are compared
normalised (case of e-mails, separators and country prefix of phones), so
``8 (916) 123-45-67`` and ``+79161234567`` are one ``<PHONE_1>``.

>>> redact("Пишите на ivan.petrov@example.ru или звоните +7 (916) 123-45-67, ivan.petrov@example.ru")
'Пишите на <EMAIL_1> или звоните <PHONE_1>, <EMAIL_1>'
>>> r = Redactor()
>>> r.redact(["IBAN RO49 AAAA 1B31 0075 9384 0000", "card 4111 1111 1111 1111, @ana_pop"])
['IBAN <IBAN_1>', 'card <CARD_1>, <HANDLE_1>']
>>> r.summary()[["kind", "occurrences", "distinct"]].values.tolist()
[['EMAIL', 0, 0], ['IBAN', 1, 1], ['CARD', 1, 1], ['PHONE', 0, 0], ['HANDLE', 1, 1]]
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

__all__ = ["redact", "redact_documents", "Redactor", "find_pii", "Match", "KINDS", "DEFAULT_PLACEHOLDERS", "luhn_ok",
           "iban_ok", "ean13_ok"]

KINDS = ("EMAIL", "IBAN", "CARD", "PHONE", "HANDLE")
DEFAULT_PLACEHOLDERS = {k: f"<{k}_{{n}}>" for k in KINDS}


@dataclass(frozen=True)
class Match:
    """One piece of personal data: its kind, span in the text, value and normalised key."""
    kind: str
    start: int
    end: int
    value: str
    key: str


# --- e-mail -----------------------------------------------------------------
_L = "A-Za-z0-9\u0400-\u04ff"
#: letters of internationalised domain names (IDNA): Latin with diacritics, Cyrillic, CJK (``例子.中国``)
_D = _L + "\u00c0-\u024f\u3400-\u4dbf\u4e00-\u9fff"
_EMAIL = re.compile(
    rf"(?<![{_L}._%+'-])[{_L}_%+'-]+(?:\.[{_L}_%+'-]+)*@(?:[{_D}](?:[{_D}-]{{0,61}}[{_D}])?\.)+"
    rf"(?:[A-Za-z\u0400-\u04ff]{{2,24}}|[\u4e00-\u9fff]{{2,8}}|[Xx][Nn]--[A-Za-z0-9-]{{1,59}}[A-Za-z0-9])(?![{_L}-])")

# --- IBAN (lengths from the ISO 13616 IBAN registry) ----------------------------
IBAN_LENGTHS = dict(
    AD=24, AE=23, AL=28, AT=20, AZ=28, BA=20, BE=16, BG=22, BH=22, BR=29, BY=28, CH=21, CR=22, CY=28, CZ=24,
    DE=22, DK=18, DO=28, EE=20, EG=29, ES=24, FI=18, FO=18, FR=27, GB=22, GE=22, GI=23, GL=18, GR=27, GT=28,
    HR=21, HU=28, IE=22, IL=23, IQ=23, IS=26, IT=27, JO=30, KW=30, KZ=20, LB=28, LC=32, LI=21, LT=20, LU=20,
    LV=21, MC=27, MD=24, ME=22, MK=19, MR=27, MT=31, MU=30, NL=18, NO=15, PK=24, PL=28, PS=29, PT=25, QA=29,
    RO=24, RS=22, RU=33, SA=24, SC=31, SE=24, SI=19, SK=24, SM=27, ST=25, SV=28, TL=23, TN=24, TR=26, UA=29,
    VA=22, VG=24, XK=20)
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}")  # lower case, dashes: ro49-aaaa…


def iban_ok(iban: str) -> bool:
    """ISO 13616 check: right length for the country and remainder 1 modulo 97.

    >>> iban_ok("RO49AAAA1B31007593840000"), iban_ok("RO49AAAA1B31007593840001")
    (True, False)
    """
    s = iban.replace(" ", "").replace("-", "").upper()
    if len(s) < 15 or len(s) > 34 or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    if s[:2] in IBAN_LENGTHS and len(s) != IBAN_LENGTHS[s[:2]]:
        return False
    digits = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(digits) % 97 == 1


def _ibans(text: str) -> Iterable[Match]:
    for m in _IBAN.finditer(text):
        raw = m.group()
        positions = [i for i, c in enumerate(raw) if c not in " -"]
        want = IBAN_LENGTHS.get(raw[:2].upper())
        lengths = [want] if want else range(min(len(positions), 34), 14, -1)
        for n in lengths:
            if n > len(positions):
                continue
            end = positions[n - 1] + 1
            if end < len(raw) and raw[end].isalnum():
                continue  # an IBAN ends at a word or group boundary
            cand = raw[:end]
            if iban_ok(cand):
                yield Match("IBAN", m.start(), m.start() + end, cand, cand.replace(" ", "").replace("-", "").upper())
                break


# --- payment cards ----------------------------------------------------------------
_CARD = re.compile(r"(?<![A-Za-z0-9+])(?<!\d[ -])[2-6]\d*(?:[ -]?\d+)*(?![ -]?\d)")
#: digit groups a card number is printed in, when it is not one run of digits
_CARD_GROUPS = {(4, 4, 4, 4), (4, 4, 4, 4, 3), (4, 4, 4, 3), (4, 6, 5), (4, 6, 4), (6, 13)}


def luhn_ok(number: str) -> bool:
    """Luhn checksum of the digits of ``number``.

    >>> luhn_ok("4111 1111 1111 1111"), luhn_ok("4111 1111 1111 1112")
    (True, False)
    """
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return bool(digits) and total % 10 == 0


def ean13_ok(number: str) -> bool:
    """GS1 check digit of a 13-digit barcode (weights 1 and 3).

    >>> ean13_ok("4006381333931"), ean13_ok("4006381333932")
    (True, False)
    """
    d = [int(c) for c in number if c.isdigit()]
    return len(d) == 13 and (sum(d[i] * (3 if i % 2 else 1) for i in range(12)) + d[12]) % 10 == 0


def _cards(text: str) -> Iterable[Match]:
    for m in _CARD.finditer(text):
        raw = m.group()
        groups = re.split(r"[ -]", raw)
        digits = "".join(groups)
        if not 13 <= len(digits) <= 19:
            continue
        if len(digits) == 13 and (not digits.startswith("4") or ean13_ok(digits)):
            continue  # 13 digits: only old Visa cards; an EAN-13 barcode is not a card
        seps = set(re.findall(r"[ -]", raw))
        shape = tuple(len(g) for g in groups)
        if len(groups) > 1 and (len(seps) > 1 or shape not in _CARD_GROUPS):
            continue
        if luhn_ok(digits):
            yield Match("CARD", m.start(), m.end(), raw, digits)


# --- phones -----------------------------------------------------------------
_S = r"[ \-.]?"  # one optional separator
_P, _Q = r"(?:\(\+|\+|00)", r"\)?"  # international prefix: +40, (+40), 0040
# (country code, pattern, whether a national-prefix number must show a separator)
_PHONES: list[tuple[str, re.Pattern, bool]] = [(cc, re.compile(r"(?<![A-Za-z0-9+])(?<!\d[ \-./])" + p
                                                            + r"(?![ \-]?\d)"), sep)
                                               for cc, p, sep in [
    ("7", rf"(?:{_P}7{_Q}|8){_S}(?:\(\d{{3}}\)|\d{{3}}){_S}\d{{3}}{_S}\d{{2}}{_S}\d{{2}}", False),
    ("7", rf"(?:{_P}7{_Q}|8){_S}\(\d{{4,5}}\){_S}\d{{1,3}}(?:[ \-]?\d{{2}}){{2}}", False),  # 8 (81372) 2-34-56
    ("40", rf"(?:{_P}40{_Q}{_S}(?:\(0\))?{_S}|0)7\d{{2}}{_S}\d{{3}}{_S}\d{{3}}", False),
    ("40", rf"(?:{_P}40{_Q}{_S}(?:\(0\))?{_S}|0)(?:[238]\d{{2}}{_S}\d{{3}}{_S}\d{{3}}"
           rf"|[23]1{_S}\d{{3}}{_S}\d{{2}}{_S}\d{{2}}|[23]1{_S}\d{{3}}{_S}\d{{4}})", True),
    ("7", rf"(?:\(9\d{{2}}\)|9\d{{2}}){_S}\d{{3}}{_S}\d{{2}}{_S}\d{{2}}", True),  # 912 345-67-89 (no prefix)
    # Moldova mobile (069 123 456): operators' prefixes 060, 062, 067, 068, 069, 076, 078, 079 (ANRCETI plan)
    ("373", rf"(?:{_P}373{_Q}{_S}0?|0){_S}(?:6[02789]|7[689]){_S}\d{{3}}{_S}\d{{3}}", False),
    ("373", rf"(?:(?:{_P}373{_Q}{_S}0?|0){_S}(?:22|2[3-9]\d)|\(0(?:22|2[3-9]\d)\)){_S}"
     rf"(?:\d{{2}}{_S}\d{{2}}{_S}\d{{2}}|\d{{3}}{_S}\d{{3}})", True),  # 022 12 34 56, (022) 12-34-56, 022 123 456
    ("86", rf"(?:{_P}86{_Q}{_S})?1[3-9]\d{_S}\d{{4}}{_S}\d{{4}}", False),
    ("86", rf"(?:{_P}86{_Q}{_S}(?:10|2\d|[3-9]\d{{2}})|0(?:10|2\d|[3-9]\d{{2}})|\(0(?:10|2\d|[3-9]\d{{2}})\))"
           rf"{_S}\d{{3,4}}{_S}\d{{4}}", True),
    ("852", rf"{_P}85[23]{_Q}{_S}\d{{4}}{_S}\d{{4}}", False),
    ("886", rf"(?:{_P}886{_Q}{_S}9|09)\d{{2}}{_S}\d{{3}}{_S}\d{{3}}", False),
    ("886", rf"(?:{_P}886{_Q}{_S}[2-8]|0[2-8]|\(0[2-8]\)){_S}\d{{3,4}}{_S}\d{{4}}", True),
    ("1", r"(?:\(?\+1\)?[ \-.]?)?(?:\(\d{3}\)[ \-.]?\d{3}|\d{3}[\-.]\d{3})[\-.]\d{4}", False),
    ("", r"\(?\+[1-9]\d{0,3}\)?(?:[ \-.]?\(?\d{1,5}\)?){2,6}", False),
]]
_COUNTRY_CODES = ("7", "40", "373", "86", "852", "853", "886", "1")


def _phone_key(raw: str, cc: str) -> str | None:
    digits = re.sub(r"\D", "", raw)
    intl = raw.startswith(("+", "00", "(+"))
    if raw.startswith("00"):
        digits = digits[2:]
    if cc == "":  # generic E.164
        return "+" + digits if 8 <= len(digits) <= 15 else None
    if intl:
        return "+" + digits
    if cc == "7":
        return "+7" + digits[-10:] if len(digits) in (10, 11) else None
    if cc == "1":
        return "+1" + digits[-10:]
    return "+" + cc + digits.lstrip("0")


#: a number right after these words is an identifier, not a phone (ИНН 0245012345, order 0721234567)
_NOT_PHONE_BEFORE = re.compile(
    r"(?:ИНН|ОГРН|КПП|БИК|СНИЛС|ОКПО|CNP|CUI|IDNP|заказ\w*|договор\w*|№|#|n[or]\.|order|invoice|"
    r"ticket|comanda|comenzii|factura|facturii|订单|訂單|单号|單號|编号|編號)"
    r"\s*(?:nr\.?|no\.?|№)?\s*[:#№]?\s*$", re.I)


def _phones(text: str) -> Iterable[Match]:
    for cc, pat, needs_sep in _PHONES:
        for m in pat.finditer(text):
            if needs_sep and m.group().isdigit():
                continue  # bare 0xxxxxxxxx: account or order numbers look the same
            if not m.group().startswith(("+", "(")) and _NOT_PHONE_BEFORE.search(text, max(0, m.start() - 24),
                                                                                  m.start()):
                continue
            key = _phone_key(m.group(), cc)
            if key:
                yield Match("PHONE", m.start(), m.end(), m.group(), key)


# --- handles ------------------------------------------------------------------
_HANDLE = re.compile(r"(?<![A-Za-z0-9_.@/\u0400-\u04ff-])@(?=[A-Za-z0-9_.]*[A-Za-z])[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,30}"
                     r"[A-Za-z0-9_])(?![A-Za-z0-9_@])")


def _finders():
    return {
        "EMAIL": lambda t: (Match("EMAIL", m.start(), m.end(), m.group(), m.group().lower())
                            for m in _EMAIL.finditer(t)),
        "IBAN": _ibans,
        "CARD": _cards,
        "PHONE": _phones,
        "HANDLE": lambda t: (Match("HANDLE", m.start(), m.end(), m.group(), m.group().lower())
                             for m in _HANDLE.finditer(t)),
    }


def find_pii(text: str, kinds: Iterable[str] = KINDS) -> list[Match]:
    """Every piece of personal data in ``text``, without overlaps, in text order.

    >>> [(m.kind, m.value) for m in find_pii("Sunați la 0721 234 567 sau scrieți la ana@firma.ro")]
    [('PHONE', '0721 234 567'), ('EMAIL', 'ana@firma.ro')]
    """
    if not text or not any(c.isdigit() or c == "@" for c in text):
        return []
    finders = _finders()
    taken: list[Match] = []
    for kind in KINDS:
        if kind not in kinds:
            continue
        found = sorted(finders[kind](text), key=lambda m: (m.start, -(m.end - m.start)))
        for m in found:
            if all(m.end <= t.start or m.start >= t.end for t in taken):
                taken.append(m)
    return sorted(taken, key=lambda m: m.start)


class Redactor:
    """Masks personal data, keeping one placeholder per distinct value across calls.

    ``placeholders`` maps a kind to a template (``{n}`` is the value's number
    within its kind), e.g. ``{"EMAIL": "[email {n}]"}``; kinds not given keep
    ``<KIND_n>``. ``kinds`` limits what is masked. ``mapping`` holds value →
    placeholder (it is personal data itself: keep it out of shared outputs);
    ``counts`` the occurrences replaced per kind.
    """

    def __init__(self, placeholders: dict[str, str] | None = None, kinds: Iterable[str] = KINDS):
        unknown = set(placeholders or {}) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown kind(s) {', '.join(sorted(unknown))}: choose from {', '.join(KINDS)}")
        self.kinds = tuple(k for k in KINDS if k in set(kinds))
        self.templates = {**DEFAULT_PLACEHOLDERS, **(placeholders or {})}
        self.mapping: dict[tuple[str, str], str] = {}
        self.counts: dict[str, int] = {k: 0 for k in KINDS}
        self._numbers: dict[str, int] = {k: 0 for k in KINDS}

    def placeholder(self, m: Match) -> str:
        key = (m.kind, m.key)
        if key not in self.mapping:
            self._numbers[m.kind] += 1
            self.mapping[key] = self.templates[m.kind].replace("{n}", str(self._numbers[m.kind]))
        return self.mapping[key]

    def redact_text(self, text: str) -> str:
        if not isinstance(text, str):
            return text
        out, pos = [], 0
        for m in find_pii(text, self.kinds):
            out += [text[pos:m.start], self.placeholder(m)]
            self.counts[m.kind] += 1
            pos = m.end
        out.append(text[pos:])
        return "".join(out)

    def redact(self, texts):
        """str → str, list → list, Series → Series (same index and name)."""
        if texts is None or isinstance(texts, str):
            return self.redact_text(texts)
        if isinstance(texts, pd.Series):
            out = texts.map(self.redact_text)
            out.attrs["redaction_counts"] = dict(self.counts)
            return out
        if isinstance(texts, tuple):
            return tuple(self.redact_text(t) for t in texts)
        return [self.redact_text(t) for t in texts]

    __call__ = redact

    def summary(self) -> pd.DataFrame:
        """Occurrences replaced and distinct values per kind."""
        distinct = {k: sum(1 for kind, _ in self.mapping if kind == k) for k in KINDS}
        return pd.DataFrame({"kind": list(KINDS), "occurrences": [self.counts[k] for k in KINDS],
                             "distinct": [distinct[k] for k in KINDS]})


def redact(texts, placeholders: dict[str, str] | None = None, *, kinds: Iterable[str] = KINDS):
    """Mask e-mails, phones, cards, IBANs and handles; same shape out as in.

    A Series comes back with the counts in ``.attrs["redaction_counts"]``;
    for counts with a list or str use a :class:`Redactor`.
    """
    return Redactor(placeholders, kinds).redact(texts)


#: Column names whose whole value is personal data (a bare ``79161234567`` in a ``phone`` column).
_CONTACT_COLUMN = re.compile(r"phone|tel|mobile|mobil|cell|телефон|тел\b|моб|telefon|电话|電話|手机|手機|"
                             r"e-?mail|почта|mail|iban|card|карт|cont\b|account|счёт|счет", re.I)
_KIND_OF_COLUMN = [(re.compile(r"mail|почта", re.I), "EMAIL"), (re.compile(r"iban|account|счёт|счет|cont\b", re.I),
                   "IBAN"), (re.compile(r"card|карт", re.I), "CARD")]


def _redact_value(r: Redactor, v):
    """Strings masked; lists, tuples and dicts (a cleaning log, a load report) masked all through."""
    if isinstance(v, str):
        return r.redact_text(v)
    if isinstance(v, list):
        return [_redact_value(r, x) for x in v]
    if isinstance(v, tuple):
        return tuple(_redact_value(r, x) for x in v)
    if isinstance(v, dict):
        return {k: _redact_value(r, x) for k, x in v.items()}
    return v


def _redact_contact(r: Redactor, v, column: str):
    """A value of a contact column: masked by the finders, or whole when it still holds 7+ digits or an @."""
    if v is None or (isinstance(v, float) and v != v) or isinstance(v, bool):
        return v
    text = str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
    masked = r.redact_text(text)
    if masked == text and (sum(c.isdigit() for c in text) >= 7 or "@" in text):
        kind = next((k for pat, k in _KIND_OF_COLUMN if pat.search(column)), "PHONE")
        digits = re.sub(r"\D", "", text)
        if kind == "PHONE" and len(digits) == 11 and digits[0] in "78":  # 79161234567, 89161234567
            digits = "7" + digits[1:]
        key = text.lower() if kind == "EMAIL" else ("+" + digits if kind == "PHONE" else digits)
        if kind in r.kinds:
            r.counts[kind] += 1
            return r.placeholder(Match(kind, 0, len(text), text, key))
    return masked if masked != text or not isinstance(v, (int, float)) else v


def redact_documents(docs: pd.DataFrame, redactor: Redactor | None = None,
                     columns: Iterable[str] | None = None) -> pd.DataFrame:
    """Mask every text-bearing column of a documents table, and every log it carries, with one :class:`Redactor`.

    ``columns`` (default: all) limits which columns are masked. String
    columns are masked; columns of lists or dicts (``cleaning_log``) are
    masked all through; a column named like a contact (``phone``,
    ``телефон``, ``email``, ``iban`` …) has each value masked whole when the
    finders miss it (a bare ``79161234567``). The ``attrs`` (the load report
    and any other log) are masked too, so a printed report leaks nothing.
    One redactor across everything, so an address in ``sender`` and in
    ``text`` gets the same placeholder. The counts go to
    ``attrs["redaction"]``: occurrences in the message bodies (``text``;
    ``raw_text`` and ``clean_text`` repeat them) and distinct values in all
    columns.

    >>> df = pd.DataFrame({"sender": ["ana@firma.ro"], "text": ["Scrieți-mi la ana@firma.ro"],
    ...                    "phone": [40721234567]})
    >>> redact_documents(df).values.tolist()
    [['<EMAIL_1>', 'Scrieți-mi la <EMAIL_1>', '<PHONE_1>']]
    """
    r = redactor or Redactor()
    out = docs.copy()
    columns = list(out.columns) if columns is None else [c for c in columns if c in out.columns]
    summary = None
    for col in sorted(columns, key=lambda c: c != "text"):  # message bodies first: their counts are reported
        ser = out[col]
        if _CONTACT_COLUMN.search(str(col)) and not pd.api.types.is_datetime64_any_dtype(ser):
            out[col] = ser.map(lambda v, c=str(col): _redact_contact(r, v, c)).astype(object)
        elif ser.dtype == object or pd.api.types.is_string_dtype(ser):
            out[col] = ser.map(lambda v: _redact_value(r, v))
        if col == "text":
            summary = r.summary()
    final = r.summary()
    if summary is not None:
        final["occurrences"] = summary["occurrences"]
    out.attrs = {k: (v if k == "redaction" else _redact_value(r, v)) for k, v in docs.attrs.items()}
    out.attrs["redaction"] = final.to_dict("records")
    return out
