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
