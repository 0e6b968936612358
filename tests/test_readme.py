"""The README's tables of CLI flags, public functions and columns match the code.

A reader trusts the README before the docstrings: a flag it lists must exist,
a flag the parser accepts must be listed, a public name it shows must import,
and every column a table carries must be described.
"""
from __future__ import annotations

import argparse
import importlib
import re
from pathlib import Path

import pytest

import clientcomm
from clientcomm.annotation import STEPS, annotation_columns
from clientcomm.cli import build_parser
from clientcomm.conversations.comparison import COMPARE_COLUMNS
from clientcomm.conversations.thread_table import THREAD_COLUMNS
from clientcomm.loaders.base import MESSAGE_COLUMNS
from clientcomm.segment import SEGMENT_COLUMNS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    """Text of the level-2 section whose heading starts with ``title`` (up to the next level-2 heading)."""
    m = re.search(rf"^## {re.escape(title)}[^\n]*\n(.*?)(?=^## |\Z)", README, flags=re.M | re.S)
    assert m, f"README has no section '## {title}'"
    return m.group(1)


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:  # argparse keeps subparsers only here
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the CLI has no subcommands")


def _long_options(parser: argparse.ArgumentParser) -> set[str]:
    return {o for a in parser._actions for o in a.option_strings if o.startswith("--") and o != "--help"}


def _cli_rows() -> dict[str, set[str]]:
    """Command → the ``--flags`` its rows of the README's command table list."""
    rows: dict[str, set[str]] = {}
    for line in _section("Command line").splitlines():
        for m in re.finditer(r"`clientcomm (\w+)([^`]*)`", line):
            rows.setdefault(m.group(1), set()).update(re.findall(r"--[a-z][a-z-]*", m.group(2)))
    return rows


def test_every_subcommand_has_a_row():
    assert sorted(set(_subcommands()) - set(_cli_rows())) == []


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_cli_flags_match_the_readme(command):
    in_code = _long_options(_subcommands()[command])
    in_readme = _cli_rows().get(command, set())
    assert sorted(in_code - in_readme) == [], f"flags of `clientcomm {command}` missing from the README table"
    assert sorted(in_readme - in_code) == [], f"README lists flags that `clientcomm {command}` does not accept"


def _api_names() -> set[str]:
    return set(re.findall(r"`clientcomm\.([A-Za-z_][\w.]*)", _section("Python API")))


def test_every_public_name_is_in_the_api_table():
    listed = {n.split(".")[0] for n in _api_names()}
    public = {n for n in clientcomm.__all__ if not n.startswith("__")}
    assert sorted(public - listed) == []


@pytest.mark.parametrize("dotted", sorted(_api_names()))
def test_every_name_in_the_api_table_exists(dotted):
    obj, path = clientcomm, "clientcomm"
    for part in dotted.split("."):
        path += "." + part
        if not hasattr(obj, part):  # a subpackage not imported by the package itself
            obj = importlib.import_module(path)
        else:
            obj = getattr(obj, part)
    assert obj is not None


def _columns_in(title: str) -> set[str]:
    """Column names in the first cell of every table row of a ``### title`` subsection of ``## Columns``."""
    cols = _section("Columns")
    m = re.search(rf"^### {re.escape(title)}[^\n]*\n(.*?)(?=^### |\Z)", cols, flags=re.M | re.S)
    assert m, f"README's Columns section has no '### {title}'"
    names: set[str] = set()
    for line in m.group(1).splitlines():
        if line.startswith("|") and not line.startswith("|--") and not line.startswith("|---"):
            names.update(re.findall(r"`([A-Za-z_][\w{},]*)`", line.split("|")[1]))
    return names


@pytest.mark.parametrize("title, columns", [
    ("Documents", MESSAGE_COLUMNS + ["role_source"]),
    ("Segments", SEGMENT_COLUMNS),
    ("Annotations", annotation_columns(STEPS)),
    ("Threads", [c for c in THREAD_COLUMNS if not c.startswith("client_temperament_")]),
    ("Comparisons", [c for c in COMPARE_COLUMNS if c != "group"]),
])
def test_column_tables_describe_every_column(title, columns):
    described = _columns_in(title)
    assert sorted(set(columns) - described) == []
