"""One row per conversation thread: ``clientcomm.threads(docs)``.

>>> import pandas as pd
>>> msgs = pd.DataFrame({
...     "thread_id": ["t1", "t1", "t1"], "role": ["client", "agent", "client"],
...     "timestamp": ["2024-03-01 10:00+02:00", "2024-03-01 08:05Z", "2024-03-01 08:30Z"],
...     "text": ["Comanda nu a ajuns, e inacceptabil!", "Ne pare rău, o trimitem azi.", "Mulțumesc, a ajuns!"]})
>>> t = threads(msgs)
>>> t[["thread_id", "n_client", "n_agent", "first_response_s", "resolved_cue"]].values.tolist()
[['t1', 2, 1, 300.0, True]]

**Threads** come from, in this order: the column named by ``thread_column``;
else ``thread_id`` (the loaders fill it from e-mail ``References`` /
``In-Reply-To``, the chat of a WhatsApp/Telegram export, a CRM ticket column).
**Day-gap rule**: one chat export is one long conversation, so unless
``thread_column`` is given, threads of chat exports (``channel`` ``messenger``,
as the WhatsApp and Telegram loaders set it; CRM tickets are not split) are
split wherever ``gap`` (default 24 hours) passes without a message; the parts
are ``<chat>#1``, ``<chat>#2``… and ``conversation_id`` keeps the chat.
Messages without a thread are left out and counted in
``attrs["threads_report"]``; data without any thread
(articles) raise :class:`NoThreadsError` saying so.

**Order and time.** Messages are sorted by ``timestamp`` within a thread
(stable: equal or missing times keep input order; missing times go last).
Times are compared in UTC, so messages written in different time zones
line up. ``first_response_s``: seconds from the client's first message to
the first agent message after it. ``median_response_s``: median over every
client turn (a client message not preceded by a client message) of the time
to the next agent message. When a time cannot be computed it is NaN and
``response_note`` says why (no client message, no agent reply after it, no
timestamp).

**Client mood.** Sentiment (−1…1) and labels come from :func:`clientcomm.annotate`
(run on the message text when the columns are missing and ``annotate`` is true).
``client_sentiment_first/last/min/mean`` over the client's messages in order;
``sentiment_change`` = last − first.

**Escalation** (``escalation`` True, ``escalation_rule`` says which):
(a) the client's first message is not negative and a later client message
is (the mood fell into negative), or (b) ``escalation_turns`` (default 3)
consecutive client messages are negative (it stays negative).

**Resolution**: ``resolved_cue`` is True when the client's last message has
a thanks, solved or closing cue (``resolution_cues.yaml``); ``resolved_words``
shows them.

**Satisfaction**: ``client_satisfaction`` in −1…1 and ``satisfaction_drivers``
(the terms of the score, largest first, with the message ids and words);
see :mod:`clientcomm.conversations.satisfaction`.

**Temperament cues** of the client: ``client_temperament_<label>`` = number of
client messages with a cue or mention of the label (``temperaments``
dictionary), ``client_temperaments`` = ``label:count`` largest first.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .cues import CUE_COLUMNS, RESOLVED_LABELS, cue_words, has_cue, tag_cues
from .roles import assign_roles
from .satisfaction import FEATURES, contributions, describe, load_weights, score

__all__ = ["threads", "prepare_messages", "thread_table", "NoThreadsError", "THREAD_COLUMNS", "CHAT_CHANNELS",
           "TEMPERAMENTS"]


#: Channels whose threads are chat exports (the WhatsApp and Telegram loaders set ``messenger``): day-gap rule.
CHAT_CHANNELS = frozenset({"messenger"})
TEMPERAMENTS = ("sanguine", "choleric", "melancholic", "phlegmatic")
THREAD_COLUMNS = ["thread_id", "conversation_id", "channels", "langs", "n_messages", "n_client", "n_agent",
                  "n_system", "n_unknown", "started", "ended", "first_response_s", "median_response_s",
                  "response_note", "client_sentiment_first", "client_sentiment_last", "client_sentiment_min",
                  "client_sentiment_mean", "sentiment_change", "escalation", "escalation_rule", "resolved_cue",
                  "resolved_words", "client_satisfaction", "satisfaction_drivers", *[f for f in FEATURES if not
                  f.startswith("client_sentiment")], "client_temperaments",
                  *[f"client_temperament_{t}" for t in TEMPERAMENTS]]
_ROLE_INPUTS = ("sender", "recipient", "source", "channel", "is_system", "owner", "counterpart", "role_raw")
_ANNOTATION = ("lang", "sentiment", "sentiment_label")


class NoThreadsError(ValueError):
    """The data has no threads (e.g. articles rather than messages)."""


def _is_dask(data) -> bool:
    return type(data).__module__.split(".")[0] in ("dask", "dask_expr")


def _text_column(columns, text_column: str | None) -> str:
    if text_column is not None:
        if text_column not in columns:
            raise KeyError(f"text column {text_column!r} not found; columns are: {', '.join(map(str, columns))}")
        return text_column
    for c in ("clean_text", "text"):
        if c in columns:
            return c
    raise KeyError(f"no text column ('clean_text' or 'text'); name one with text_column=; columns are: "
                   f"{', '.join(map(str, columns))}")


def _thread_key(columns, thread_column: str | None) -> str:
    if thread_column is not None:
        if thread_column not in columns:
            raise KeyError(f"thread column {thread_column!r} not found; columns are: {', '.join(map(str, columns))}")
        return thread_column
    if "thread_id" not in columns:
        raise NoThreadsError("no threads: the data has no thread_id column (documents such as articles, not "
                             "messages); name the column that identifies a conversation with thread_column=")
    return "thread_id"


def _needed(columns, key: str, text: str, role_column: str) -> list[str]:
    want = ["doc_id", key, "thread_id", "timestamp", text, role_column, *_ROLE_INPUTS, *_ANNOTATION,
            "sentiment_hits", *CUE_COLUMNS.values(), "role", "role_source"]
    seen: list[str] = []
    for c in want:
        if c in columns and c not in seen:
            seen.append(c)
    return seen


def prepare_messages(docs: pd.DataFrame, *, thread_column: str | None = None, text_column: str | None = None,
                     agents=None, client_roles=None, agent_roles=None, role_column: str = "role",
                     annotate: bool = True) -> pd.DataFrame:
    """The columns the thread table needs: roles assigned, annotated and cue-tagged where missing."""
    key = _thread_key(docs.columns, thread_column)
    text = _text_column(docs.columns, text_column)
    m = docs[_needed(docs.columns, key, text, role_column)]
    if "role_source" not in m.columns or agents is not None or client_roles is not None or agent_roles is not None:
        m = assign_roles(m, agents=agents, client_roles=client_roles, agent_roles=agent_roles,
                         role_column=role_column)
    missing = [c for c in _ANNOTATION if c not in m.columns]
    if missing:
        if not annotate:
            raise ValueError(f"columns {', '.join(missing)} are missing and annotate=False: run "
                             f"clientcomm.annotate first or pass annotate=True")
        from ..pipeline import annotate as run

        steps = (["language"] if "lang" in missing else []) + (
            ["sentiment"] if {"sentiment", "sentiment_label"} & set(missing) else [])
        m = run(m, text_column=text, steps=steps, lang=m["lang"] if "lang" in m.columns else None)
    if any(c not in m.columns for c in CUE_COLUMNS.values()):
        if not annotate:
            raise ValueError("cue columns outcome_cues/temperament_cues are missing and annotate=False: run "
                             "clientcomm.conversations.tag_cues first or pass annotate=True")
        m = tag_cues(m, text_column=text)
    m.attrs["text_column"], m.attrs["thread_key"] = text, key
    return m


def threads(docs, *, thread_column: str | None = None, text_column: str | None = None, agents=None,
            client_roles=None, agent_roles=None, role_column: str = "role", gap: str | None = "24h",
            escalation_turns: int = 3, annotate: bool = True) -> pd.DataFrame:
    """One row per thread (see the module docstring for every column and rule).

    ``docs``: the documents table of :func:`clientcomm.load` (or any DataFrame with
    a thread column, a text column and ideally ``timestamp``, ``sender``, ``role``),
    annotated or not; or a Dask DataFrame: then every stage runs partition by
    partition (the messages are shuffled by thread first, so a thread spread
    over partitions is whole) and a lazy Dask DataFrame comes back, one row
    per thread; computed and sorted by ``thread_id`` it equals the pandas
    result. ``agents``, ``client_roles``, ``agent_roles``: see
    :func:`clientcomm.assign_roles`. ``gap``: the day-gap
    rule for chats (a pandas time delta such as ``"24h"``; None: no split).
    """
    if escalation_turns < 1:
        raise ValueError("escalation_turns must be at least 1")
    try:
        gap_td = pd.Timedelta(gap) if gap is not None else None
    except ValueError:
        raise ValueError(f"gap {gap!r} is not a time span; write it like '24h', '90min' or '2 days'") from None
    kw = dict(thread_column=thread_column, text_column=text_column, agents=agents, client_roles=client_roles,
              agent_roles=agent_roles, role_column=role_column, annotate=annotate)
    table_kw = dict(split_chats=thread_column is None, gap=gap_td, escalation_turns=escalation_turns)
    if _is_dask(docs):
        return _threads_dask(docs, table_kw=table_kw, **kw)
    m = prepare_messages(docs, **kw)
    return thread_table(m, thread_column=m.attrs["thread_key"], text_column=m.attrs["text_column"], **table_kw)


def _threads_dask(ddf, *, thread_column, text_column, annotate, table_kw, **roles):
    """The Dask path: every stage partition by partition, the thread pass after a shuffle by thread.

    Annotation and cue tagging run per partition; the mailbox owners (the one
    role rule that needs a whole mailbox) are found first from the e-mail rows'
    sender/recipient/source; then roles per partition; then the messages are
    shuffled so that each thread is whole in one partition, and the thread
    table is built per partition. Returns a lazy Dask DataFrame, one row per
    thread (``.compute()`` and sort by ``thread_id`` to compare with pandas).
    """
    from .roles import mailbox_owners

    key = _thread_key(ddf.columns, thread_column)
    text = _text_column(ddf.columns, text_column)
    ddf = ddf[_needed(ddf.columns, key, text, roles["role_column"])]
    keys = ddf[key].astype(str).fillna("").str.strip()
    n_rows, n_empty = (int(x) for x in __import__("dask").compute(keys.size, (keys == "").sum()))
    if n_rows == n_empty:
        raise NoThreadsError(f"no threads: column {key!r} is empty in every row (documents such as articles, not "
                             f"messages); name the column that identifies a conversation with thread_column=")
    if n_empty:
        warnings.warn(f"{n_empty} message(s) without a thread are left out", stacklevel=3)
        ddf = ddf[keys != ""]
    missing = [c for c in _ANNOTATION if c not in ddf.columns]
    if missing and not annotate:
        raise ValueError(f"columns {', '.join(missing)} are missing and annotate=False")
    if missing:
        from ..pipeline import annotate as run

        ddf = run(ddf, text_column=text, steps=["language", "sentiment"])
    if any(c not in ddf.columns for c in CUE_COLUMNS.values()):
        if not annotate:
            raise ValueError("cue columns outcome_cues/temperament_cues are missing and annotate=False")
        meta = tag_cues(ddf._meta_nonempty.head(1), text_column=text).iloc[:0]
        ddf = ddf.map_partitions(tag_cues, text_column=text, meta=meta)
    if "role_source" not in ddf.columns or any(roles[k] is not None for k in ("agents", "client_roles",
                                                                              "agent_roles")):
        mail_cols = [c for c in ("sender", "recipient", "source", "channel") if c in ddf.columns]
        owners = mailbox_owners(ddf[mail_cols].compute()) if "sender" in mail_cols else {}
        meta = assign_roles(ddf._meta, **roles, mailbox_owners=owners)
        ddf = ddf.map_partitions(assign_roles, **roles, mailbox_owners=owners, meta=meta)
    ddf = ddf.shuffle(on=key)
    sample = _sample_messages(ddf._meta, key, text)
    meta = thread_table(sample, thread_column=key, text_column=text, **table_kw).iloc[:0]
    return ddf.map_partitions(_partition_threads, key, text, table_kw, meta, meta=meta)


def _sample_messages(meta: pd.DataFrame, key: str, text: str) -> pd.DataFrame:
    """One made-up message with the columns and dtypes of ``meta``: to learn the thread table's dtypes."""
    row = {}
    for c, dt in meta.dtypes.items():
        if c == key or c == text or pd.api.types.is_string_dtype(dt) or dt == object:
            row[c] = ["x"]
        elif pd.api.types.is_bool_dtype(dt):
            row[c] = [False]
        elif isinstance(dt, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(dt):
            row[c] = pd.Series([pd.Timestamp("2024-01-01", tz="UTC")]).astype(dt)
        else:
            row[c] = pd.Series([0]).astype(dt)
    out = pd.DataFrame(row)
    if "role" in out:
        out["role"] = "client"
    return out.astype(meta.dtypes.to_dict())


def _partition_threads(part: pd.DataFrame, key: str, text: str, table_kw: dict, meta: pd.DataFrame) -> pd.DataFrame:
    if not len(part):
        return meta
    out = thread_table(part, thread_column=key, text_column=text, **table_kw)
    out.attrs = {}
    return out.astype(meta.dtypes.to_dict())


def _utc(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert("UTC")
    if pd.api.types.is_datetime64_dtype(values.dtype):
        return values.dt.tz_localize("UTC")
    return pd.to_datetime(values, utc=True, errors="coerce", format="mixed")


def _join_unique(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Per group: its distinct non-empty values (``und`` left out), sorted, joined by ``;``."""
    vcodes, vuniq = pd.factorize(values, sort=True)
    keep = np.asarray([v not in ("", "und") for v in vuniq])[vcodes] if len(vuniq) else np.zeros(0, bool)
    pairs = np.unique(np.stack([codes[keep], vcodes[keep]], axis=1), axis=0) if keep.any() else np.zeros((0, 2), int)
    out = np.full(n, "", dtype=object)
    if not len(pairs):
        return out
    g, v = pairs[:, 0], pairs[:, 1]
    starts = np.r_[0, np.flatnonzero(np.diff(g)) + 1]
    counts = np.diff(np.r_[starts, len(g)])
    names = np.asarray(vuniq, dtype=object)
    single = counts == 1
    out[g[starts[single]]] = names[v[starts[single]]]
    for st, c in zip(starts[~single], counts[~single]):  # only threads with several channels / languages
        out[g[st]] = ";".join(names[v[st:st + c]])
    return out


def _obj(values: np.ndarray) -> pd.Series:
    """Keep text as Python objects inside the working frame (no round trip through Arrow strings)."""
    return pd.Series(values, dtype=object, copy=False)


def _cat(values: np.ndarray) -> pd.Categorical:
    """Few distinct values (roles, labels, cue strings): compared and tested once per category."""
    codes, cats = pd.factorize(values)
    return pd.Categorical.from_codes(codes, categories=pd.Index(list(cats), dtype=object))


def _str(m: pd.DataFrame, col: str) -> np.ndarray:
    """A column as an object array of str ("" for missing), without a per-value Python pass when already text."""
    if col not in m.columns:
        return np.full(len(m), "", dtype=object)
    arr = m[col].to_numpy(dtype=object, na_value="")
    if pd.api.types.infer_dtype(arr, skipna=False) not in ("string", "empty"):
        arr = np.asarray([v if isinstance(v, str) else ("" if v is None or v != v else str(v)) for v in arr],
                         dtype=object)
    return arr


def thread_table(m: pd.DataFrame, *, thread_column: str = "thread_id", text_column: str = "text",
                 split_chats: bool = True, gap: pd.Timedelta | None = pd.Timedelta("24h"),
                 escalation_turns: int = 3) -> pd.DataFrame:
    """The thread pass over prepared messages (:func:`prepare_messages`): vectorised, no annotation."""
    key = _obj(_str(m, thread_column)).str.strip().to_numpy(dtype=object)
    n_all = len(m)
    has_thread = key != ""
    if not has_thread.any():
        raise NoThreadsError(f"no threads: column {thread_column!r} is empty in every row (documents such as "
                             f"articles, not messages); name the column that identifies a conversation with "
                             f"thread_column=")
    if not has_thread.all():
        warnings.warn(f"{int((~has_thread).sum())} message(s) without a thread are left out (see "
                      f"attrs['threads_report'])", stacklevel=3)
        m, key = m[has_thread], key[has_thread]
    ts = _utc(m["timestamp"]) if "timestamp" in m.columns else pd.Series(pd.NaT, index=m.index,
                                                                            dtype="datetime64[ns, UTC]")
    ts_ns = ts.to_numpy(dtype="datetime64[ns]").view("int64")
    nat = ts.isna().to_numpy()
    sort_ts = np.where(nat, np.iinfo(np.int64).max, ts_ns)
    pos = np.arange(len(m))
    kcodes, kuniq = pd.factorize(key, sort=True)
    order = np.lexsort((pos, sort_ts, kcodes))
    conv = key[order]
    kc = kcodes[order]
    channel = _obj(_str(m, "channel")).str.lower().to_numpy(dtype=object)[order]
    n_split = 0
    tid = conv
    if split_chats and gap is not None:
        chat = np.isin(channel, list(CHAT_CHANNELS))
        t_sorted = ts_ns[order]
        nat_s = nat[order]
        same = np.r_[False, kc[1:] == kc[:-1]]
        dt = np.r_[0, np.diff(t_sorted)]
        brk = same & chat & ~nat_s & np.r_[False, ~nat_s[:-1]] & (dt > gap.value)
        if brk.any():
            part = pd.Series(brk.astype(int)).groupby(kc).cumsum().to_numpy()
            nparts = pd.Series(part).groupby(kc).transform("max").to_numpy()
            tid = np.where(nparts > 0, pd.Series(conv).str.cat((part + 1).astype(str), sep="#").to_numpy(), conv)
            n_split = int(len(np.unique(kc[brk])))
    g, tuniq = pd.factorize(pd.Series(tid), sort=True)
    # group rows of a thread together (stable: time order kept); without a split they already are
    reorder = np.lexsort((np.arange(len(g)), g)) if n_split else np.arange(len(g))
    idx = order[reorder]
    s = pd.DataFrame({
        "g": g[reorder], "conv": _obj(conv[reorder]), "doc_id": _obj(_str(m, "doc_id")[idx]),
        "ts": ts.to_numpy(dtype="datetime64[ns]")[idx], "role": _cat(_str(m, "role")[idx]),
        "channel": _obj(channel[reorder]), "lang": _obj(_str(m, "lang")[idx]),
        "sentiment": (m["sentiment"].astype(float).to_numpy()[idx] if "sentiment" in m else np.nan),
        "label": _cat(_str(m, "sentiment_label")[idx]), "text": _obj(_str(m, text_column)[idx]),
        "outcome": _cat(_str(m, "outcome_cues")[idx]), "temper": _cat(_str(m, "temperament_cues")[idx]),
    })
    hits = m["sentiment_hits"].to_numpy()[idx] if "sentiment_hits" in m.columns else None
    n = len(tuniq)
    out = pd.DataFrame({"thread_id": np.asarray(tuniq, dtype=object)})
    first_conv = s.groupby("g")["conv"].first()
    out["conversation_id"] = first_conv.reindex(range(n)).to_numpy()
    out["channels"] = _join_unique(s["g"].to_numpy(), s["channel"].to_numpy(), n)
    out["langs"] = _join_unique(s["g"].to_numpy(), s["lang"].to_numpy(), n)
    role = s["role"]
    size = np.bincount(s["g"], minlength=n)
    out["n_messages"] = size
    for r in ("client", "agent", "system", "unknown"):
        out[f"n_{r}"] = np.bincount(s["g"], weights=(role == r).to_numpy(), minlength=n).astype(int)
    gts = s.groupby("g")["ts"]
    out["started"] = pd.to_datetime(gts.min().reindex(range(n)).to_numpy()).tz_localize("UTC")
    out["ended"] = pd.to_datetime(gts.max().reindex(range(n)).to_numpy()).tz_localize("UTC")
    _responses(s, out, n)
    c = s[role == "client"]
    c_rank = c.groupby("g").cumcount().to_numpy()
    gc = c.groupby("g")
    for name, fn in (("first", "first"), ("last", "last"), ("min", "min"), ("mean", "mean")):
        out[f"client_sentiment_{name}"] = getattr(gc["sentiment"], fn)().reindex(range(n)).to_numpy()
    out["sentiment_change"] = out["client_sentiment_last"] - out["client_sentiment_first"]
    _escalation(c, c_rank, out, n, escalation_turns)
    last_c = c.groupby("g").tail(1)
    last_idx = pd.Series(last_c.index.to_numpy(), index=last_c["g"].to_numpy()).reindex(range(n))
    resolved = has_cue(last_c["outcome"], RESOLVED_LABELS).to_numpy()
    out["resolved_cue"] = pd.Series(resolved, index=last_c["g"].to_numpy()).reindex(range(n), fill_value=False) \
        .astype(bool).to_numpy()
    out["resolved_words"] = pd.Series([", ".join(cue_words(v, RESOLVED_LABELS)) for v in last_c["outcome"]],
                                      index=last_c["g"].to_numpy(), dtype=object).reindex(range(n), fill_value="") \
        .to_numpy()
    _features(s, c, last_c, out, n)
    out["client_satisfaction"] = score(out).to_numpy()
    out["satisfaction_drivers"] = _drivers(s, c, last_idx, out, hits)
    _temperaments(c, out, n)
    out = out[[col for col in THREAD_COLUMNS if col in out.columns]]
    if thread_column != "thread_id":
        out.insert(1, thread_column, out["conversation_id"])
    out.attrs["threads_report"] = {
        "messages": n_all, "messages_without_thread": int(n_all - has_thread.sum()), "threads": n,
        "chats_split_by_gap": n_split, "gap": str(gap) if gap is not None and split_chats else "",
        "messages_without_timestamp": int(nat.sum()), "escalation_turns": escalation_turns}
    if "role_report" in m.attrs:
        out.attrs["role_report"] = m.attrs["role_report"]
    return out


def _responses(s: pd.DataFrame, out: pd.DataFrame, n: int) -> None:
    ca = s[s["role"].isin(["client", "agent"])]
    is_client = (ca["role"] == "client").to_numpy()
    gg = ca["g"].to_numpy()
    prev_same = np.r_[False, gg[1:] == gg[:-1]]
    prev_client = np.r_[False, is_client[:-1]] & prev_same
    turn = is_client & ~prev_client
    rowpos = np.arange(len(ca), dtype=float)
    agent_at = pd.Series(np.where(is_client, np.nan, rowpos))
    nxt = agent_at.groupby(gg).bfill().to_numpy()
    t = ca["ts"].to_numpy(dtype="datetime64[ns]").astype("int64")
    t_nat = ca["ts"].isna().to_numpy()
    has_reply = ~np.isnan(nxt)
    j = np.where(has_reply, nxt, 0).astype(int)
    ok = turn & has_reply & ~t_nat & ~t_nat[j]
    resp = np.where(ok, (t[j] - t) / 1e9, np.nan)
    tg = gg[turn]
    first_turn = pd.Series(np.arange(turn.sum()), index=tg).groupby(level=0).first()
    tr = np.flatnonzero(turn)
    first_rows = tr[first_turn.to_numpy()]
    first = np.full(n, np.nan)
    first[first_turn.index.to_numpy()] = resp[first_rows]
    note = np.full(n, "no client message", dtype=object)
    fr_note = np.where(~has_reply[first_rows], "no agent reply after the first client message",
                       np.where(t_nat[first_rows] | t_nat[j[first_rows]],
                                "no timestamp on the first client message or its reply", ""))
    note[first_turn.index.to_numpy()] = fr_note
    out["first_response_s"] = first
    med = pd.Series(resp[turn], index=tg).dropna().groupby(level=0).median()
    out["median_response_s"] = med.reindex(range(n)).to_numpy()
    out["response_note"] = note


def _escalation(c: pd.DataFrame, rank: np.ndarray, out: pd.DataFrame, n: int, turns: int) -> None:
    neg = (c["label"] == "negative").to_numpy()
    gg = c["g"].to_numpy()
    first_neg = pd.Series(neg[rank == 0], index=gg[rank == 0]).reindex(range(n), fill_value=True).to_numpy()
    later = neg & (rank > 0)
    fell_at = pd.Series(rank[later] + 1, index=gg[later]).groupby(level=0).min().reindex(range(n)).to_numpy()
    run = pd.Series((~neg).astype(int)).groupby(gg).cumsum().to_numpy()
    streak = pd.Series(neg.astype(int)).groupby([gg, run]).sum()
    longest = streak.groupby(level=0).max().reindex(range(n), fill_value=0).to_numpy()
    fell = ~first_neg & ~np.isnan(fell_at)
    stays = longest >= turns
    out["escalation"] = fell | stays
    rule = np.full(n, "", dtype=object)
    for i in np.flatnonzero(fell | stays):
        parts = []
        if fell[i]:
            parts.append(f"fell to negative at client message {int(fell_at[i])}")
        if stays[i]:
            parts.append(f"negative over {int(longest[i])} consecutive client messages (≥ {turns})")
        rule[i] = "; ".join(parts)
    out["escalation_rule"] = rule


def _features(s: pd.DataFrame, c: pd.DataFrame, last_c: pd.DataFrame, out: pd.DataFrame, n: int) -> None:
    gl = last_c["g"].to_numpy()
    def per_thread(values, index, how, fill):
        return getattr(pd.Series(values, index=index).groupby(level=0), how)().reindex(range(n)) \
            .fillna(fill).to_numpy()
    has_client = out["n_client"].to_numpy() > 0
    gc = c["g"].to_numpy()
    out["client_thanks"] = per_thread(has_cue(c["outcome"], ["thanks"]).to_numpy().astype(int), gc, "max", 0)
    out["client_solved_last"] = per_thread(has_cue(last_c["outcome"], ["solved"]).to_numpy().astype(int), gl,
                                           "max", 0)
    out["client_complaints"] = per_thread(has_cue(c["outcome"], ["complaint"]).to_numpy().astype(int), gc,
                                          "sum", 0)
    q = last_c["text"].str.count(r"[?？]").clip(upper=3).to_numpy()
    out["client_questions_last"] = per_thread(q, gl, "max", 0)
    a = s[s["role"] == "agent"]
    out["agent_apology"] = per_thread(has_cue(a["outcome"], ["apology"]).to_numpy().astype(int), a["g"].to_numpy(),
                                      "max", 0)
    for f in FEATURES:
        if not f.startswith("client_sentiment"):
            out[f] = np.where(has_client, out[f], np.nan)


_LABEL = {"client_sentiment_last": "client's last message", "client_sentiment_mean": "client's mean sentiment",
          "client_thanks": "client thanked", "client_solved_last": "client's last message says solved",
          "client_complaints": "complaint words", "client_questions_last": "question marks in client's last message",
          "agent_apology": "agent apologised"}
_CUE_OF = {"client_thanks": ["thanks"], "client_solved_last": ["solved"], "client_complaints": ["complaint"],
           "agent_apology": ["apology"]}


def _hit_words(h, k: int = 3) -> list[str]:
    if not isinstance(h, (list, tuple, np.ndarray)):
        return []
    hs = sorted((x for x in h if isinstance(x, dict)), key=lambda x: -abs(float(x.get("weight_after_rules", 0) or 0)))
    return [str(x.get("term", "")) for x in hs[:k]]


def _drivers(s: pd.DataFrame, c: pd.DataFrame, last_idx: pd.Series, out: pd.DataFrame, hits) -> list[str]:
    """Per thread: the score's terms, largest first, with the messages and words behind them."""
    w = load_weights()
    contrib = contributions(out, w).to_numpy()
    names = list(FEATURES)
    # words of each cue label per thread, only where cues fired (sparse)
    words: dict[tuple[int, str], list[str]] = {}
    cats = list(s["outcome"].cat.categories)
    codes = s["outcome"].cat.codes.to_numpy()
    for feat, labels in _CUE_OF.items():
        who = "agent" if feat == "agent_apology" else "client"
        sel = has_cue(s["outcome"], labels).to_numpy() & (s["role"] == who).to_numpy()
        pairs = np.unique(np.stack([s["g"].to_numpy()[sel], codes[sel]], axis=1), axis=0)  # (thread, cue string)
        parsed = {int(k): cue_words(cats[k], labels) for k in np.unique(pairs[:, 1])}
        for g, k in pairs.tolist():
            lst = words.setdefault((g, feat), [])
            lst += [x for x in parsed[k] if x not in lst]
    docs = s["doc_id"].to_numpy()
    sent = s["sentiment"].to_numpy()
    n = len(out)
    li_all = last_idx.to_numpy()
    has_client = ~np.isnan(li_all)
    terms = np.full((n, len(names)), "", dtype=object)
    for j, f in enumerate(names):
        rows = np.flatnonzero(has_client & (np.abs(contrib[:, j]) >= 0.005))  # terms that show at 2 decimals
        vals = contrib[rows, j]
        signs = np.where(vals >= 0, "+", "−")
        if f == "client_sentiment_last":
            labels = []
            for i in rows:
                k = int(li_all[i])
                ws = _hit_words(hits[k]) if hits is not None else []
                labels.append(f"{_LABEL[f]} {docs[k]} (sentiment {describe(sent[k])}"
                              f"{': ' + ', '.join(ws) if ws else ''})")
        elif f in _CUE_OF:
            labels = [_LABEL[f] + (f" ({', '.join(words[(i, f)][:5])})" if (i, f) in words else "") for i in rows]
        else:
            labels = [_LABEL[f]] * len(rows)
        terms[rows, j] = [f"{lab} {sg}{abs(v):.2f}" for lab, sg, v in zip(labels, signs, vals)]
    order = np.argsort(-np.abs(contrib), axis=1, kind="stable")
    ranked = np.take_along_axis(terms, order, axis=1)
    base = f"base {describe(float(w['intercept']))}"
    return ["; ".join([t for t in row if t] + [base]) if ok else "no client message: no estimate"
            for row, ok in zip(ranked.tolist(), has_client)]


def _temperaments(c: pd.DataFrame, out: pd.DataFrame, n: int) -> None:
    gc = c["g"].to_numpy()
    counts = {}
    for t in TEMPERAMENTS:
        v = has_cue(c["temper"], [t]).to_numpy().astype(int)
        counts[t] = np.bincount(gc, weights=v, minlength=n).astype(int)
        out[f"client_temperament_{t}"] = counts[t]
    m = np.stack([counts[t] for t in TEMPERAMENTS], axis=1)
    prof = []
    for row in m:
        if not row.any():
            prof.append("")
            continue
        k = np.argsort(-row, kind="stable")
        prof.append(";".join(f"{TEMPERAMENTS[j]}:{row[j]}" for j in k if row[j]))
    out["client_temperaments"] = prof
