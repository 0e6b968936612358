"""Client conversations themselves: roles, threads, satisfaction, comparisons.

``assign_roles(docs, agents=...)`` decides who wrote each message (client,
agent, system, unknown) and says by which rule; ``clientcomm.threads(docs)``
(:mod:`.thread_table`) makes one row per thread (response times, client mood
first→last, escalation, resolution, satisfaction estimate, temperament cues);
``compare(table, by=...)`` compares groups with CIs resampled by thread or
client. Submodules: ``roles``, ``thread_table``, ``cues``, ``satisfaction``,
``comparison``.

This package's ``__init__`` imports only the light modules: the loaders call
:func:`assign_roles`, and the thread table needs the annotation pipeline,
which itself reads files through the loaders (import ``threads`` from
:mod:`clientcomm` or :mod:`clientcomm.conversations.thread_table`).
"""
from __future__ import annotations

from .comparison import compare
from .cues import tag_cues
from .roles import assign_roles, role_report

__all__ = ["assign_roles", "role_report", "compare", "tag_cues"]
