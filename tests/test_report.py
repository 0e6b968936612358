"""The report: notebooks found and well-formed, stored outputs reproducible, HTML self-contained,
and ``build_report`` working end to end on a user's own folder of .txt files."""
from __future__ import annotations

import io
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from clientcomm import report

ARTICLES = ["01_corpus_overview", "02_language", "03_sentiment", "04_temperaments", "05_channels", "06_compare"]
MESSAGES = ["07_conversations", "08_channels"]
VALIDATION = ["09_validation"]  # runs on articles: draws a coding sheet from the corpus, validates on coded sheets
EXPECTED = ARTICLES + MESSAGES + VALIDATION
# Run-dependent text that must never be stored in a notebook output (nbval compares text outputs).
VOLATILE = [
    (r"0x[0-9a-fA-F]{6,}", "memory address"),
    (r"\b20\d\d-\d\d-\d\d[ T]\d\d:\d\d", "timestamp"),
    (r"\d+(\.\d+)?\s?(it/s|s/it)\b", "progress bar"),
    (r"Building prefix dict|Loading model cost|Prefix dict has been built", "jieba log"),
    (r"Wall time|CPU times|took \d", "timing"),
    (r"Warning|warn\(", "warning"),
]


def _notebooks():
    return {p.stem: nbformat.read(str(p), as_version=4) for p in report.notebook_paths()}


def test_notebooks_are_found_in_order():
    assert [p.stem for p in report.notebook_paths()] == EXPECTED
    assert [report.applies_to(p) for p in report.notebook_paths()] == ["articles"] * 6 + ["messages"] * 2 + ["articles"]
    assert [p.stem for p in report.notebook_paths(["02", "05_channels"])] == ["02_language", "05_channels"]
    with pytest.raises(report.ReportError):
        report.notebook_paths(["99"])


def _check_structure(nb, parameters: tuple[str, ...]) -> None:
    """What every report notebook shares: a title, one parameter cell (each parameter None by default),
    a closing Limits section, no try/except guards, the plotting setup, the python3 kernel."""
    cells = nb.cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    params = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    for name_ in parameters:
        assert re.search(rf"^{name_} = None\b", params[0].source, re.M)
    assert cells[-1].cell_type == "markdown" and "Limits" in cells[-1].source and "corpus_path" in cells[-1].source
    code = "\n".join(c.source for c in cells if c.cell_type == "code")
    assert "try:" not in code, "notebooks call the package directly, with no try/except guards"
    assert "plotting.setup_notebook()" in code
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("name", ARTICLES + VALIDATION)
def test_notebook_structure(name):
    _check_structure(_notebooks()[name], ("corpus_path", "languages"))


@pytest.mark.parametrize("name", MESSAGES)
def test_message_notebook_structure(name):
    nb = _notebooks()[name]
    _check_structure(nb, ("corpus_path", "agents", "client_roles"))
    assert nb.metadata["clientcomm"]["applies_to"] == "messages"


def test_channel_notebook_says_metadata_not_mentions():
    first = _notebooks()["08_channels"].cells[0].source
    assert "metadata" in first and "05" in first and "mentioned" in first


def test_absolute_paths_never_stored_in_outputs():
    home = str(Path(__file__).resolve().parents[1])
    for name, nb in _notebooks().items():
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                texts = [out.get("text", "")] + [v for k, v in out.get("data", {}).items() if k.startswith("text/")]
                assert not any(home in t for t in texts), f"absolute path stored in {name}"


@pytest.mark.parametrize("name", EXPECTED)
def test_stored_outputs_are_complete_and_run_independent(name):
    nb = _notebooks()[name]
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    executed = [c for c in code_cells if c.outputs or c.execution_count]
    assert len(executed) >= len(code_cells) - 1, "run notebooks/run_all.py to store outputs"
    n_images = 0
    for cell in code_cells:
        for out in cell.outputs:
            assert out.output_type != "error", f"stored error in {name}: {out.get('evalue')}"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"stderr stored in {name}: {out.text[:200]}"
            texts = [out.get("text", "")] + [v for k, v in out.get("data", {}).items() if k.startswith("text/")]
            for text in texts:
                for pattern, what in VOLATILE:
                    assert not re.search(pattern, text), f"{what} in a stored output of {name}: {text[:200]}"
            n_images += "image/png" in out.get("data", {})
    assert n_images >= 1


def test_export_html_is_self_contained():
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    nb = new_notebook(cells=[new_markdown_cell("# Отчёт · raport · 報告"),
                             new_code_cell("x", outputs=[new_output("display_data", data={
                                 "image/png": "iVBORw0KGgo=", "text/plain": "<IPython.core.display.Image object>"})])])
    html = report.export_html(nb, "test")
    assert "<script" not in html.lower()
    assert report.external_resources(html) == []
    assert "data:image/png;base64,iVBORw0KGgo=" in html
    assert "Отчёт · raport · 報告" in html


def test_external_resources_finds_loads_not_links():
    page = ('<link rel="stylesheet" href="https://cdn.x/a.css"><style>b{background:url("http://x/i.png")}</style>'
            '<a href="https://example.org">a link is fine</a><!-- <script src="https://x/in-comment.js"> -->')
    assert report.external_resources(page) == ["https://cdn.x/a.css", "http://x/i.png"]


TEXTS = {
    "ru_email.txt": ("Добрый день! Я трижды звонил на горячую линию, но мне так и не перезвонили. "
                     "Прошу ответить по электронной почте до пятницы. Флегматик на моём месте давно бы ушёл."),
    "ro_review.txt": ("Mulțumesc pentru ajutor! Operatorul a fost foarte amabil la telefon și mi-a rezolvat problema. "
                      "Totuși, livrarea a întârziat o săptămână și nimeni nu a răspuns la e-mail."),
    "zh_hans.txt": "客服电话一直打不通，我很失望。后来在微信上联系到了客服，他们很快就解决了问题，谢谢！",
    "zh_hant.txt": "我們約好下週當面談合同的細節。客戶很滿意我們的服務，但是希望提前交貨。",
}


def _skipped_line(log: str, name: str) -> str:
    """The stderr line that names ``name`` as skipped, up to the start of the reason's first clause."""
    lines = [ln for ln in log.splitlines() if ln.startswith("clientcomm report: skipped ") and name in ln.split(": ")[1]]
    assert len(lines) == 1, f"{name} not named once as skipped in: {log}"
    return ": ".join(lines[0].split(": ")[:3])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import ipykernel  # noqa: F401  (the [test] extra declares papermill and ipykernel: missing is
    import papermill  # noqa: F401   a broken install, not a reason to skip the report)
    root = tmp_path_factory.mktemp("report")
    corpus = root / "my texts"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = root / "out"
    log = io.StringIO()
    html = report.build_report(corpus, out, progress=False, log=log)
    return corpus, out, html, log.getvalue()


def test_build_report_on_own_txt_folder(built):
    corpus, out, html, log = built
    assert html == out / "report.html"
    page = html.read_text(encoding="utf-8")
    assert report.external_resources(page) == []
    assert "<script" not in page.lower()
    assert page.count("data:image/png;base64,") >= 10
    for title in ("Corpus overview", "Languages", "Sentiment", "Temperaments", "Channels", "Comparison"):
        assert title in page
    assert str(corpus) in page
    assert "Traceback" not in page
    for name in MESSAGES:  # articles: the message notebooks are skipped, and the report and stderr say why
        assert _skipped_line(log, name).endswith(" articles have no threads")
        assert re.search(rf"<code>{name}</code>[^\n]*: articles have no threads", page)


def test_build_report_writes_table_figures_and_notebooks(built):
    corpus, out, _, _ = built
    segs = pd.read_parquet(out / "segments.parquet")
    assert set(segs["doc_id"]) == {Path(n).stem for n in TEXTS}
    assert {"lang", "sentiment", "channels"} <= set(segs.columns)
    assert set(segs["lang"]) >= {"ru", "ro", "zh-Hans", "zh-Hant"}
    pngs = sorted(p.name for p in (out / "figures").glob("*.png"))
    assert any(p.startswith("01_corpus_overview-") for p in pngs) and any(p.startswith("06_compare-") for p in pngs)
    assert all((out / "figures" / p).read_bytes()[:4] == b"\x89PNG" for p in pngs)
    assert sorted(p.stem for p in (out / "notebooks").glob("*.ipynb")) == ARTICLES + VALIDATION
    executed = nbformat.read(str(out / "notebooks" / "01_corpus_overview.ipynb"), as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and str(corpus) in injected[0].source


def test_build_report_rejects_missing_corpus(tmp_path):
    with pytest.raises(FileNotFoundError):
        report.build_report(tmp_path / "nope", tmp_path / "out", progress=False)


def test_embedded_font_covers_the_chinese_of_the_page():
    import base64
    import io

    from fontTools.ttLib import TTFont

    page = report.embed_cjk_font("<html><head></head><body>客戶 典型案例 Клиент ș abc</body></html>")
    data = re.search(r"data:font/otf;base64,([A-Za-z0-9+/=]+)", page).group(1)
    cmap = TTFont(io.BytesIO(base64.b64decode(data)))["cmap"].getBestCmap()
    assert {chr(c) for c in cmap} == set("客戶典型案例")
    assert report.external_resources(page) == []
    assert report.embed_cjk_font("<html><head></head><body>only Latin</body></html>").count("@font-face") == 0


def _messages(n_threads: int = 2, stamps: bool = True, channel: str = "chat") -> pd.DataFrame:
    rows = []
    for t in range(n_threads):
        for k, (role, text) in enumerate([("customer", "Где мой заказ? Жду уже неделю."),
                                          ("agent", "Проверили: посылка приедет завтра."),
                                          ("customer", "Спасибо, получил!")]):
            rows.append({"ticket_id": f"T{t}", "channel": channel, "sender": "Ана" if role == "customer" else "Ion",
                         "role": role, "timestamp": f"2024-03-0{t + 1} 1{k}:00:00+02:00" if stamps else "",
                         "message": text})
    return pd.DataFrame(rows)


def _plan(frame: pd.DataFrame):
    run, skipped, notes = report.plan_notebooks(frame, report.notebook_paths())
    return [p.stem for p in run], dict(skipped), notes


def test_plan_articles_skip_message_notebooks():
    articles = pd.DataFrame({"sender": ["", ""], "thread_id": ["", ""], "channel": ["", ""],
                             "timestamp": [pd.NaT, pd.NaT]})
    run, skipped, notes = _plan(articles)
    assert run == ARTICLES + VALIDATION and sorted(skipped) == MESSAGES and notes == []
    assert all(why.startswith("articles have no threads") for why in skipped.values())


def test_plan_messages_skip_article_notebooks_and_note_missing_times(tmp_path):
    from clientcomm.loaders import load

    _messages().to_csv(tmp_path / "tickets.csv", index=False)
    run, skipped, notes = _plan(load(tmp_path / "tickets.csv"))
    assert run == MESSAGES and sorted(skipped) == ARTICLES + VALIDATION and notes == []
    assert all(why.startswith("no articles") for why in skipped.values())

    _messages(stamps=False).to_csv(tmp_path / "untimed.csv", index=False)
    run, _, notes = _plan(load(tmp_path / "untimed.csv"))
    assert run == MESSAGES
    assert len(notes) == 1 and "get no response times" in notes[0]


def test_plan_messages_without_channel_skip_the_channel_notebook():
    frame = pd.DataFrame({"sender": ["Ана", "Ion"], "thread_id": ["t", "t"], "channel": ["", ""],
                          "timestamp": pd.to_datetime(["2024-03-01 10:00", "2024-03-01 11:00"], utc=True)})
    run, skipped, _ = _plan(frame)
    assert run == ["07_conversations"]
    assert skipped["08_channels"] == "the messages carry no channel in their metadata"


def test_plan_mixed_data_runs_both_and_says_so():
    frame = pd.DataFrame({"sender": ["Ана", ""], "thread_id": ["t", ""], "channel": ["email", ""],
                          "timestamp": pd.to_datetime(["2024-03-01 10:00", None], utc=True)})
    run, skipped, notes = _plan(frame)
    assert run == EXPECTED and skipped == {}
    assert any("1 documents without sender or thread are analysed as articles" in n for n in notes)


def test_unknown_applies_to_is_an_error(tmp_path):
    import json

    bad = tmp_path / "09_x.ipynb"
    bad.write_text(json.dumps({"metadata": {"clientcomm": {"applies_to": "tweets"}}, "cells": []}))
    with pytest.raises(report.ReportError, match="applies_to"):
        report.applies_to(bad)


@pytest.fixture(scope="module")
def built_messages(tmp_path_factory):
    import ipykernel  # noqa: F401  (the [test] extra declares papermill and ipykernel: missing is
    import papermill  # noqa: F401   a broken install, not a reason to skip the report)
    root = tmp_path_factory.mktemp("report-messages")
    data = root / "crm"
    data.mkdir()
    _messages(n_threads=4).to_csv(data / "tickets.csv", index=False)
    out = root / "out"
    log = io.StringIO()
    html = report.build_report(data, out, agents="Ion", progress=False, log=log)
    return data, out, html, log.getvalue()


def test_build_report_on_messages_runs_07_08_and_names_the_skipped(built_messages):
    data, out, html, log = built_messages
    page = html.read_text(encoding="utf-8")
    assert sorted(p.stem for p in (out / "notebooks").glob("*.ipynb")) == MESSAGES
    assert not (out / "segments.parquet").exists()
    for name in ARTICLES + VALIDATION:
        assert _skipped_line(log, name).endswith(" no articles")
        assert re.search(rf"<code>{name}</code>[^\n]*: no articles", page)
    assert "Conversations: threads" in page and "Channels from metadata" in page
    assert "Traceback" not in page and report.external_resources(page) == []
    assert page.count("data:image/png;base64,") >= 4
    executed = nbformat.read(str(out / "notebooks" / "07_conversations.ipynb"), as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and re.search(r"^agents = \[.Ion.\]$", injected[0].source, re.M) and str(data) in injected[0].source


def test_build_report_refuses_when_nothing_applies(tmp_path):
    frame = _messages()
    frame.to_csv(tmp_path / "tickets.csv", index=False)
    with pytest.raises(report.ReportError, match="none of the notebooks applies"):
        report.build_report(tmp_path / "tickets.csv", tmp_path / "out", notebooks=["01", "02"], progress=False,
                            log=io.StringIO())
