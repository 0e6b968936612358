"""Shared fixtures of the dictionary tests."""
from __future__ import annotations

import textwrap

import pytest


@pytest.fixture
def write_yaml(tmp_path):
    """``write_yaml(body)`` writes a study's own dictionary file (``body`` dedented) and returns its path."""

    def write(body: str):
        path = tmp_path / "mine.yaml"
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        return path

    return write
