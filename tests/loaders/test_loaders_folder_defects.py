"""Issue 12, classes 10 and 11: manifests without a file column, symbolic links, loops, FIFOs."""
from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest
from loaders_fixtures import whatsapp_line

from clientcomm.loaders import load, load_report


def _chat(p, text="Bună ziua"):
    p.write_text(whatsapp_line("eu24", "2024-01-15 10:00", "Ion", text) + "\n", encoding="utf-8")
    return p


def _files(df):
    rep = load_report(df)
    return rep[rep["location"] == ""].set_index("file")


# --- class 10 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("columns", [{"doc_id": ["1"], "lang": ["ru"]}, {"text": ["Здравствуйте"], "id": ["1"]},
                                     {"path": ["a.txt"], "title": ["A"]}])
def test_manifest_without_file_column_is_reported_not_a_keyerror(tmp_path, columns):
    pd.DataFrame(columns).to_csv(tmp_path / "manifest.csv", index=False)
    _chat(tmp_path / "chat.txt")
    df = load(tmp_path)
    files = _files(df)
    assert "no 'file' column" in files.loc["manifest.csv", "reason"]
    assert files.loc["chat.txt", "status"] == "loaded"
    assert "Bună ziua" in df["text"].tolist()


def test_manifest_without_file_column_through_the_cli(tmp_path):
    pd.DataFrame({"doc_id": ["1"]}).to_csv(tmp_path / "manifest.csv", index=False)
    _chat(tmp_path / "chat.txt")
    r = subprocess.run([sys.executable, "-m", "clientcomm", "corpus", str(tmp_path)], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0 and "error" not in r.stderr and "no 'file' column" in r.stderr


def test_manifest_lists_missing_and_unlisted_files(tmp_path):
    (tmp_path / "a.txt").write_text("Клиент всегда прав.\n", encoding="utf-8")
    (tmp_path / "extra.txt").write_text("Не в списке.\n", encoding="utf-8")
    pd.DataFrame({"file": ["a.txt", "gone.txt"], "doc_id": ["A", "G"], "declared_lang": ["ru", "ru"]}).to_csv(
        tmp_path / "manifest.csv", index=False)
    df = load(tmp_path)
    files = _files(df)
    assert df["doc_id"].tolist() == ["A"] and df["declared_lang"].tolist() == ["ru"]
    assert "missing" in files.loc["gone.txt", "reason"]
    assert "not listed" in files.loc["extra.txt", "reason"]


# --- class 11 -----------------------------------------------------------------------------------------

def test_symlinked_file_and_folder_outside_are_read(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    _chat(outside / "chat.txt", "din afară")
    (outside / "sub").mkdir()
    _chat(outside / "sub" / "other.txt", "subfolder")
    d = tmp_path / "in"
    d.mkdir()
    os.symlink(outside / "chat.txt", d / "linked.txt")
    os.symlink(outside / "sub", d / "linked_dir")
    df = load(d)
    assert sorted(df["text"]) == ["din afară", "subfolder"]
    assert set(_files(df).index) == {"linked.txt", "linked_dir/other.txt"}


def test_second_path_to_a_file_is_reported_as_duplicate(tmp_path):
    _chat(tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "z.txt")
    df = load(tmp_path)
    files = _files(df)
    assert len(df) == 1 and files.loc["a.txt", "status"] == "loaded"
    assert files.loc["z.txt", "status"] == "skipped" and "already read as a.txt" in files.loc["z.txt", "reason"]


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_folder_loops_neither_hang_nor_vanish(tmp_path, depth):
    d = tmp_path / "root"
    inner = d
    for i in range(depth):
        inner = inner / f"level{i}"
    inner.mkdir(parents=True)
    _chat(inner / "chat.txt")
    os.symlink(d, inner / "back_to_root")
    df = load(d)
    files = _files(df)
    assert len(df) == 1
    loop = [f for f in files.index if f.endswith("back_to_root")]
    assert len(loop) == 1 and "already read" in files.loc[loop[0], "reason"]


def test_broken_link_and_fifo_are_reported(tmp_path):
    _chat(tmp_path / "a.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "broken.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    df = load(tmp_path)  # would block forever if the FIFO were opened
    files = _files(df)
    assert "broken symbolic link" in files.loc["broken.txt", "reason"]
    assert "not a regular file" in files.loc["pipe.txt", "reason"]
    assert len(df) == 1
