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


def test_nested_as_text_gives_the_csv_bytes_of_the_nested_hits(tmp_path):
    """The hits as their text (what the workers send for a CSV output) write the same file as the hits themselves."""
    from clientcomm.annotation import nested_as_text
    from clientcomm.io import write_table

    df = pd.DataFrame({"id": [1, 2, 3], "text": ["Спасибо, всё отлично!", "Ужасный сервис, никто не отвечает.", ""]})
    nested = annotate(df, steps=["sentiment"], lang="ru")
    assert isinstance(nested.loc[0, "sentiment_hits"], list) and nested.loc[0, "sentiment_hits"]
    as_text = nested_as_text(nested.copy())
    assert as_text["sentiment_hits"].tolist() == [str(h) for h in nested["sentiment_hits"]]
    assert as_text.drop(columns="sentiment_hits").equals(nested.drop(columns="sentiment_hits"))
    for suffix in (".csv", ".tsv"):
        a, b = write_table(nested, tmp_path / f"a{suffix}"), write_table(as_text, tmp_path / f"b{suffix}")
        assert a.read_bytes() == b.read_bytes()


def test_hits_as_text_stay_python_strings_in_the_annotated_table():
    """The hits' text is not copied into pandas' string type on the way out (it is written as it is)."""
    from clientcomm.parallel import AnnotationPool
    from clientcomm.pipeline import annotate_frame

    df = pd.DataFrame({"text": ["Спасибо, всё отлично!", "Ужасный сервис.", "Спасибо, всё отлично!"]})
    out = annotate_frame(df, "text", ["sentiment"], "ru", pool=AnnotationPool(1, ["sentiment"], "ru",
                                                                              nested_as_text=True))
    assert out["sentiment_hits"].dtype == object and isinstance(out.loc[0, "sentiment_hits"], str)
    assert out.loc[0, "sentiment_hits"] == out.loc[2, "sentiment_hits"] != "[]"
    assert out["sentiment_label"].tolist() == annotate(df, steps=["sentiment"], lang="ru")["sentiment_label"].tolist()
