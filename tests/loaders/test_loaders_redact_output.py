"""Issue 12, class 6: `clientcomm corpus --redact --output` leaks no planted value, in any output format."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest
from loaders_fixtures import whatsapp_line

PLANTED = {"ivan.petrov@example.ru", "+7 916 123-45-67", "89161234567", "ana@firma.ro", "0721 234 567",
           "ro49aaaa1b31007593840000", "069 123 456", "@ivan_support", "4111 1111 1111 1111"}


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    d = tmp_path_factory.mktemp("inbox")
    pd.DataFrame({"text": ["Пишите на ivan.petrov@example.ru, тел. +7 916 123-45-67",
                           "Ok,   спасибо:"],
                  "comment": ["второй комментарий: ana@firma.ro", "cont ro49aaaa1b31007593840000"],
                  "phone": ["89161234567", "069 123 456"],
                  "sender": ["Иван", "Ana"], "date": ["2024-01-15 10:00", "2024-01-15 11:00"]}).to_csv(
        d / "crm.csv", index=False)
    (d / "WhatsApp Chat with 0721 234 567.txt").write_text(
        whatsapp_line("eu24", "2024-01-15 10:00", "0721 234 567", "telegram @ivan_support, card 4111 1111 1111 1111")
        + "\n", encoding="utf-8")
    (d / "article.txt").write_text("Главная | Контакты\n\nПишите: ivan.petrov@example.ru\n\nПоделиться:\n",
                                   encoding="utf-8")
    return d


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".json", ".parquet", ".xlsx"])
def test_redacted_output_contains_no_planted_value(inbox, tmp_path, suffix):
    out = tmp_path / f"docs{suffix}"
    r = subprocess.run([sys.executable, "-m", "clientcomm", "corpus", str(inbox), "--redact", "--output", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    if suffix == ".parquet":
        text = json.dumps(pd.read_parquet(out).astype(str).to_dict("records"), ensure_ascii=False)
    elif suffix == ".xlsx":
        text = json.dumps(pd.read_excel(out, dtype=str).to_dict("records"), ensure_ascii=False)
    else:
        text = out.read_text(encoding="utf-8")
        if suffix in (".jsonl", ".json"):
            text += json.dumps([json.loads(line) for line in text.splitlines() if line.startswith("{")],
                               ensure_ascii=False)
    for value in PLANTED:
        assert value not in text, (value, suffix)
        assert value not in r.stdout + r.stderr, value
    assert "<PHONE_" in text and "<EMAIL_" in text and "<IBAN_" in text
    assert not list(tmp_path.glob(".*.part"))
