"""read(): labels checked against the vocabulary, positions in error messages, conflicting files refused."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.coding import read


def _write(tmp_path, name, **cols):
    df = pd.DataFrame({"unit_id": ["s1", "s2"], "lang": ["ru", "ro"], "text": ["а", "b"], **cols})
    path = tmp_path / name
    df.to_csv(path, index=False)
    return path


def test_unknown_label_names_file_row_and_column(tmp_path):
    p = _write(tmp_path, "bad.csv", **{"channels:A": ["phone", "fax"]})
    with pytest.raises(ValueError, match=r"bad.csv row 3 column channels:A: unknown label 'fax'"):
        read(p)


def test_sentiment_and_custom_vocabulary(tmp_path):
    p = _write(tmp_path, "s.csv", **{"sentiment:A": ["Negative", "neutral"], "topic:A": ["billing", "none"]})
    codes = read(p, vocabulary={"topic": ["billing", "delivery"]})
    assert codes.set_index(["label_set", "unit_id"])["labels"].to_dict() == {
        ("sentiment", "s1"): "negative", ("sentiment", "s2"): "neutral", ("topic", "s1"): "billing",
        ("topic", "s2"): ""}


def test_conflicting_files_are_refused_and_equal_ones_merged(tmp_path):
    a = _write(tmp_path, "a.csv", **{"channels:A": ["phone", "email"]})
    same = _write(tmp_path, "same.csv", **{"channels:A": ["phone", "email"]})
    assert len(read([a, same])) == 2
    other = _write(tmp_path, "other.csv", **{"channels:A": ["phone", "meeting"]})
    with pytest.raises(ValueError, match="coded differently in two files"):
        read([a, other])
    no_codes = tmp_path / "plain.csv"
    pd.DataFrame({"unit_id": ["s1"], "text": ["x"]}).to_csv(no_codes, index=False)
    with pytest.raises(ValueError, match="no code columns"):
        read(no_codes)


def test_unknown_label_set_asks_for_a_vocabulary(tmp_path):
    p = _write(tmp_path, "t.csv", **{"topic:A": ["billing", "none"]})
    with pytest.raises(ValueError, match="vocabulary="):
        read(p)
