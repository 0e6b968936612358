"""Helpers and figures of the conversation notebooks (07, 08), and the example conversations they default to."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clientcomm.plotting import conversations as conv


def _utc(*values: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values), utc=True))


def test_response_times_counts_unanswered_threads_in_the_label():
    t = pd.DataFrame({"channels": ["email", "email", "chat", "chat"],
                      "first_response_s": [7200.0, np.nan, 60.0, 240.0]})
    labels = [x.get_text() for x in conv.response_times(t).axes[0].get_yticklabels()]
    assert labels == ["chat (n=2)", "email (n=1, 1 unanswered)"]


def test_response_times_without_any_reply_says_so():
    t = pd.DataFrame({"channels": ["email"], "first_response_s": [np.nan]})
    texts = [x.get_text() for x in conv.response_times(t).axes[0].texts]
    assert texts == ["no thread has an agent reply with a time stamp"]


def test_sentiment_first_last_draws_escalations_in_red():
    t = pd.DataFrame({"thread_id": ["a", "b", "c"], "client_sentiment_first": [0.3, 0.1, np.nan],
                      "client_sentiment_last": [-0.7, 0.6, np.nan], "escalation": [True, False, False]})
    ax = conv.sentiment_first_last(t).axes[0]
    drawn = [line for line in ax.lines if len(line.get_xdata()) == 2 and line.get_xdata()[0] != 0]
    assert len(drawn) == 2  # the thread without client messages is left out
    assert [line.get_color() for line in drawn].count("#b84a4a") == 1


def test_thread_messages_follow_the_day_gap_split():
    m = pd.DataFrame({"thread_id": ["chat", "chat", "chat", "T1"], "doc_id": list("wxyz"),
                      "timestamp": _utc("2024-01-01 10:00", "2024-01-01 11:00", "2024-01-09 09:00", "2024-01-02 00:00")})
    t = pd.DataFrame({"thread_id": ["T1", "chat#1", "chat#2"], "conversation_id": ["T1", "chat", "chat"],
                      "started": _utc("2024-01-02 00:00", "2024-01-01 10:00", "2024-01-09 09:00"),
                      "ended": _utc("2024-01-02 00:00", "2024-01-01 11:00", "2024-01-09 09:00")})
    assert conv.thread_messages(m, t)["thread"].tolist() == ["chat#1", "chat#1", "chat#2", "T1"]


def test_thread_messages_keep_untimed_messages_of_an_unsplit_thread():
    m = pd.DataFrame({"thread_id": ["T1", "T1"], "timestamp": pd.Series([pd.NaT, pd.NaT], dtype="datetime64[ns, UTC]")})
    t = pd.DataFrame({"thread_id": ["T1"], "conversation_id": ["T1"],
                      "started": pd.Series([pd.NaT], dtype="datetime64[ns, UTC]"),
                      "ended": pd.Series([pd.NaT], dtype="datetime64[ns, UTC]")})
    assert conv.thread_messages(m, t)["thread"].tolist() == ["T1", "T1"]


def test_channel_volume_counts_conversations_and_distinct_clients():
    m = pd.DataFrame({"channel": ["email"] * 3 + ["chat"], "thread_id": ["a", "a", "b", "c"],
                      "role": ["client", "agent", "client", "client"], "sender": ["x", "y", "x", "z"],
                      "doc_id": [1, 2, 3, 4]})
    v = conv.channel_volume(m)
    assert v.loc["email"].to_dict() == {"messages": 3, "conversations": 2, "client_messages": 2,
                                        "agent_messages": 1, "clients": 1}
    assert v.loc["chat", "agent_messages"] == 0


def test_temperament_shares_count_each_label_once_per_message():
    m = pd.DataFrame({"channel": ["email", "email", "chat", "chat"],
                      "temperament_cues": ["choleric:angry|furious", "", "phlegmatic:calm", ""]})
    s = conv.temperament_shares(m)
    assert s.loc["email", "choleric"] == 0.5 and s.loc["chat", "phlegmatic"] == 0.5
    assert s.loc["chat", "choleric"] == 0.0


def test_hour_weekday_table_is_in_utc():
    d = pd.DataFrame({"timestamp": [pd.Timestamp("2024-01-01 01:30", tz="Europe/Moscow"),  # Sun 22:30 UTC
                                    pd.NaT]})
    table = conv.hour_weekday_table(d)
    assert table.shape == (7, 24) and table.to_numpy().sum() == 1 and table.loc["Sun", 22] == 1


def test_load_messages_refuses_articles(tmp_path):
    (tmp_path / "article.txt").write_text("Клиент всегда прав, но не всегда понятен.", encoding="utf-8")
    with pytest.raises(ValueError, match="articles have no threads"):
        conv.load_messages(tmp_path)


def test_load_messages_assigns_roles_with_the_agents_given(tmp_path):
    (tmp_path / "WhatsApp Chat with Ana.txt").write_text(
        "05.03.2024, 10:00 - Ana: Bună ziua, comanda mea nu a ajuns.\n"
        "05.03.2024, 10:20 - Mihai Agent: Verificăm imediat.\n", encoding="utf-8")
    m = conv.load_messages(tmp_path, agents="Mihai Agent")
    assert m["role"].tolist() == ["client", "agent"]
    assert m.attrs["load_report"]


def test_satisfaction_terms_add_up_to_the_mean_linear_score():
    from clientcomm.conversations.satisfaction import FEATURES, load_weights

    rng = np.random.default_rng(0)
    t = pd.DataFrame({f: rng.uniform(0, 1, 5) for f in FEATURES})
    t["client_satisfaction"] = 0.0
    terms = conv.satisfaction_terms(t)
    assert set(terms.index) == set(FEATURES)
    w = load_weights()["weights"]
    expected = sum(w[f] * t[f].mean() for f in FEATURES)
    assert terms["mean contribution"].sum() == pytest.approx(expected)


# The example conversations: what their README promises.

@pytest.fixture(scope="module")
def example():
    import clientcomm

    msgs = conv.annotated_messages(conv.load_messages(None))
    return msgs, clientcomm.threads(msgs)


def test_example_conversations_have_the_promised_shape(example):
    msgs, th = example
    assert len(th) >= 40
    assert set(msgs["role"]) == {"client", "agent", "system"}  # the documented agent rules decide every message
    langs = set(";".join(th["langs"]).split(";"))
    assert {"ru", "ro", "zh-Hans", "zh-Hant", "en"} <= langs
    assert {"email", "messenger", "chat", "web_form"} <= set(msgs["channel"])
    formats = msgs["source"].str.extract(r"\.(\w+)$")[0]
    assert {"mbox", "eml", "txt", "json", "csv"} <= set(formats)
    assert th["escalation"].sum() >= 3 and th["resolved_cue"].sum() >= 10
    assert th["first_response_s"].isna().sum() >= 2  # threads that never got an agent reply
    assert th["first_response_s"].min() < 5 * 60 and th["first_response_s"].max() > 2 * 86400


def test_example_crm_clients_switch_channels(example):
    msgs, _ = example
    crm = msgs[msgs["source"].str.endswith("tickets.csv")]
    switched = crm.groupby("client_id")["channel"].nunique()
    assert (switched > 1).sum() >= 3


def test_estimates_draw_one_row_per_group_with_its_interval():
    t = pd.DataFrame({"channel": ["email", "chat", "phone"], "measure": ["m"] * 3, "estimate": [0.1, -0.2, 0.4],
                      "low": [0.0, -0.5, np.nan], "high": [0.3, 0.0, np.nan]})
    ax = conv.estimates(t, title="mood").axes[0]
    assert [x.get_text() for x in ax.get_yticklabels()] == ["email", "chat", "phone"]
    assert ax.get_title() == "mood"
    assert any(line.get_xdata()[0] == 0 for line in ax.get_lines())  # zero line: the intervals straddle 0
    empty = conv.estimates(t.iloc[:0]).axes[0]
    assert [x.get_text() for x in empty.texts] == ["nothing to show for this corpus"]  # a note, not empty axes


def test_hour_weekday_without_timestamps_says_so():
    fig = conv.hour_weekday(pd.DataFrame({"timestamp": [pd.NaT, pd.NaT]}))
    assert [x.get_text() for x in fig.axes[0].texts] == ["no message has a timestamp"]
    busy = conv.hour_weekday(pd.DataFrame({"timestamp": _utc("2024-01-01 09:10", "2024-01-02 23:59")}))
    assert busy.axes[0].images or busy.axes[0].collections  # a heat map was drawn
