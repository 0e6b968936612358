import os

import pandas as pd
import pytest

from clientcomm.language.evaluate import evaluate_file, score_table, summarise

DEV = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "langid", "langid_dev.csv")


def _write(tmp_path):
    df = pd.DataFrame({"text": ["Добрый вечер, как ваши дела?", "Bună seara, ce mai faceți?",
                                "Good evening, how are you?", "Спасибо"],
                       "lang": ["ru", "ro", "en", "bg"]})
    path = tmp_path / "mini.csv"
    df.to_csv(path, index=False)
    return path


def test_report_has_all_sections(tmp_path):
    report = evaluate_file(str(_write(tmp_path)))
    for part in ["accuracy overall: 0.750", "per language:", "per length", "<=30", "31-100",
                 "top confusions", "calibration"]:
        assert part in report
    assert "bg" in report.split("top confusions")[1]


def test_summary_numbers(tmp_path):
    table = score_table(pd.read_csv(_write(tmp_path)))
    s = summarise(table)
    assert s["accuracy"] == pytest.approx(0.75)
    assert s["confusions"].iloc[0][["lang", "pred"]].tolist() == ["bg", "ru"]


def test_missing_column_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.csv"
    pd.DataFrame({"message": ["x"]}).to_csv(path, index=False)
    with pytest.raises(ValueError, match="text,lang"):
        evaluate_file(str(path))


def test_dev_sample_if_available():
    if not os.path.exists(DEV):
        pytest.skip("development set ../shared/data/langid/langid_dev.csv not available on this machine")
    df = pd.read_csv(DEV).groupby("lang").head(15)
    assert summarise(score_table(df))["accuracy"] > 0.85
