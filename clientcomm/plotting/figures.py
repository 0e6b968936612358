"""Figure helpers: tidy pandas in, a matplotlib ``Figure`` out.

Every helper builds its figure without pyplot (no global state, nothing
shown twice in a notebook), with the fonts of :mod:`clientcomm.plotting.fonts`
registered, so Cyrillic, Romanian and Chinese labels render.

>>> import pandas as pd
>>> fig = bar(pd.Series({"ru": 3, "ro": 2, "zh-Hant": 1}), title="Сегменты · segmente · 句子")
>>> fig.axes[0].get_title()
'Сегменты · segmente · 句子'
"""
from __future__ import annotations

import io
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .fonts import register_fonts

__all__ = ["new_figure", "bar", "heatmap", "distribution", "keyness_bars", "proportions", "intervals",
           "to_png", "save", "show", "FIGURE_DIR_ENV", "FIGURE_PREFIX_ENV"]

#: When set, :func:`show` also writes each figure as PNG into this folder (the report uses it).
FIGURE_DIR_ENV = "CLIENTCOMM_FIGURE_DIR"
#: Prefix of the PNG names written by :func:`show` (the report sets the notebook name).
FIGURE_PREFIX_ENV = "CLIENTCOMM_FIGURE_PREFIX"

_PALETTE = ["#3b6ea5", "#d1803a", "#5a9e5a", "#b84a4a", "#7c64a8", "#8c6d5a", "#c873a8", "#7f7f7f",
            "#a8a83a", "#3aa8b0"]


def new_figure(width: float = 7.0, height: float = 3.6, ncols: int = 1) -> tuple[Figure, list]:
    """A pyplot-free figure with ``ncols`` axes side by side.

    >>> fig, axes = new_figure(ncols=2); len(axes)
    2
    """
    register_fonts()
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(1, ncols, squeeze=False)[0]
    return fig, list(axes)


def _finish(ax, title: str | None, xlabel: str | None, ylabel: str | None) -> None:
    if title:
        import textwrap

        ax.set_title(textwrap.fill(title, max(24, int(ax.figure.get_figwidth() * 8))))
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)


def _nothing(fig: Figure, ax, title: str | None, message: str = "nothing to show for this corpus") -> Figure:
    """An empty table still gives a figure (a note instead of axes), never a warning."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", color="#666666", transform=ax.transAxes)
    if title:
        ax.set_title(title)
    return fig


def bar(data: pd.Series | pd.DataFrame, title: str | None = None, xlabel: str | None = None,
        ylabel: str | None = None, stacked: bool = False, horizontal: bool = False,
        width: float = 7.0, height: float = 3.6) -> Figure:
    """Bars of a Series, or grouped/stacked bars of a DataFrame (index = categories, columns = groups).

    >>> fig = bar(pd.DataFrame({"raw": [10, 20], "clean": [8, 19]}, index=["000", "001"]))
    >>> len(fig.axes[0].patches)
    4
    """
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    frame = frame.fillna(0)
    fig, (ax,) = new_figure(width, height)
    if frame.empty:
        return _nothing(fig, ax, title)
    n_groups = max(frame.shape[1], 1)
    pos = np.arange(len(frame))
    base = np.zeros(len(frame))
    w = 0.8 if stacked or n_groups == 1 else 0.8 / n_groups
    draw = ax.barh if horizontal else ax.bar
    for i, col in enumerate(frame.columns):
        vals = frame[col].to_numpy(dtype=float)
        offset = 0 if stacked or n_groups == 1 else (i - (n_groups - 1) / 2) * w
        kw = {"left": base} if horizontal else {"bottom": base}
        draw(pos + offset, vals, w, color=_PALETTE[i % len(_PALETTE)], label=str(col),
             **(kw if stacked else {}))
        if stacked:
            base = base + vals
    labels = [str(x) for x in frame.index]
    if horizontal:
        ax.set_yticks(pos, labels)
        ax.invert_yaxis()
    else:
        ax.set_xticks(pos, labels, rotation=0 if max((len(s) for s in labels), default=0) < 9 else 30,
                      ha="center" if max((len(s) for s in labels), default=0) < 9 else "right")
    if frame.shape[1] > 1 or isinstance(data, pd.DataFrame) and data.columns.name:
        ax.legend(frameon=False, title=frame.columns.name, fontsize="small")
    _finish(ax, title, xlabel, ylabel)
    return fig


def heatmap(table: pd.DataFrame, title: str | None = None, fmt: str = "{:.0f}", cmap: str = "Blues",
            xlabel: str | None = None, ylabel: str | None = None,
            width: float | None = None, height: float | None = None) -> Figure:
    """A labelled heat map of a table (rows × columns), each cell annotated with ``fmt``.

    >>> fig = heatmap(pd.DataFrame([[1, 0], [2, 5]], index=["ru", "zh-Hans"], columns=["email", "phone"]))
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['1', '0', '2', '5']
    """
    table = table.astype(float)
    w = width or max(4.0, 1.0 + 0.9 * table.shape[1])
    h = height or max(2.2, 0.9 + 0.45 * table.shape[0])
    fig, (ax,) = new_figure(w, h)
    if table.empty:
        return _nothing(fig, ax, title)
    values = table.to_numpy()
    finite = values[np.isfinite(values)]
    vmax = finite.max() if finite.size and finite.max() > 0 else 1.0
    im = ax.imshow(np.nan_to_num(values), cmap=cmap, vmin=0, vmax=vmax, aspect="auto")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=30, ha="right")
    ax.set_yticks(range(table.shape[0]), [str(r) for r in table.index])
    for (i, j), v in np.ndenumerate(values):
        if np.isfinite(v):
            ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize="small",
                    color="white" if v > 0.6 * vmax else "black")
    fig.colorbar(im, ax=ax, shrink=0.8)
    _finish(ax, title, xlabel, ylabel)
    ax.spines[["left", "bottom"]].set_visible(False)
    return fig


def distribution(segments: pd.DataFrame, value: str = "sentiment", by: str = "doc_id",
                 title: str | None = None, ylabel: str | None = None, seed: int = 0) -> Figure:
    """Box plot of ``value`` per group with every observation as a (seeded, jittered) dot.

    >>> df = pd.DataFrame({"doc_id": ["a", "a", "b"], "sentiment": [0.1, -0.2, 0.5]})
    >>> distribution(df).axes[0].get_xticklabels()[1].get_text()
    'b'
    """
    groups = [(str(k), g[value].dropna().to_numpy(dtype=float)) for k, g in segments.groupby(by, sort=True)]
    fig, (ax,) = new_figure(max(4.0, 1.2 * len(groups) + 2), 3.6)
    rng = np.random.default_rng(seed)
    if not any(len(g) for _, g in groups):
        return _nothing(fig, ax, title)
    if groups:
        ax.boxplot([g for _, g in groups], positions=range(len(groups)), widths=0.5, showfliers=False)
        for i, (_, vals) in enumerate(groups):
            ax.scatter(i + rng.uniform(-0.18, 0.18, len(vals)), vals, s=14, alpha=0.6, zorder=3,
                       color=_PALETTE[i % len(_PALETTE)], linewidths=0)
        ax.set_xticks(range(len(groups)), [k for k, _ in groups])
    ax.axhline(0, color="#999999", linewidth=0.8, zorder=0)
    _finish(ax, title, by, ylabel or value)
    return fig


def keyness_bars(table: pd.DataFrame, n: int = 12, feature: str = "feature", stat: str = "G2",
                 title: str | None = None) -> Figure:
    """Horizontal bars of the ``n`` features most key to the target, and the ``n`` most key to the reference.

    ``table`` is a keyness table (quanteda style): a ``feature`` column and a
    signed statistic column (positive = more frequent in the target). When
    the statistic is unsigned, a ``log_ratio`` column gives the sign.

    >>> t = pd.DataFrame({"feature": ["детали", "друг"], "G2": [5.0, -3.0]})
    >>> len(keyness_bars(t).axes[0].patches)
    2
    """
    df = table[[feature, stat] + (["log_ratio"] if "log_ratio" in table else [])].copy()
    signed = df[stat].astype(float)
    if (signed >= 0).all() and "log_ratio" in df:
        signed = signed * np.sign(df["log_ratio"].astype(float)).replace(0, 1)
    df["signed"] = signed
    top = df.sort_values(["signed", feature], ascending=[False, True])
    pos = top[top["signed"] > 0].head(n)
    neg = top[top["signed"] < 0].sort_values(["signed", feature]).head(n)
    show_df = pd.concat([pos, neg.iloc[::-1]])
    fig, (ax,) = new_figure(6.5, max(2.5, 0.28 * len(show_df) + 1.2))
    if show_df.empty:
        return _nothing(fig, ax, title)
    colors = [_PALETTE[0] if v > 0 else _PALETTE[1] for v in show_df["signed"]]
    ax.barh(range(len(show_df)), show_df["signed"], color=colors)
    ax.set_yticks(range(len(show_df)), show_df[feature].astype(str))
    ax.invert_yaxis()
    ax.axvline(0, color="#555555", linewidth=0.8)
    _finish(ax, title, f"{stat} (target > 0 > reference)", None)
    return fig


def proportions(table: pd.DataFrame, estimate: str = "proportion", low: str = "ci_low",
                high: str = "ci_high", category: str | None = None, group: str | None = None,
                title: str | None = None, ylabel: str = "share of segments", ax=None) -> Figure:
    """Grouped bars of proportions with confidence-interval error bars.

    ``table`` is long: one row per (``category``, ``group``) with the
    estimate and its interval (defaults: the first two columns are category
    and group). With ``ax`` it draws into that axes (for multi-panel figures).

    >>> t = pd.DataFrame({"label": ["email", "email"], "lang": ["ru", "ro"],
    ...                   "proportion": [0.2, 0.1], "ci_low": [0.1, 0.0], "ci_high": [0.3, 0.2]})
    >>> len(proportions(t).axes[0].patches)
    2
    """
    category = category or table.columns[0]
    group = group or table.columns[1]
    cats = list(dict.fromkeys(table[category]))
    groups = sorted(dict.fromkeys(table[group]), key=str)
    if ax is None:
        fig, (ax,) = new_figure(max(5.0, 0.9 * len(cats) * max(1, len(groups)) / 2 + 2), 3.8)
    else:
        fig = ax.figure
    if not cats:
        return _nothing(fig, ax, title)
    w = 0.8 / max(len(groups), 1)
    pos = np.arange(len(cats))
    for i, g in enumerate(groups):
        sub = table[table[group] == g].set_index(category).reindex(cats)
        est = sub[estimate].to_numpy(dtype=float)
        err = np.vstack([est - sub[low].to_numpy(dtype=float), sub[high].to_numpy(dtype=float) - est])
        ax.bar(pos + (i - (len(groups) - 1) / 2) * w, np.nan_to_num(est), w, yerr=np.nan_to_num(np.clip(err, 0, None)),
               capsize=2, color=_PALETTE[i % len(_PALETTE)], label=str(g), error_kw={"linewidth": 0.8})
    ax.set_xticks(pos, [str(c) for c in cats], rotation=30 if len(cats) > 5 else 0,
                  ha="right" if len(cats) > 5 else "center")
    if len(groups) > 1:
        ax.legend(frameon=False, title=str(group), fontsize="small")
    _finish(ax, title, None, ylabel)
    return fig


def intervals(table: pd.DataFrame, estimate: str = "estimate", low: str = "low", high: str = "high",
              label: str | list[str] = "label", group: str | None = None, reference: float | None = None,
              title: str | None = None, xlabel: str | None = None, note: str = "note", ax=None) -> Figure:
    """Point estimates with their intervals, one row each (a forest plot); rows without a number say why.

    ``label`` names the column(s) that label a row; ``group`` colours rows;
    ``reference`` draws a vertical line (0 for differences). A row whose
    estimate is missing is drawn as its ``note`` in grey instead of a point.

    >>> t = pd.DataFrame({"label": ["ru − ro", "zh − ro"], "estimate": [0.1, None], "low": [0.0, None],
    ...                   "high": [0.2, None], "note": ["", "only one document"]})
    >>> ax = intervals(t, reference=0.0).axes[0]
    >>> [x.get_text() for x in ax.texts]
    ['only one document']
    """
    labels = [label] if isinstance(label, str) else list(label)
    names = table[labels].astype(str).agg(" · ".join, axis=1).tolist()
    if ax is None:
        fig, (ax,) = new_figure(7.0, max(2.2, 0.32 * len(table) + 1.2))
    else:
        fig = ax.figure
    if table.empty:
        return _nothing(fig, ax, title)
    groups = list(dict.fromkeys(table[group].astype(str))) if group else [None]
    est = pd.to_numeric(table[estimate], errors="coerce").to_numpy(dtype=float)
    lo = pd.to_numeric(table[low], errors="coerce").to_numpy(dtype=float)
    hi = pd.to_numeric(table[high], errors="coerce").to_numpy(dtype=float)
    pos = np.arange(len(table))
    finite = np.concatenate([v[np.isfinite(v)] for v in (est, lo, hi)] + [np.array([reference or 0.0])])
    left = float(finite.min()) if finite.size else 0.0
    for gi, g in enumerate(groups):
        sel = np.ones(len(table), bool) if g is None else (table[group].astype(str) == g).to_numpy()
        ok = sel & np.isfinite(est)
        color = _PALETTE[gi % len(_PALETTE)]
        ax.errorbar(est[ok], pos[ok], xerr=np.vstack([np.clip(est[ok] - np.nan_to_num(lo[ok], nan=est[ok]), 0, None),
                                                       np.clip(np.nan_to_num(hi[ok], nan=est[ok]) - est[ok], 0, None)]),
                    fmt="o", color=color, capsize=3, markersize=4, linewidth=1, label=g)
    notes = table[note].astype(str).tolist() if note in table else [""] * len(table)
    for i in np.flatnonzero(~np.isfinite(est)):
        ax.text(left, pos[i], notes[i] or "not computed", va="center", ha="left", fontsize="small", color="#777777")
    if reference is not None:
        ax.axvline(reference, color="#999999", linewidth=0.8, zorder=0)
    ax.set_yticks(pos, names)
    ax.invert_yaxis()
    if group and len(groups) > 1:
        ax.legend(frameon=False, fontsize="small", title=group)
    _finish(ax, title, xlabel, None)
    return fig


def to_png(fig: Figure, dpi: int = 100) -> bytes:
    """PNG bytes of ``fig`` with no time stamp or software version in it (same figure, same bytes).

    >>> to_png(bar(pd.Series({"a": 1})))[:4]
    b'\\x89PNG'
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None}, bbox_inches="tight", pad_inches=0.1)
    return buf.getvalue()


def save(fig: Figure, path: str | Path, dpi: int = 100) -> Path:
    """Write ``fig`` as PNG to ``path`` (folders created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_png(fig, dpi=dpi))
    return path


def _slug(name: str) -> str:
    return re.sub(r"[^0-9A-Za-z_.-]+", "_", name).strip("_") or "figure"


def show(fig: Figure, name: str | None = None, dpi: int = 100) -> None:
    """Display ``fig`` in a notebook as a PNG (deterministic text output).

    When the environment variable ``CLIENTCOMM_FIGURE_DIR`` is set (the
    report does it), the PNG is also written there as ``PREFIX-NAME.png``.
    """
    png = to_png(fig, dpi=dpi)
    folder = os.environ.get(FIGURE_DIR_ENV)
    if folder and name:
        prefix = os.environ.get(FIGURE_PREFIX_ENV, "")
        target = Path(folder) / (_slug(f"{prefix}-{name}" if prefix else name) + ".png")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png)
    try:
        from IPython.display import Image, display
    except ImportError:  # pragma: no cover - outside IPython there is nothing to show
        return
    display(Image(data=png, format="png"))
