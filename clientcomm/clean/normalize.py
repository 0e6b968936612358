"""Character-level rules: mojibake (ftfy), HTML, Unicode NFC, whitespace.

Each rule is ``rule(text, lang) -> (text, [log entries])``.

>>> fix_mojibake("ÐŸÑ€Ð¸Ð²ÐµÑ‚", None)[0]
'Привет'
>>> normalize_whitespace("a  b \\n\\n\\n\\nc\\t", None)[0]
'a b\\n\\nc'
"""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from .result import log_entry

__all__ = ["fix_mojibake", "strip_html", "normalize_unicode", "normalize_whitespace", "HTML_TAGS"]

Rule = tuple[str, list[dict]]


@lru_cache(maxsize=1)
def _ftfy_config():
    from ftfy import TextFixerConfig

    # Only encoding repair: keep curly quotes, full-width CJK punctuation and
    # ligatures as written (they are content, not damage); HTML and NFC are
    # separate rules so that each is logged on its own.
    return TextFixerConfig(unescape_html=False, fix_character_width=False, uncurl_quotes=False,
                           fix_latin_ligatures=False, normalization=None, explain=False)


def fix_mojibake(text: str, lang: str | None = None) -> Rule:
    """Repair text decoded with the wrong codec (ftfy), line by line, logging changed lines."""
    import ftfy

    cfg = _ftfy_config()
    out, changed = [], []
    for line in text.splitlines(keepends=True):
        fixed = ftfy.fix_text(line, config=cfg) if line.strip() else line
        if fixed != line:
            changed.append(f"{line.strip()[:35]} → {fixed.strip()[:35]}")
        out.append(fixed)
    if not changed:
        return text, []
    return "".join(out), [log_entry("mojibake", "changed", len(changed), changed)]


#: Tag names treated as HTML (anything else in angle brackets is left alone).
HTML_TAGS = frozenset("""a abbr address article aside b big blockquote body br caption center cite code col
colgroup dd del dfn div dl dt em figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i
iframe img input ins kbd label li link main mark meta nav noscript ol option p pre q s samp script section
select small span strike strong style sub sup table tbody td textarea tfoot th thead time title tr tt u ul
var wbr""".split())
_BLOCK = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 "
                   "h6 header hr li main nav ol p pre section table tbody tfoot thead tr ul".split())
_TAG_ALT = "|".join(sorted(HTML_TAGS, key=len, reverse=True))
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(rf"</?({_TAG_ALT})\b(?:\s[^<>]{{0,500}}?)?\s*/?>", re.I)
# Broken tags whose "<" was lost or replaced by "?"/U+FFFD in a conversion, e.g. "?/p>".
_RESIDUE = re.compile(rf"(?:[?\ufffd]/?|(?<![\w<])/)({_TAG_ALT})\s*/?>", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")


def _tag_replacer(found: list[str]):
    def repl(m: re.Match) -> str:
        found.append(m.group(0))
        if m.group(1).lower() not in _BLOCK:
            return ""
        s, e = m.string, m.span()
        at_edge = (e[0] == 0 or s[e[0] - 1] == "\n") or (e[1] == len(s) or s[e[1]] == "\n")
        return "" if at_edge else "\n"
    return repl


def strip_html(text: str, lang: str | None = None) -> Rule:
    """Remove HTML tags (block tags become line breaks), broken tag residue and entities.

    >>> strip_html("你好?!?/p>", None)[0]
    '你好?!'
    >>> strip_html("a &lt; b &amp; <b>c</b>", None)[0]
    'a < b & c'
    """
    log = []
    if "<" in text or "/" in text:
        scripts = _SCRIPT.findall(text)
        text = _SCRIPT.sub("", text)
        comments = _COMMENT.findall(text)
        text = _COMMENT.sub("", text)
        if scripts or comments:
            log.append(log_entry("html_script_comment", "removed", len(scripts) + len(comments),
                                 [c if isinstance(c, str) else c[0] for c in comments + scripts]))
        tags: list[str] = []
        text = _TAG.sub(_tag_replacer(tags), text)
        if tags:
            log.append(log_entry("html_tags", "removed", len(tags), tags))
        residue: list[str] = []
        text = _RESIDUE.sub(_tag_replacer(residue), text)
        if residue:
            log.append(log_entry("html_residue", "removed", len(residue), residue))
    if "&" in text:
        ents: list[str] = []

        def unent(m: re.Match) -> str:
            u = html.unescape(m.group(0))
            if u != m.group(0):
                ents.append(f"{m.group(0)} → {u}")
            return u
        text = _ENTITY.sub(unent, text)
        if ents:
            log.append(log_entry("html_entities", "changed", len(ents), ents))
    return text, log


def normalize_unicode(text: str, lang: str | None = None) -> Rule:
    """Unicode NFC (composed characters), logging how many characters changed.

    >>> normalize_unicode("e\\u0301", None)[0] == "\\u00e9"
    True
    """
    nfc = unicodedata.normalize("NFC", text)
    if nfc == text:
        return text, []
    changed = [m.group(0) for m in re.finditer(r"\S*[\u0300-\u036f]\S*", text)]
    return nfc, [log_entry("unicode_nfc", "changed", max(1, len(text) - len(nfc)), changed)]


# Invisible characters that carry nothing in running text (ZWNJ/ZWJ are kept:
# they matter in some scripts).
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[^\S\n]+")  # any run of whitespace except newline
_BLANKS = re.compile(r"\n{3,}")


def normalize_whitespace(text: str, lang: str | None = None) -> Rule:
    """Unify spaces, strip line ends, keep one blank line between paragraphs.

    Line breaks become ``\\n``; zero-width characters and soft hyphens go;
    runs of spaces, tabs and no-break spaces inside a line become one space;
    lines are stripped (indentation goes too); whitespace-only lines become empty; runs of blank lines collapse to one; the text is stripped.
    """
    log = []
    t = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    t = t.replace("\x0b", "\n").replace("\x0c", "\n").replace("\x85", "\n")
    inv = _INVISIBLE.findall(t)
    if inv:
        t = _INVISIBLE.sub("", t)
        log.append(log_entry("invisible_chars", "removed", len(inv), [f"U+{ord(c):04X}" for c in inv]))
    lines = t.split("\n")
    new, changed = [], []
    for line in lines:
        n = _SPACES.sub(" ", line).strip(" ")
        if n != line and n.strip():
            changed.append(line)
        new.append(n)
    if changed:
        log.append(log_entry("spaces", "changed", len(changed), [repr(c[:40]) for c in changed]))
    t = "\n".join(new)
    runs = _BLANKS.findall(t)
    if runs:
        log.append(log_entry("blank_lines", "removed", sum(len(r) - 2 for r in runs), []))
        t = _BLANKS.sub("\n\n", t)
    return t.strip("\n "), log
