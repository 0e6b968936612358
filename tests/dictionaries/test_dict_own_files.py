"""A study's own dictionary file: globs, shorthand lists, and one clear error per kind of mistake."""
from __future__ import annotations


import pandas as pd
import pytest

from clientcomm.dictionaries import tag
from clientcomm.dictionaries.loader import load_dictionary
from clientcomm.dictionaries.profiles import profile
from clientcomm.dictionaries.tagger import resolve_lang


def test_an_own_file_with_globs_and_the_shorthand_list(write_yaml):
    path = write_yaml("""
        name: delivery
        labels: [courier, pickup]
        languages:
          en:
            courier: ["[ck]ourier*", "driver"]      # a bare list means mentions
            pickup:
              mention: ["self-pick?p"]
          ro:
            courier: ["curier*"]
        """)
    d = load_dictionary(path)
    assert d.name == "delivery" and d.labels == ("courier", "pickup")
    out = tag(["The kourier came late", "Self-pickup please", "Curierul a sunat"], path, lang=["en", "en", "ro"])
    assert out["labels"].tolist() == ["courier", "pickup", "courier"]


@pytest.mark.parametrize("body,message", [
    ("languages: {}\n", "needs 'labels'"),
    ("labels: [a]\nlanguages:\n  en: [x]\n", "must map labels"),
    ("labels: [a]\nlanguages:\n  en:\n    a:\n      hint: [x]\n", "must be 'mention' or 'cue'"),
    ("labels: [a]\nlanguages:\n  en:\n    a:\n      mention: [{window: 2}]\n", "has no 'term'"),
    ("labels: [a]\nlanguages:\n  en:\n    a: ['  ']\n", "empty dictionary term"),
    ("labels: [a]\nlanguages:\n  en:\n    b: [x]\n", "label 'b' .* is not in labels: a"),
])
def test_mistakes_in_an_own_file_are_named(write_yaml, body, message):
    with pytest.raises(ValueError, match=message):
        load_dictionary(write_yaml(body))


def test_a_dictionary_that_does_not_exist_names_the_built_in_ones(tmp_path):
    with pytest.raises(FileNotFoundError, match="channels, temperaments"):
        load_dictionary(tmp_path / "nowhere.yaml")


def test_resolve_lang_falls_back_on_the_script():
    d = load_dictionary("channels")
    assert resolve_lang("de", "Rufen Sie mich an", d) == "en"      # Latin without Romanian letters
    assert resolve_lang("it", "Sunați-ne mâine", d) == "ro"        # Romanian letters
    assert resolve_lang(None, "12345 !!!", d) is None              # no letters: no language


def test_profile_center_must_be_known():
    with pytest.raises(ValueError, match="center must be"):
        profile(pd.Series(["Thank you so much!"]), lang="en", center="mode")
    fixed = profile(pd.Series(["Thank you so much!", "I am worried, always worried."]), lang="en",
                    center={"E": 0.0, "N": 0.0})
    assert (fixed["E"] == fixed["E_raw"]).all() and (fixed["N"] == fixed["N_raw"]).all()
