"""Mention precision/recall on the hand-labelled passages (tests/dictionaries/passages.yaml).

The same developer wrote the passages and the dictionaries: these figures are
optimistic (see the file header). The target is micro-F1 >= 0.90 for mentions.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from clientcomm.dictionaries.evaluate import evaluate_passages, passage_errors, read_passages

PASSAGES = Path(__file__).with_name("passages.yaml")
FRESH = Path(__file__).with_name("passages_fresh.yaml")  # written after the dictionaries; see its header


def test_passage_set_is_large_and_covers_all_languages_and_labels():
    p = read_passages(PASSAGES)
    assert len(p) >= 60
    assert set(p["lang"]) == {"ru", "ro", "en", "zh-Hans", "zh-Hant"}
    used = {lab for m in p["mentions"] for lab in m}
    assert {"email", "phone", "messenger", "sms", "meeting", "letter", "video", "social", "web",
            "sanguine", "choleric", "melancholic", "phlegmatic"} <= used
    assert (p["mentions"].map(len) == 0).sum() >= 10  # traps with no label


@pytest.mark.parametrize("dictionary", ["channels", "temperaments"])
def test_micro_f1_target(dictionary):
    tab = evaluate_passages(PASSAGES, dictionary)
    errors = passage_errors(PASSAGES, dictionary)
    assert tab.loc["micro", "f1"] >= 0.90, errors.to_string()


@pytest.mark.parametrize("dictionary", ["channels", "temperaments"])
def test_micro_f1_on_the_later_written_set(dictionary):
    assert len(read_passages(FRESH)) >= 40
    tab = evaluate_passages(FRESH, dictionary)
    assert tab.loc["micro", "f1"] >= 0.90, passage_errors(FRESH, dictionary).to_string()
