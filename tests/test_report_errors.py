"""build_report's failures are one clear ReportError: no notebooks, no documents, a notebook that fails, bad metadata."""
from __future__ import annotations

import io

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from clientcomm import report
from clientcomm.report import ReportError, build_report


def _notebook(folder, name: str, source: str, meta: dict | None = None):
    nb = new_notebook(cells=[new_code_cell(source)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if meta:
        nb.metadata["clientcomm"] = meta
    nbformat.write(nb, folder / name)


@pytest.fixture()
def texts(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("Клиент звонит каждый день.\n\nМенеджер отвечает по почте.", encoding="utf-8")
    return folder


def test_the_notebook_folder_comes_from_the_environment(tmp_path, monkeypatch, texts):
    monkeypatch.setenv(report.NOTEBOOKS_ENV, str(tmp_path / "empty"))
    (tmp_path / "empty").mkdir()
    assert report.notebooks_dir() == tmp_path / "empty"
    with pytest.raises(ReportError, match="no notebooks in"):
        build_report(texts, tmp_path / "out", log=io.StringIO())


def test_a_folder_without_documents_is_an_error(tmp_path):
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(ReportError, match="no documents could be read from"):
        build_report(tmp_path / "nothing", tmp_path / "out", log=io.StringIO())


def test_unknown_applies_to_metadata_is_named(tmp_path):
    _notebook(tmp_path, "01_odd.ipynb", "1", {"applies_to": "tweets"})
    with pytest.raises(ReportError, match="01_odd.ipynb: metadata clientcomm.applies_to is 'tweets'"):
        report.applies_to(tmp_path / "01_odd.ipynb")


def test_a_failing_notebook_names_itself_its_cell_and_the_error(tmp_path, monkeypatch, texts):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _notebook(nbs, "01_broken.ipynb", "raise ValueError('broken on purpose')")
    monkeypatch.setenv(report.NOTEBOOKS_ENV, str(nbs))
    with pytest.raises(ReportError, match=r"notebook 01_broken\.ipynb failed in cell \d+: ValueError: broken on purpose"):
        build_report(texts, tmp_path / "out", log=io.StringIO(), progress=False)
