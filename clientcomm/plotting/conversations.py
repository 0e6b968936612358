"""Figures and small helpers for the conversation notebooks (07 threads, 08 channels).

Tidy pandas in, a matplotlib ``Figure`` out, like :mod:`.figures`; labels in
every corpus language render with the registered fonts.

>>> import pandas as pd
>>> t = pd.DataFrame({"channels": ["email", "email", "chat"], "first_response_s": [3600, 86400, 120]})
>>> fig = response_times(t)
>>> fig.axes[0].get_xlabel()
'hours to the first agent reply (log scale)'
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..loaders.base import is_message
from .figures import _PALETTE, _finish, _nothing, heatmap, new_figure

__all__ = ["example_corpus_path", "EXAMPLE_AGENTS", "load_messages", "annotated_messages", "thread_messages",
           "channel_volume", "temperament_shares", "short_label", "satisfaction_terms", "response_times", "sentiment_first_last",
           "estimates", "hour_weekday", "hour_weekday_table", "WEEKDAYS"]

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
#: Who is an agent in the example conversations (their README): the shop's mail domain and chat names.
EXAMPLE_AGENTS = "@shop.example;Shop Support;Elena Rusu;Дмитрий Орлов;王芳;陳志明;Mark Lee"


def example_corpus_path() -> Path:
    """The team-written example conversations (``corpora/examples``), the default of notebooks 07–08.

    >>> example_corpus_path().name
    'examples'
    """
    from ..corpus import bundled_corpus_path

    path = bundled_corpus_path() / "examples"
    if not path.is_dir():
        raise FileNotFoundError(f"example conversations not found in {path}: install clientcomm from a clone "
                                "or a wheel that ships corpora/examples")
    return path


def load_messages(corpus_path: str | Path | None = None, agents: str | Iterable[str] | None = None,
                  client_roles: str | Iterable[str] | None = None) -> pd.DataFrame:
    """The notebooks' first step: read ``corpus_path`` (None: the example conversations, with
    :data:`EXAMPLE_AGENTS` unless ``agents`` is given) with :func:`clientcomm.load`, keep the
    messages (rows with a sender or a thread id; articles have neither) and decide each
    message's role with :func:`clientcomm.assign_roles`.

    The load report stays in ``attrs["load_report"]``.
    """
    import clientcomm


    if corpus_path is None and agents is None:
        agents = EXAMPLE_AGENTS
    path = Path(corpus_path) if corpus_path is not None else example_corpus_path()
    docs = clientcomm.load(path)
    report = docs.attrs.get("load_report", [])
    msgs = docs[is_message(docs)].reset_index(drop=True)
    if msgs.empty:
        raise ValueError(f"{path}: no messages (no row has a sender or a thread id): "
                         "articles have no threads; use notebooks 01–06 for them")
    msgs = clientcomm.assign_roles(msgs, agents=agents, client_roles=client_roles)
    msgs.attrs["load_report"] = report
    return msgs


def annotated_messages(msgs: pd.DataFrame, text_column: str = "clean_text") -> pd.DataFrame:
    """Messages with language, sentiment and cue columns (:func:`clientcomm.annotate`, then
    :func:`clientcomm.conversations.tag_cues`), computed once so that ``threads`` reuses them.

    The channel *mentions* that ``annotate`` tags are renamed ``channel_mentions`` so they are
    not taken for the metadata ``channel``.
    """
    import clientcomm
    from clientcomm.conversations import tag_cues

    m = clientcomm.annotate(msgs, text_column=text_column, steps=["language", "sentiment", "dictionaries"])
    m = m.rename(columns={"channels": "channel_mentions"})
    m = tag_cues(m, text_column=text_column)
    m.attrs = dict(msgs.attrs)
    return m


def thread_messages(msgs: pd.DataFrame, threads: pd.DataFrame) -> pd.DataFrame:
    """Messages with the ``thread`` they belong to in the thread table (chats split by the day gap).

    A message belongs to the thread of its conversation (``conversation_id``) whose time span
    (``started``…``ended``) holds its timestamp; messages without a timestamp stay with an
    unsplit thread only.

    >>> m = pd.DataFrame({"thread_id": ["c", "c"], "timestamp": pd.to_datetime(["2024-01-01", "2024-01-05"], utc=True)})
    >>> t = pd.DataFrame({"thread_id": ["c#1", "c#2"], "conversation_id": ["c", "c"],
    ...                   "started": pd.to_datetime(["2024-01-01", "2024-01-05"], utc=True),
    ...                   "ended": pd.to_datetime(["2024-01-01", "2024-01-05"], utc=True)})
    >>> thread_messages(m, t)["thread"].tolist()
    ['c#1', 'c#2']
    """
    spans = threads[["thread_id", "conversation_id", "started", "ended"]].rename(columns={"thread_id": "thread"})
    m = msgs.reset_index(drop=True).assign(_row=lambda d: range(len(d)))
    joined = m.merge(spans, left_on="thread_id", right_on="conversation_id", how="left")
    ts = pd.to_datetime(joined["timestamp"], utc=True)
    inside = (ts >= pd.to_datetime(joined["started"], utc=True)) & (ts <= pd.to_datetime(joined["ended"], utc=True))
    single = joined.groupby("_row")["thread"].transform("size").eq(1)
    picked = joined[inside | single].drop_duplicates("_row")
    out = m.merge(picked[["_row", "thread"]], on="_row", how="left").drop(columns="_row")
    out.attrs = dict(msgs.attrs)
    return out


def channel_volume(msgs: pd.DataFrame) -> pd.DataFrame:
    """Per metadata channel: messages, conversations (thread ids of the data), client and agent messages,
    distinct client senders.

    >>> m = pd.DataFrame({"channel": ["email", "email", "chat"], "thread_id": ["a", "a", "b"],
    ...                   "role": ["client", "agent", "client"], "sender": ["x", "y", "z"], "doc_id": [1, 2, 3]})
    >>> channel_volume(m).loc["email"].tolist()
    [2, 1, 1, 1, 1]
    """
    g = msgs.groupby("channel")
    out = pd.DataFrame({
        "messages": g["doc_id"].size(),
        "conversations": g["thread_id"].nunique(),
        "client_messages": g["role"].apply(lambda r: int(r.eq("client").sum())),
        "agent_messages": g["role"].apply(lambda r: int(r.eq("agent").sum())),
        "clients": msgs[msgs["role"].eq("client")].groupby("channel")["sender"].nunique(),
    }).fillna(0).astype(int)
    return out.sort_values("messages", ascending=False)


def temperament_shares(msgs: pd.DataFrame, by: str = "channel", column: str = "temperament_cues") -> pd.DataFrame:
    """Share of messages per ``by`` group with a cue of each temperament (``label:words;…`` cue strings).

    >>> m = pd.DataFrame({"channel": ["email", "email", "chat"],
    ...                   "temperament_cues": ["choleric:angry", "", "phlegmatic:calm;choleric:now"]})
    >>> temperament_shares(m).loc["chat"].tolist()
    [1.0, 1.0]
    """
    from clientcomm.conversations.cues import cue_labels

    labels = msgs[column].fillna("").map(lambda v: sorted(set(cue_labels(v))) if v else [])
    rows = pd.DataFrame([{lab: 1.0 for lab in labs} for labs in labels], index=msgs.index).fillna(0.0)
    if rows.empty or not len(rows.columns):
        return pd.DataFrame(index=sorted(msgs[by].unique()))
    table = rows.groupby(msgs[by]).mean()
    return table[sorted(table.columns)]


def satisfaction_terms(threads: pd.DataFrame) -> pd.DataFrame:
    """Each feature of the satisfaction estimate: its weight, mean value and mean contribution
    (weight × value) over the threads, largest contribution first."""
    from clientcomm.conversations.satisfaction import FEATURES, contributions, load_weights

    t = threads.dropna(subset=["client_satisfaction"])
    contrib = contributions(t)
    weights = load_weights()["weights"]
    out = pd.DataFrame({"weight": pd.Series(weights).reindex(FEATURES),
                        "mean value": t[list(FEATURES)].astype(float).mean(),
                        "mean contribution": contrib[list(FEATURES)].mean()})
    out.index.name = "feature"
    return out.reindex(out["mean contribution"].abs().sort_values(ascending=False).index)


def short_label(value, width: int = 26) -> str:
    """A thread id cut in the middle so that its start and its end (``#2`` of a split chat) stay readable.

    >>> short_label("WhatsApp Chat with Светлана Иванова#1")
    'WhatsApp Chat wit…ванова#1'
    >>> short_label("T-5001")
    'T-5001'
    """
    text = str(value)
    if len(text) <= width:
        return text
    tail = max(8, width // 3)
    return text[: width - tail - 1] + "…" + text[-tail:]


def _first_channel(value) -> str:
    if isinstance(value, (list, tuple, np.ndarray)):
        return "+".join(sorted(map(str, value))) or "(none)"
    return str(value) if value == value and str(value) else "(none)"


def response_times(threads: pd.DataFrame, by: str = "channels", value: str = "first_response_s",
                   title: str | None = None) -> Figure:
    """One row of dots per channel: hours to the first agent reply of each thread (log scale), median marked.

    Threads without an agent reply (NaN) are counted in the label, not drawn.
    """
    groups = threads[by].map(_first_channel) if by in threads else pd.Series("(all)", index=threads.index)
    hours = pd.to_numeric(threads.get(value), errors="coerce") / 3600
    names = sorted(groups.unique(), key=str)
    fig, (ax,) = new_figure(7.0, max(2.4, 0.9 + 0.5 * len(names)))
    if hours.notna().sum() == 0:
        return _nothing(fig, ax, title, "no thread has an agent reply with a time stamp")
    rng = np.random.default_rng(0)  # vertical jitter only, seeded: same figure every run
    labels = []
    for i, g in enumerate(names):
        h = hours[groups == g].dropna().clip(lower=1 / 60)
        n_missing = int((groups == g).sum() - len(h))
        ax.scatter(h, i + rng.uniform(-0.15, 0.15, len(h)), s=22, alpha=0.75, color=_PALETTE[i % len(_PALETTE)])
        if len(h):
            ax.plot([h.median()] * 2, [i - 0.3, i + 0.3], color="black", linewidth=1.5)
        labels.append(f"{g} (n={len(h)}" + (f", {n_missing} unanswered)" if n_missing else ")"))
    ax.set_xscale("log")
    ax.set_yticks(range(len(names)), labels)
    ticks = [1 / 60, 0.25, 1, 4, 24, 72]
    ax.set_xticks(ticks, ["1 min", "15 min", "1 h", "4 h", "1 day", "3 days"])
    ax.set_xlim(1 / 90, max(96, float(hours.max()) * 1.3))
    _finish(ax, title, "hours to the first agent reply (log scale)", None)
    return fig


def sentiment_first_last(threads: pd.DataFrame, label: str = "thread_id", title: str | None = None,
                         first: str = "client_sentiment_first", last: str = "client_sentiment_last",
                         flag: str = "escalation") -> Figure:
    """Per thread an arrow from the client's first to last sentiment; escalated threads in red.

    >>> t = pd.DataFrame({"thread_id": ["a", "b"], "client_sentiment_first": [0.2, 0.0],
    ...                   "client_sentiment_last": [-0.6, 0.5], "escalation": [True, False]})
    >>> len(sentiment_first_last(t).axes[0].lines) >= 2
    True
    """
    t = threads.dropna(subset=[first, last]).sort_values([last, first]).reset_index(drop=True)
    fig, (ax,) = new_figure(7.0, max(2.6, 0.8 + 0.22 * len(t)))
    if t.empty:
        return _nothing(fig, ax, title, "no thread with client messages")
    for i, row in t.iterrows():
        bad = bool(row.get(flag, False))
        color = "#b84a4a" if bad else "#3b6ea5"
        ax.plot([row[first], row[last]], [i, i], color=color, linewidth=1.2)
        ax.scatter([row[first]], [i], s=14, color="white", edgecolor=color, zorder=3)
        ax.scatter([row[last]], [i], s=18, color=color, zorder=3)
    ax.axvline(0, color="#999999", linewidth=0.8)
    ax.set_yticks(range(len(t)), [short_label(v) for v in t[label]], fontsize="x-small")
    ax.set_xlim(-1.05, 1.05)
    ax.plot([], [], color="#b84a4a", label="escalation")
    ax.plot([], [], color="#3b6ea5", label="no escalation")
    ax.legend(frameon=False, fontsize="small", loc="upper left")
    _finish(ax, title, "client sentiment: first message (open dot) → last message (filled)", None)
    return fig


def estimates(table: pd.DataFrame, group: str | None = None, estimate: str = "estimate", low: str = "low",
              high: str = "high", title: str | None = None, xlabel: str | None = None, ax=None) -> Figure:
    """Dots with confidence-interval whiskers, one row per group (a measure of ``compare``'s table).

    ``group``: the column naming the groups; by default the first column that is not one of
    ``compare``'s own (``measure``, ``estimate``, ``low`` …), i.e. the ``by`` key.

    >>> t = pd.DataFrame({"channel": ["email", "chat"], "estimate": [0.1, -0.2],
    ...                   "low": [0.0, -0.4], "high": [0.2, 0.0]})
    >>> estimates(t).axes[0].get_yticklabels()[0].get_text()
    'email'
    """
    from clientcomm.conversations.comparison import COMPARE_COLUMNS

    t = table.reset_index(drop=True)
    if group is None:
        group = next(c for c in t.columns if c not in COMPARE_COLUMNS)
    if ax is None:
        fig, (ax,) = new_figure(6.0, max(2.0, 0.8 + 0.45 * len(t)))
    else:
        fig = ax.figure
    if t.empty:
        return _nothing(fig, ax, title)
    est = t[estimate].to_numpy(dtype=float)
    err = np.vstack([est - t[low].to_numpy(dtype=float), t[high].to_numpy(dtype=float) - est])
    ax.errorbar(est, range(len(t)), xerr=np.nan_to_num(np.clip(err, 0, None)), fmt="o", color="#3b6ea5",
                ecolor="#3b6ea5", capsize=3)
    ax.set_yticks(range(len(t)), [str(v) for v in t[group]])
    ax.invert_yaxis()
    if np.nanmin(t[low].to_numpy(dtype=float), initial=0) < 0 < np.nanmax(t[high].to_numpy(dtype=float), initial=0):
        ax.axvline(0, color="#999999", linewidth=0.8)
    _finish(ax, title, xlabel, None)
    return fig


def hour_weekday_table(docs: pd.DataFrame, time: str = "timestamp") -> pd.DataFrame:
    """Messages per weekday (rows, Mon…Sun) and hour of day (columns, 0…23), in each timestamp's own zone.

    >>> d = pd.DataFrame({"timestamp": pd.to_datetime(["2024-01-01 09:10", "2024-01-01 09:50"]).tz_localize("UTC")})
    >>> int(hour_weekday_table(d).loc["Mon", 9])
    2
    """
    stamps = pd.to_datetime(docs[time], utc=True).dropna() if time in docs else pd.Series(dtype="datetime64[ns, UTC]")
    table = pd.crosstab(pd.Categorical(stamps.dt.day_of_week.map(dict(enumerate(WEEKDAYS))), categories=WEEKDAYS),
                        pd.Categorical(stamps.dt.hour, categories=range(24)), dropna=False)
    table.index.name, table.columns.name = "weekday", "hour (UTC)"
    return table


def hour_weekday(docs: pd.DataFrame, time: str = "timestamp", title: str | None = None) -> Figure:
    """Heat map of messages by weekday × hour (UTC)."""
    table = hour_weekday_table(docs, time)
    if table.to_numpy().sum() == 0:
        fig, (ax,) = new_figure(6.0, 2.0)
        return _nothing(fig, ax, title, "no message has a timestamp")
    # empty cells stay blank (NaN: coloured as 0, no "0" written in 150 cells)
    return heatmap(table.where(table > 0), title=title, fmt="{:.0f}", xlabel="hour of day (UTC)", ylabel=None, width=11.0,
                   height=3.4)
