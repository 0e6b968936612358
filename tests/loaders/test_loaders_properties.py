"""Property tests: loaders never crash on malformed input and never lose or duplicate a message."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from loaders_fixtures import whatsapp_line

import clientcomm
from clientcomm.loaders import load, load_report
from clientcomm.loaders.whatsapp import looks_like_whatsapp

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Message text: any printable characters (Cyrillic, Romanian, CJK, emoji …) and inner line breaks;
# no control characters other than "\n", no surrogates.
_chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85")
texts = st.text(_chars | st.just("\n"), max_size=80)
senders = st.text(st.characters(whitelist_categories=("L", "N"), max_codepoint=0x9FFF), min_size=1, max_size=12)
SUFFIXES = [".csv", ".tsv", ".jsonl", ".json", ".txt", ".eml", ".mbox", ".xlsx", ".parquet", "", ".bin"]


def _tmp() -> Path:
    return Path(tempfile.mkdtemp(prefix="cc_prop_"))


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_never_crash_and_are_reported(data, suffix):
    p = _tmp() / f"input{suffix}"
    p.write_bytes(data)
    out = load(p)
    rep = load_report(out)
    files = rep[rep["location"] == ""]
    assert len(files) == 1 and files["status"].iloc[0] in ("loaded", "partial", "skipped")
    assert int(files["messages"].iloc[0]) == len(out)
    f = files.iloc[0]
    assert int(f["records"]) == int(f["loaded"]) + int(f["skipped"]) and "accounting mismatch" not in f["reason"]
    assert out["doc_id"].is_unique
    annotated = clientcomm.annotate(out, text_column="text", steps=["language"]) if len(out) else out
    assert len(annotated) == len(out)


@SETTINGS
@given(text=st.text(max_size=300), suffix=st.sampled_from(SUFFIXES))
def test_any_text_never_crashes(text, suffix):
    p = _tmp() / f"input{suffix}"
    p.write_bytes(text.encode("utf-8", "replace"))  # lone surrogates become "?"
    out = load(p)
    assert load_report(out)["messages"].sum() == len(out)


@SETTINGS
@given(msgs=st.lists(st.tuples(senders, texts), max_size=15), fmt=st.sampled_from(["csv", "tsv", "jsonl", "parquet"]))
def test_tables_keep_every_message_once(msgs, fmt):
    df = pd.DataFrame({"sender": [s for s, _ in msgs], "text": [t for _, t in msgs]}, dtype=str)
    p = _tmp() / f"m.{fmt}"
    if fmt == "csv":
        df.to_csv(p, index=False)
    elif fmt == "tsv":
        df.to_csv(p, index=False, sep="\t")
    elif fmt == "jsonl":
        df.to_json(p, orient="records", lines=True, force_ascii=False)
    else:
        df.to_parquet(p, index=False)
    out = load(p, text_column="text", sender_column="sender")
    if not msgs:
        return
    # a CSV field's "\r\n" is not expected: texts come without "\r"
    assert out["text"].tolist() == df["text"].tolist()
    assert out["sender"].tolist() == df["sender"].tolist()


@SETTINGS
@given(msgs=st.lists(st.tuples(senders, texts), min_size=1, max_size=15), style=st.sampled_from(["us12", "eu24", "ios"]))
def test_whatsapp_keeps_every_message_once(msgs, style):
    lines = []
    for i, (s, t) in enumerate(msgs):
        # a continuation line that itself looks like a message header is a new message by definition
        assume(not any(looks_like_whatsapp([ln]) for ln in t.split("\n")[1:]))
        lines.append(whatsapp_line(style, f"2023-01-{i % 28 + 1:02d} 13:{i:02d}:00", s, t))
    p = _tmp() / "chat.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = load(p, kind="whatsapp")
    assert out["sender"].tolist() == [s for s, _ in msgs]
    assert out["text"].tolist() == [t for _, t in msgs]


@SETTINGS
@given(msgs=st.lists(st.tuples(senders, texts), max_size=15), junk=st.lists(st.integers(), max_size=3))
def test_telegram_keeps_every_message_once(msgs, junk):
    items = [{"id": i, "type": "message", "date": "2023-01-02T10:00:00", "from": s, "text": t}
             for i, (s, t) in enumerate(msgs)] + junk
    p = _tmp() / "result.json"
    p.write_text(json.dumps({"name": "c", "id": 1, "messages": items}, ensure_ascii=False), encoding="utf-8")
    out = load(p)
    assert out["text"].tolist() == [t for _, t in msgs]
    assert len(load_report(out).query("location != ''")) == len(junk)
