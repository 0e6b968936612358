"""The command line's error paths and less used options, run in this process (so coverage sees them).

Every user error is one line ``clientcomm: error: …``, the last on stderr, with exit code 2;
``CLIENTCOMM_DEBUG=1`` shows the traceback instead; Ctrl-C is exit code 130.
"""
from __future__ import annotations

import runpy
import sys

import pandas as pd
import pytest

import clientcomm.corpus
from clientcomm.cli import main


def _one_error_line(capsys) -> str:
    """The error: one line, the last on stderr (a load report may come before it), no traceback."""
    lines = capsys.readouterr().err.strip().splitlines()
    errors = [ln for ln in lines if ln.startswith("clientcomm: error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0] and not any("Traceback" in ln for ln in lines), lines
    return errors[0]


@pytest.fixture()
def table(tmp_path):
    path = tmp_path / "in.csv"
    pd.DataFrame({"id": ["a", "b"], "body": ["Спасибо, всё пришло вовремя.", "Vă mulțumesc pentru răspuns."]}).to_csv(
        path, index=False)
    return path


@pytest.mark.parametrize("command", ["corpus", "analyze"])
def test_a_missing_path_is_one_line(command, tmp_path, capsys):
    assert main([command, str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in _one_error_line(capsys)


def test_annotate_names_the_missing_text_column(table, tmp_path, capsys):
    argv = ["annotate", str(table), "--text-column", "comment", "--output", str(tmp_path / "o.csv"), "--steps", "language"]
    assert main(argv) == 2
    err = _one_error_line(capsys)
    assert "'comment'" in err and "id, body" in err


def test_annotate_an_unreadable_input_names_the_file(tmp_path, capsys):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["annotate", str(bad), "--output", str(tmp_path / "o.csv"), "--steps", "language"]) == 2
    assert "broken.json" in _one_error_line(capsys)


def test_roles_cannot_be_streamed_in_chunks(table, tmp_path, capsys):
    argv = ["annotate", str(table), "--text-column", "body", "--output", str(tmp_path / "o.csv"), "--chunksize", "10",
            "--agents", "Support"]
    assert main(argv) == 2
    assert "--agents/--client-roles need the whole table" in _one_error_line(capsys)
    assert not (tmp_path / "o.csv").exists()


def test_annotate_with_jobs_gives_the_single_process_table(table, tmp_path):
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    for out, jobs in ((one, "1"), (two, "2")):
        assert main(["annotate", str(table), "--text-column", "body", "--output", str(out), "--steps", "language",
                     "--jobs", jobs]) == 0
    pd.testing.assert_frame_equal(pd.read_csv(one), pd.read_csv(two))
    assert pd.read_csv(one)["lang"].tolist() == ["ru", "ro"]


def test_analyze_without_output_prints_the_segments(capsys):
    assert main(["analyze", "--steps", "language", "--level", "paragraph"]) == 0
    out = capsys.readouterr().out
    assert "doc_id" in out and "lang" in out and "sentiment_hits" not in out


def test_eval_langid_prints_accuracy_by_language(tmp_path, capsys):
    data = tmp_path / "langid.csv"
    pd.DataFrame({"text": ["Добрый вечер, мы перезвоним вам завтра утром.", "Bună seara, vă sunăm mâine dimineață.",
                           "我们明天上午给您回电话。"],
                  "lang": ["ru", "ro", "zh-Hans"]}).to_csv(data, index=False)
    assert main(["eval", "langid", str(data)]) == 0
    out = capsys.readouterr().out
    assert all(code in out for code in ("ru", "ro", "zh-Hans"))


def test_debug_shows_the_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("CLIENTCOMM_DEBUG", "1")
    with pytest.raises(Exception, match="no such file or folder"):
        main(["corpus", str(tmp_path / "nowhere")])


def test_interrupt_is_exit_130(monkeypatch, capsys):
    def interrupted():
        raise KeyboardInterrupt

    monkeypatch.setattr(clientcomm.corpus, "load_corpus", interrupted)
    assert main(["corpus"]) == 130
    assert capsys.readouterr().err.strip() == "clientcomm: interrupted"


def test_python_dash_m_runs_the_command_line(monkeypatch, capsys):
    import gc

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))  # not in this (pytest's) long-lived process
    monkeypatch.setattr(sys, "argv", ["clientcomm", "corpus"])
    with pytest.raises(SystemExit) as stop:
        runpy.run_module("clientcomm", run_name="__main__")
    assert stop.value.code == 0 and "003" in capsys.readouterr().out
    assert frozen == [True]  # the entry point freezes the objects out of the collector before exiting


def test_entry_point_exits_with_mains_code_after_freezing(monkeypatch, capsys):
    import gc

    from clientcomm import cli

    calls = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(cli, "main", lambda: calls.append("main") or 2)
    with pytest.raises(SystemExit) as stop:
        cli.run()
    assert stop.value.code == 2 and calls == ["main", "freeze"]
