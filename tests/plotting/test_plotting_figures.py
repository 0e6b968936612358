"""Figure helpers: tidy tables in, labelled matplotlib figures out, same bytes every time."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm import plotting
from clientcomm.plotting import figures


@pytest.fixture
def segs():
    return pd.DataFrame({
        "doc_id": ["000", "000", "002", "003", "003"],
        "lang": ["ru", "ru", "ro", "zh-Hant", "zh-Hant"],
        "sentiment": [0.5, -0.25, 0.0, 0.7, -0.8],
    })


def test_bar_grouped_and_stacked():
    df = pd.DataFrame({"raw_chars": [5445, 2812], "clean_chars": [5132, 2629]}, index=["000", "003"])
    grouped = plotting.bar(df, title="Символы · caractere · 字符")
    assert len(grouped.axes[0].patches) == 4
    assert [t.get_text() for t in grouped.axes[0].get_xticklabels()] == ["000", "003"]
    stacked = plotting.bar(df, stacked=True)
    tops = sorted(p.get_y() + p.get_height() for p in stacked.axes[0].patches)
    assert tops[-1] == pytest.approx(5445 + 5132)


def test_heatmap_annotates_each_cell():
    t = pd.DataFrame([[9, 0], [6, 2]], index=["email", "phone"], columns=["ru", "zh-Hant"])
    fig = plotting.heatmap(t)
    assert [x.get_text() for x in fig.axes[0].texts] == ["9", "0", "6", "2"]
    assert [x.get_text() for x in fig.axes[0].get_yticklabels()] == ["email", "phone"]


def test_distribution_one_box_per_group_and_all_points(segs):
    fig = plotting.distribution(segs, value="sentiment", by="lang")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["ro", "ru", "zh-Hant"]
    assert sum(len(c.get_offsets()) for c in ax.collections) == len(segs)


def test_keyness_bars_sign_from_log_ratio():
    key = pd.DataFrame({"feature": ["флегматик", "подробность", "почта"], "G2": [30.3, 5.2, 2.1],
                        "log_ratio": [6.5, 3.0, -1.2]})
    ax = plotting.keyness_bars(key, n=5).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["флегматик", "подробность", "почта"]
    assert [round(p.get_width(), 1) for p in ax.patches] == [30.3, 5.2, -2.1]


def test_proportions_error_bars_and_panel():
    t = pd.DataFrame({"channels": ["email", "email", "phone", "phone"], "lang": ["ro", "ru", "ro", "ru"],
                      "rate_per_100": [0.0, 19.1, 2.9, 12.8], "ci_low": [0, 8.5, 0, 4.3],
                      "ci_high": [0, 31.9, 6.8, 23.4]})
    fig, axes = plotting.new_figure(ncols=2)
    plotting.proportions(t, estimate="rate_per_100", ax=axes[1])
    assert len(axes[1].patches) == 4 and len(axes[0].patches) == 0
    assert [x.get_text() for x in axes[1].get_legend().get_texts()] == ["ro", "ru"]


def test_png_bytes_are_deterministic(segs):
    a = plotting.to_png(plotting.distribution(segs))
    b = plotting.to_png(plotting.distribution(segs))
    assert a == b


def test_show_writes_named_png_when_asked(tmp_path, monkeypatch):
    monkeypatch.setenv(figures.FIGURE_DIR_ENV, str(tmp_path))
    monkeypatch.setenv(figures.FIGURE_PREFIX_ENV, "05_channels")
    plotting.show(plotting.bar(pd.Series({"email": 9, "phone": 12})), "per channel")
    assert [p.name for p in tmp_path.iterdir()] == ["05_channels-per_channel.png"]


def test_figures_do_not_touch_pyplot_state():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    plotting.bar(pd.Series({"a": 1}))
    assert plt.get_fignums() == before


@pytest.mark.parametrize("make", [
    lambda: plotting.bar(pd.Series(dtype=float), title="t"),
    lambda: plotting.heatmap(pd.DataFrame(), title="t"),
    lambda: plotting.distribution(pd.DataFrame({"doc_id": [], "sentiment": []}), title="t"),
    lambda: plotting.keyness_bars(pd.DataFrame({"feature": [], "G2": []}), title="t"),
    lambda: plotting.proportions(pd.DataFrame({"c": [], "g": [], "proportion": [], "ci_low": [], "ci_high": []}),
                                 title="t"),
])
def test_empty_tables_give_a_note_not_a_warning(make):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = make()
        plotting.to_png(fig)
    assert fig.axes[0].texts[-1].get_text() == "nothing to show for this corpus"


def test_intervals_points_whiskers_and_notes():
    t = pd.DataFrame({"measure": ["kappa", "alpha", "alpha"], "label": ["phone", "phone", "letter"],
                      "estimate": [0.8, 0.75, None], "low": [0.6, 0.5, None], "high": [1.0, 0.9, None],
                      "note": ["", "", "no variation"]})
    ax = plotting.intervals(t, label=["measure", "label"], reference=0.0).axes[0]
    assert [x.get_text() for x in ax.get_yticklabels()] == ["kappa · phone", "alpha · phone", "alpha · letter"]
    assert [x.get_text() for x in ax.texts] == ["no variation"]
    line = ax.containers[0]  # errorbar container: the points drawn are the two finite estimates
    assert list(line[0].get_xdata()) == [0.8, 0.75]
