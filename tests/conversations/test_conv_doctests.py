"""The examples in the conversations modules' docstrings run and give what they show."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["clientcomm.conversations.roles", "clientcomm.conversations.cues", "clientcomm.conversations.satisfaction",
           "clientcomm.conversations.thread_table", "clientcomm.conversations.comparison"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_weights_file_has_provenance_and_every_feature():
    from clientcomm.conversations import satisfaction

    text = satisfaction.WEIGHTS_FILE.read_text(encoding="utf-8")
    assert text.startswith("# ") and "TUNING half" in text and "Source:" in text
    assert set(satisfaction.load_weights()["weights"]) == set(satisfaction.FEATURES)


def test_cue_dictionary_has_provenance_and_five_languages():
    from clientcomm.conversations.cues import OUTCOME_DICTIONARY, OUTCOME_LABELS
    import yaml

    text = OUTCOME_DICTIONARY.read_text(encoding="utf-8")
    assert "Source:" in text.split("name:")[0] and "Version" in text.split("name:")[0]
    data = yaml.safe_load(text)
    assert tuple(data["labels"]) == OUTCOME_LABELS
    assert set(data["languages"]) == {"ru", "ro", "en", "zh"}  # zh serves zh-Hans and zh-Hant
    for lang, labels in data["languages"].items():
        assert set(labels) == set(OUTCOME_LABELS), lang
