"""clientcomm.annotation: the ``lang`` argument of annotate is read like every annotator's (one rule, _series.per_text)."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.annotation import annotate_unique
from clientcomm.pipeline import annotate


def test_a_lang_list_of_the_wrong_length_is_a_clear_error():
    with pytest.raises(ValueError, match="lang has 1 values for 2 texts"):
        annotate(["Всё отлично, спасибо!", "Serviciu groaznic"], steps=["sentiment"], lang=["ru"])
    with pytest.raises(ValueError, match="lang has 1 values for 2 texts"):
        annotate_unique(["Всё отлично, спасибо!", "Serviciu groaznic"], ["sentiment"], ["ru"])


def test_a_lang_column_of_a_larger_table_is_aligned_on_the_index():
    df = pd.DataFrame({"text": ["Всё отлично, спасибо!", "Serviciu groaznic, nu recomand"]}, index=[5, 6])
    whole = pd.Series({4: "en", 6: "ro", 5: "ru"})
    aligned = annotate(df, steps=["sentiment"], lang=whole)
    pd.testing.assert_frame_equal(aligned, annotate(df, steps=["sentiment"], lang=["ru", "ro"]))
    assert aligned["sentiment_label"].tolist() == ["positive", "negative"]


def test_fewer_collections_restores_the_threshold_when_nested_and_on_error():
    import gc

    import pytest

    from clientcomm.annotation import GC_YOUNG_THRESHOLD, fewer_collections

    before = gc.get_threshold()
    with fewer_collections():
        with fewer_collections():
            assert gc.get_threshold()[0] == max(before[0], GC_YOUNG_THRESHOLD)
        assert gc.get_threshold()[0] == max(before[0], GC_YOUNG_THRESHOLD)  # the outer block still holds it
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError):
        with fewer_collections():
            raise RuntimeError("a step failed")
    assert gc.get_threshold() == before
