"""`clientcomm threads` and `--agents` on `annotate` from the command line."""
from __future__ import annotations

import pandas as pd

from clientcomm import bundled_corpus_path
from clientcomm.cli import main

CSV = ("conv,who,author,sent,message\n"
       "c1,customer,Ana,2024-03-01T10:00:00+02:00,Bună ziua! Coletul meu nu a ajuns.\n"
       "c1,helpdesk,Desk,2024-03-01T08:20:00Z,Ne pare rău, verificăm acum.\n"
       "c1,customer,Ana,2024-03-01T09:00:00Z,Mulțumesc, a ajuns!\n"
       "c2,customer,Ion,2024-03-02T10:00:00Z,Где мой заказ?\n")


def _write(tmp_path):
    p = tmp_path / "crm.csv"
    # quote the texts with commas
    lines = CSV.splitlines()
    lines = [lines[0]] + [",".join(l.split(",", 4)[:4] + [f'"{l.split(",", 4)[4]}"']) for l in lines[1:]]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_threads_cli_on_a_crm_table(tmp_path, capsys):
    src, out = _write(tmp_path), tmp_path / "threads.csv"
    code = main(["threads", str(src), "--output", str(out), "--thread-column", "conv", "--role-column", "who",
                 "--client-roles", "customer", "--text-column", "message", "--time-column", "sent",
                 "--sender-column", "author"])
    assert code == 0
    t = pd.read_csv(out)
    assert t["conv"].tolist() == ["c1", "c2"]            # the input's thread column is kept, one row per thread
    assert t["n_client"].tolist() == [2, 1] and t["n_agent"].tolist() == [1, 0]
    assert t.loc[0, "first_response_s"] == 1200.0       # 10:00+02:00 → 08:20Z
    assert "wrote 2 threads" in capsys.readouterr().out


def test_threads_cli_agents_option(tmp_path):
    src, out = _write(tmp_path), tmp_path / "t.csv"
    assert main(["threads", str(src), "-o", str(out), "--thread-column", "conv", "--text-column", "message",
                 "--sender-column", "author", "--time-column", "sent", "--agents", "Desk"]) == 0
    assert pd.read_csv(out)["n_agent"].tolist() == [1, 0]


def test_threads_cli_on_articles_says_so(tmp_path, capsys):
    arts = tmp_path / "articles"
    arts.mkdir()
    for f in sorted(bundled_corpus_path().glob("0*.txt")):  # the four bundled articles, without the examples
        (arts / f.name).write_bytes(f.read_bytes())
    code = main(["threads", str(arts), "--output", str(tmp_path / "t.csv")])
    err = capsys.readouterr().err
    assert code == 2
    last = err.strip().splitlines()[-1]
    assert last.startswith("clientcomm: error:") and "no threads" in last and "Traceback" not in err
    assert not (tmp_path / "t.csv").exists()


def test_threads_cli_missing_input(tmp_path, capsys):
    assert main(["threads", str(tmp_path / "nope"), "-o", str(tmp_path / "t.csv")]) == 2
    assert capsys.readouterr().err.strip() == f"clientcomm: error: no such file or folder: {tmp_path / 'nope'}"


def test_annotate_with_agents(tmp_path):
    src = tmp_path / "m.csv"
    pd.DataFrame({"sender": ["Desk", "Ana"], "text": ["Vă mulțumim!", "Bună ziua"]}).to_csv(src, index=False)
    out = tmp_path / "o.csv"
    assert main(["annotate", str(src), "-o", str(out), "--steps", "language", "--agents", "Desk"]) == 0
    got = pd.read_csv(out)
    assert got["role"].tolist() == ["agent", "client"] and got["role_source"].tolist() == ["agents list"] * 2


def test_threads_cli_bad_options_are_one_line(tmp_path, capsys):
    src = _write(tmp_path)
    assert main(["threads", str(src), "-o", str(tmp_path / "t.xyz")]) == 2
    assert capsys.readouterr().err.strip().startswith("clientcomm: error: unsupported output format '.xyz'")
    assert main(["threads", str(src), "-o", str(tmp_path / "t.csv"), "--thread-column", "conv",
                 "--text-column", "message", "--gap", "soon"]) == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last == "clientcomm: error: gap 'soon' is not a time span; write it like '24h', '90min' or '2 days'"
