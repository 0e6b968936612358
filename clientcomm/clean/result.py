"""The cleaning log: what a rule removed or changed, with counts and examples.

>>> e = log_entry("html_tags", "removed", 2, ["<p>", "</p>"])
>>> e["rule"], e["count"]
('html_tags', 2)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

__all__ = ["CleanResult", "log_entry", "short"]

#: Longest example string kept in a log entry.
MAX_EXAMPLE = 80


def short(s: str, limit: int = MAX_EXAMPLE) -> str:
    """``s`` on one line, cut to ``limit`` characters with an ellipsis.

    >>> short("a\\nb" + "x" * 100, 6)
    'a⏎bxx…'
    """
    s = s.replace("\n", "⏎")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def log_entry(rule: str, action: str, count: int, examples: Iterable[str] = ()) -> dict:
    """One log record: ``{rule, action ('removed'|'changed'), count, examples (≤3)}``."""
    if action not in ("removed", "changed"):
        raise ValueError(f"action must be 'removed' or 'changed', not {action!r}")
    ex: list[str] = []
    for e in examples:
        e = short(e)
        if e not in ex:
            ex.append(e)
        if len(ex) == 3:
            break
    return {"rule": rule, "action": action, "count": int(count), "examples": ex}


@dataclass
class CleanResult:
    """Cleaned text and the log of every rule that fired.

    >>> CleanResult("ok").rules()
    []
    """

    text: str
    log: list[dict] = field(default_factory=list)

    def rules(self) -> list[str]:
        """Names of the rules that fired, in order."""
        return [e["rule"] for e in self.log]

    def count(self, rule: str) -> int:
        """Total count logged by ``rule`` (0 when it did not fire)."""
        return sum(e["count"] for e in self.log if e["rule"] == rule)
