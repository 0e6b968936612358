"""Client conversations themselves: roles, threads, satisfaction, comparisons.

``assign_roles(docs, agents=...)`` decides who wrote each message (client,
agent, system, unknown) and says by which rule; ``threads(docs)`` makes one
row per thread (response times, client mood first→last, escalation,
resolution, satisfaction estimate, temperament cues); ``compare(table, by=...)``
compares groups with CIs resampled by thread or client. Submodules: ``roles``,
``thread_table``, ``cues``, ``satisfaction``, ``comparison``.
"""
from __future__ import annotations

from .comparison import compare
from .cues import tag_cues
from .roles import assign_roles, role_report
from .thread_table import NoThreadsError, threads

__all__ = ["assign_roles", "role_report", "threads", "compare", "tag_cues", "NoThreadsError"]
