"""No development-set row is copied into the project.

The development sets (``../shared/data``, see its PROVENANCE.md) are read at
run time by the benchmarks; tests, docstrings and notebooks use sentences
written for the project. Every text of 20 characters or more from the
development CSVs is looked for, verbatim, in every file under ``tests/``,
``clientcomm/``, ``notebooks/`` and ``benchmarks/`` (a notebook's cell
sources and text outputs). Shorter texts (two-word fragments such as
"foarte multumit") are too generic to be called copies.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
SEARCHED = ("tests", "clientcomm", "notebooks", "benchmarks")
MIN_CHARS = 20


def development_texts(data: Path = DATA) -> set[str]:
    """Every ``text`` of at least MIN_CHARS characters (stripped) in the development CSVs."""
    texts = set()
    for path in sorted(data.rglob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                text = (row.get("text") or "").strip()
                if len(text) >= MIN_CHARS:
                    texts.add(text)
    return texts


def _notebook_text(raw: str) -> str:
    nb = json.loads(raw)
    parts = []
    for cell in nb.get("cells", []):
        parts.append("".join(cell.get("source", "")))
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for value in (out.get("text"), data.get("text/plain"), data.get("text/html"), data.get("text/markdown")):
                if value:
                    parts.append("".join(value))
    return "\n".join(parts)


def project_files(repo: Path = REPO):
    """(relative path, text) of every text file under the searched folders (caches and binary files left out)."""
    for folder in SEARCHED:
        for path in sorted((repo / folder).rglob("*")):
            if not path.is_file() or {"__pycache__", ".ipynb_checkpoints"} & set(path.parts):
                continue
            try:
                raw = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:  # binary (fonts, images, parquet): no text to copy into
                continue
            yield path.relative_to(repo).as_posix(), _notebook_text(raw) if path.suffix == ".ipynb" else raw


def copies(texts: set[str], files) -> list[tuple[str, str]]:
    """(file, text) for every text found verbatim in a file; every position is tested against a prefix index."""
    by_prefix: dict[str, list[str]] = {}
    for t in texts:
        by_prefix.setdefault(t[:MIN_CHARS], []).append(t)
    found = []
    for name, content in files:
        for i in range(len(content) - MIN_CHARS + 1):
            for t in by_prefix.get(content[i:i + MIN_CHARS], ()):
                if content.startswith(t, i):
                    found.append((name, t))
    return sorted(set(found))


def test_the_search_finds_a_copied_row():
    rows = {"Клиент ждал ответа целую неделю.", "客户说快递三天都没有到"}
    files = [("tests/a.py", 'x = "Клиент ждал ответа целую неделю."'), ("notebooks/b.ipynb", "short 客户说快递")]
    assert copies(rows, files) == [("tests/a.py", "Клиент ждал ответа целую неделю.")]


def test_no_development_row_in_the_project():
    if not DATA.is_dir():
        pytest.skip(f"development sets not available at {DATA} (they live outside the repository)")
    texts = development_texts()
    assert texts, f"no text of {MIN_CHARS}+ characters read from {DATA}"
    found = copies(texts, project_files())
    assert not found, "development-set rows copied into the project (write your own sentences):\n" + "\n".join(
        f"  {name}: {text[:80]!r}" for name, text in found)
