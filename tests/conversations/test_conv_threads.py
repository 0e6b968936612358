"""Thread assembly per format, response times, escalation and resolution cues per language."""
from __future__ import annotations

import json
import math

import pandas as pd
import pytest

import clientcomm
from clientcomm.conversations.thread_table import NoThreadsError
from clientcomm.conversations.thread_table import THREAD_COLUMNS


def by_id(table: pd.DataFrame) -> dict:
    return {r["thread_id"]: r for r in table.to_dict("records")}


# ---------------------------------------------------------------- formats --

def _eml(msg_id, sender, to, date, body, reply_to=None, refs=None, subject="Comanda 77"):
    head = [f"From: {sender}", f"To: {to}", f"Subject: {subject}", f"Date: {date}", f"Message-ID: {msg_id}",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
    if reply_to:
        head.append(f"In-Reply-To: {reply_to}")
    if refs:
        head.append(f"References: {refs}")
    return "\n".join(head) + "\n\n" + body + "\n"


def test_eml_folder_threads_by_references(tmp_path):
    box = tmp_path / "mail"
    box.mkdir()
    (box / "1.eml").write_text(_eml("<a1@gmail.com>", "Ana <ana@gmail.com>", "help@shop.ro",
                                    "Tue, 02 Jan 2024 10:00:00 +0200", "Comanda nu a ajuns. Unde este?"),
                               encoding="utf-8")
    (box / "2.eml").write_text(_eml("<b1@shop.ro>", "Shop <help@shop.ro>", "ana@gmail.com",
                                    "Tue, 02 Jan 2024 09:30:00 +0000", "Ne pare rău, pleacă azi.",
                                    reply_to="<a1@gmail.com>", refs="<a1@gmail.com>"), encoding="utf-8")
    (box / "3.eml").write_text(_eml("<a2@gmail.com>", "Ana <ana@gmail.com>", "help@shop.ro",
                                    "Wed, 03 Jan 2024 12:00:00 +0200", "Mulțumesc, a ajuns!",
                                    reply_to="<b1@shop.ro>", refs="<a1@gmail.com> <b1@shop.ro>"), encoding="utf-8")
    (box / "4.eml").write_text(_eml("<c1@yahoo.com>", "Ion <ion@yahoo.com>", "help@shop.ro",
                                    "Thu, 04 Jan 2024 08:00:00 +0000", "Aveți cuptoare pe stoc?", subject="Stoc"),
                               encoding="utf-8")
    t = clientcomm.threads(clientcomm.load(tmp_path))
    assert len(t) == 2
    first = t[t["n_messages"] == 3].iloc[0]
    # roles from the mailbox owner's domain (shop.ro is on every message); 10:00+02:00 → 09:30Z is 90 minutes
    assert (first["n_client"], first["n_agent"]) == (2, 1)
    assert first["first_response_s"] == 5400.0
    assert first["channels"] == "email" and bool(first["resolved_cue"])
    other = t[t["n_messages"] == 1].iloc[0]
    assert math.isnan(other["first_response_s"]) and other["response_note"].startswith("no agent reply")


def test_mbox_interleaved_threads(tmp_path):
    msgs = [
        _eml("<x1@mail.ru>", "Олег <oleg@mail.ru>", "desk@bank.md", "Mon, 05 Feb 2024 09:00:00 +0300",
             "Списали деньги дважды, верните.", subject="Двойное списание"),
        _eml("<y1@mail.ru>", "Вера <vera@mail.ru>", "desk@bank.md", "Mon, 05 Feb 2024 09:10:00 +0300",
             "Как поменять тариф?", subject="Тариф"),
        _eml("<x2@bank.md>", "Desk <desk@bank.md>", "oleg@mail.ru", "Mon, 05 Feb 2024 07:00:00 +0000",
             "Приносим извинения, вернём сегодня.", reply_to="<x1@mail.ru>", refs="<x1@mail.ru>"),
        _eml("<y2@bank.md>", "Desk <desk@bank.md>", "vera@mail.ru", "Mon, 05 Feb 2024 08:10:00 +0000",
             "В приложении, раздел Тарифы.", reply_to="<y1@mail.ru>", refs="<y1@mail.ru>"),
    ]
    mbox = "".join(f"From MAILER-DAEMON Mon Feb  5 09:00:00 2024\n{m}\n" for m in msgs)
    (tmp_path / "desk.mbox").write_text(mbox, encoding="utf-8")
    t = clientcomm.threads(clientcomm.load(tmp_path / "desk.mbox"), agents="@bank.md")
    assert len(t) == 2
    # 09:00+03:00 → 07:00Z and 09:10+03:00 → 08:10Z
    assert sorted(t["first_response_s"].tolist()) == [3600.0, 7200.0]
    assert (t["n_client"] == 1).all() and (t["n_agent"] == 1).all()


def test_whatsapp_export_split_by_day_gap(tmp_path):
    lines = ["[02.03.24, 10:00:00] Ion Popescu: Bună ziua, comanda 55 întârzie.",
             "[02.03.24, 10:05:00] Elena Rusu: Verific imediat.",
             "[02.03.24, 10:06:00] Ion Popescu: Mulțumesc!",
             "[05.03.24, 18:00:00] Ion Popescu: Din nou nu a venit curierul, e inacceptabil.",
             "[05.03.24, 18:30:00] Elena Rusu: Ne pare rău, vă sunăm."]
    (tmp_path / "WhatsApp Chat with Ion Popescu.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = clientcomm.load(tmp_path, agents="Elena Rusu")
    t = clientcomm.threads(docs)
    assert len(t) == 2 and t["thread_id"].str.endswith(("#1", "#2")).all()
    assert t["conversation_id"].nunique() == 1
    assert t["first_response_s"].tolist() == [300.0, 1800.0]
    assert t.attrs["threads_report"]["chats_split_by_gap"] == 1
    assert len(clientcomm.threads(docs, gap=None)) == 1  # no day-gap rule: one chat, one thread
    assert len(clientcomm.threads(docs, gap="100h")) == 1


def test_crm_chat_tickets_are_not_split_by_the_day_gap():
    df = pd.DataFrame({"thread_id": ["T1"] * 3, "channel": ["chat"] * 3, "role": ["client", "agent", "client"],
                       "timestamp": ["2024-01-01T10:00Z", "2024-01-03T10:00Z", "2024-01-06T10:00Z"],
                       "text": ["Hello?", "Sorry for the wait.", "Thanks."]})
    t = clientcomm.threads(df)
    assert t["thread_id"].tolist() == ["T1"] and t.loc[0, "first_response_s"] == 2 * 86400.0


def test_telegram_export(tmp_path):
    chat = {"name": "Алексей", "type": "personal_chat", "id": 777, "messages": [
        {"id": 1, "type": "message", "date": "2024-04-02T10:00:00", "from": "Алексей", "from_id": "user1",
         "text": "Здравствуйте, договор не пришёл."},
        {"id": 2, "type": "service", "date": "2024-04-02T10:01:00", "actor": "Дмитрий", "actor_id": "user2",
         "action": "pin_message", "text": ""},
        {"id": 3, "type": "message", "date": "2024-04-02T10:20:00", "from": "Дмитрий", "from_id": "user2",
         "text": "Отправил ещё раз.", "reply_to_message_id": 1},
        {"id": 4, "type": "message", "date": "2024-04-02T10:25:00", "from": "Алексей", "from_id": "user1",
         "text": "Спасибо, получил!"}]}
    (tmp_path / "result.json").write_text(json.dumps(chat, ensure_ascii=False), encoding="utf-8")
    t = clientcomm.threads(clientcomm.load(tmp_path / "result.json", agents="Дмитрий"))
    r = t.iloc[0]
    assert len(t) == 1 and r["n_messages"] == 4 and r["n_system"] == 1
    assert (r["n_client"], r["n_agent"], r["first_response_s"]) == (2, 1, 1200.0)
    assert bool(r["resolved_cue"]) and "Спасибо" in r["resolved_words"]


def test_csv_named_thread_column_is_kept(tmp_path):
    p = tmp_path / "crm.csv"
    p.write_text("ticket,who,at,body\n"
                 "T1,customer,2024-01-01T10:00:00+03:00,The invoice is wrong.\n"
                 "T2,customer,2024-01-01T09:00:00Z,Where is my parcel?\n"
                 "T1,agent,2024-01-01T07:30:00Z,\"Sorry, fixed it.\"\n", encoding="utf-8")
    docs = clientcomm.load(p, text_column="body", thread_column="ticket", role_column="who", time_column="at")
    t = clientcomm.threads(docs)
    assert sorted(t["conversation_id"]) == ["T1", "T2"]
    assert by_id(t)["T1"]["first_response_s"] == 1800.0


def test_articles_have_no_threads():
    with pytest.raises(NoThreadsError, match="no threads"):
        clientcomm.threads(clientcomm.load_corpus())


def test_missing_thread_column_is_a_clear_error():
    with pytest.raises(KeyError, match="thread column 'ticket' not found"):
        clientcomm.threads(pd.DataFrame({"text": ["a"], "thread_id": ["1"]}), thread_column="ticket")


# --------------------------------------------------------- response times --

def _frame(rows, **extra):
    df = pd.DataFrame(rows, columns=["thread_id", "role", "timestamp", "text"])
    for k, v in extra.items():
        df[k] = v
    return df


def test_time_zones_and_out_of_order_rows():
    df = _frame([
        ("t", "agent", "2024-05-01T12:10:00+02:00", "Second reply."),      # 10:10Z
        ("t", "client", "2024-05-01T13:00:00+03:00", "Where is it?"),      # 10:00Z
        ("t", "agent", "2024-05-01T10:02:00Z", "Looking."),                 # 10:02Z
        ("t", "client", "2024-05-01T06:05:00-04:00", "Still nothing?"),    # 10:05Z
    ])
    r = clientcomm.threads(df).iloc[0]
    assert r["first_response_s"] == 120.0       # 10:00 → 10:02
    assert r["median_response_s"] == 210.0      # turns 10:00→10:02 (120 s) and 10:05→10:10 (300 s)
    assert str(r["started"]) == "2024-05-01 10:00:00+00:00" and str(r["ended"]) == "2024-05-01 10:10:00+00:00"


def test_same_time_keeps_input_order():
    df = _frame([("t", "client", "2024-05-01T10:00:00Z", "Hello?"), ("t", "agent", "2024-05-01T10:00:00Z", "Hi.")])
    assert clientcomm.threads(df).iloc[0]["first_response_s"] == 0.0


def test_missing_reply_and_missing_times_say_why():
    df = _frame([("a", "client", "2024-05-01T10:00:00Z", "Hello?"),
                 ("b", "agent", "2024-05-01T10:00:00Z", "Newsletter."),
                 ("c", "client", None, "Hello?"), ("c", "agent", None, "Hi."),
                 ("d", "agent", "2024-05-01T09:00:00Z", "Can we help?"), ("d", "client", "2024-05-01T09:30:00Z", "Yes")])
    t = by_id(clientcomm.threads(df))
    assert math.isnan(t["a"]["first_response_s"]) and t["a"]["response_note"] == \
        "no agent reply after the first client message"
    assert math.isnan(t["b"]["first_response_s"]) and t["b"]["response_note"] == "no client message"
    assert math.isnan(t["c"]["first_response_s"]) and "no timestamp" in t["c"]["response_note"]
    assert math.isnan(t["d"]["first_response_s"])  # the agent wrote first; no agent reply after the client


# --------------------------------------------------- escalation (the rule) --

def _labelled(labels, turns=3):
    n = len(labels)
    df = pd.DataFrame({"thread_id": "t", "role": "client", "text": [f"m{i}" for i in range(n)],
                       "timestamp": pd.date_range("2024-01-01", periods=n, freq="h", tz="UTC"),
                       "sentiment_label": labels, "lang": "en",
                       "sentiment": [{"negative": -0.5, "neutral": 0.0, "positive": 0.5}[x] for x in labels]})
    return clientcomm.threads(df, escalation_turns=turns).iloc[0]


def test_escalation_fell_into_negative():
    r = _labelled(["neutral", "positive", "negative"])
    assert bool(r["escalation"]) and r["escalation_rule"] == "fell to negative at client message 3"


def test_escalation_stays_negative_over_n_turns():
    r = _labelled(["negative", "negative", "negative"])
    assert bool(r["escalation"]) and "negative over 3 consecutive" in r["escalation_rule"]
    assert not bool(_labelled(["negative", "negative", "neutral"])["escalation"])
    assert bool(_labelled(["negative", "negative"], turns=2)["escalation"])


def test_no_escalation_when_calm():
    assert not bool(_labelled(["neutral", "positive", "neutral"])["escalation"])


ESCALATING = {
    "en": ("Hello, I ordered a lamp last week.", "This is terrible, awful service, I am furious and disappointed."),
    "ru": ("Здравствуйте, я заказал лампу на прошлой неделе.", "Это ужасно, отвратительное обслуживание, я очень разочарован."),
    "ro": ("Bună ziua, am comandat o lampă săptămâna trecută.", "Este groaznic, un serviciu oribil, sunt foarte dezamăgit."),
    "zh-Hans": ("你好，我上周订了一盏灯。", "太差了，服务很糟糕，我非常失望和愤怒。"),
    "zh-Hant": ("你好，我上週訂了一盞燈。", "太差了，服務很糟糕，我非常失望和憤怒。"),
}


@pytest.mark.parametrize("lang", sorted(ESCALATING))
def test_escalation_per_language_with_the_engine(lang):
    calm, angry = ESCALATING[lang]
    df = _frame([("t", "client", "2024-01-01T10:00Z", calm), ("t", "agent", "2024-01-01T10:05Z", "OK."),
                 ("t", "client", "2024-01-01T11:00Z", angry)])
    r = clientcomm.threads(df).iloc[0]
    assert r["client_sentiment_last"] < r["client_sentiment_first"]
    assert bool(r["escalation"]), (lang, r["client_sentiment_first"], r["client_sentiment_last"])
    assert r["langs"].split(";")[0].startswith(lang.split("-")[0])


# ------------------------------------------------------ resolution cues --

RESOLVED = {"en": ("Thanks a lot, it works now!", "It is still not fixed."),
            "ru": ("Спасибо, всё работает!", "Ничего не решено."),
            "ro": ("Mulțumesc, s-a rezolvat!", "Nu s-a rezolvat nimic."),
            "zh-Hans": ("谢谢，问题已经解决了！", "还是没解决。"),
            "zh-Hant": ("謝謝，問題已經解決了！", "還是沒解決。")}


@pytest.mark.parametrize("lang", sorted(RESOLVED))
def test_resolution_cues_per_language(lang):
    yes, no = RESOLVED[lang]
    df = _frame([("a", "client", "2024-01-01T10:00Z", "?"), ("a", "agent", "2024-01-01T10:05Z", "Done."),
                 ("a", "client", "2024-01-01T10:10Z", yes),
                 ("b", "client", "2024-01-01T10:00Z", "?"), ("b", "agent", "2024-01-01T10:05Z", "Done."),
                 ("b", "client", "2024-01-01T10:10Z", no)])
    t = by_id(clientcomm.threads(df))
    assert bool(t["a"]["resolved_cue"]) and t["a"]["resolved_words"]
    assert not bool(t["b"]["resolved_cue"]), t["b"]["resolved_words"]
    assert t["a"]["client_satisfaction"] > t["b"]["client_satisfaction"]


def test_only_the_clients_last_message_counts_for_resolution():
    df = _frame([("a", "client", "2024-01-01T10:00Z", "Thank you in advance. Where is my order?"),
                 ("a", "agent", "2024-01-01T10:05Z", "Thanks, solved!")])
    assert not bool(clientcomm.threads(df).iloc[0]["resolved_cue"])


# ------------------------------------------------- satisfaction, profile --

def test_satisfaction_is_explained_with_messages_and_words():
    df = _frame([("t", "client", "2024-01-01T10:00Z", "Where is my parcel? This is unacceptable!"),
                 ("t", "agent", "2024-01-01T10:05Z", "We are sorry, it ships today."),
                 ("t", "client", "2024-01-01T10:10Z", "Still not here?? Terrible.")], doc_id=["m1", "m2", "m3"])
    r = clientcomm.threads(df).iloc[0]
    assert -1 <= r["client_satisfaction"] < 0
    d = r["satisfaction_drivers"]
    assert "m3" in d and "unacceptable" in d and "sorry" in d and "base" in d
    assert r["client_complaints"] == 2 and r["agent_apology"] == 1 and r["client_questions_last"] == 2


def test_thread_without_client_has_no_estimate():
    df = _frame([("t", "agent", "2024-01-01T10:00Z", "Our new prices.")])
    r = clientcomm.threads(df).iloc[0]
    assert math.isnan(r["client_satisfaction"]) and r["satisfaction_drivers"].startswith("no client message")


def test_temperament_cue_profile_of_the_client():
    df = _frame([("t", "client", "2024-01-01T10:00Z", "I need it right now, immediately!"),
                 ("t", "agent", "2024-01-01T10:05Z", "Right now we are checking, immediately."),
                 ("t", "client", "2024-01-01T10:10Z", "Urgently please, I am impatient.")])
    r = clientcomm.threads(df).iloc[0]
    assert r["client_temperament_choleric"] == 2 and r["client_temperaments"].startswith("choleric:2")


def test_columns_and_one_row_per_thread():
    df = _frame([("a", "client", "2024-01-01T10:00Z", "Hi"), ("b", "client", "2024-01-01T10:00Z", "Hi"),
                 ("a", "agent", "2024-01-01T10:01Z", "Hello")])
    t = clientcomm.threads(df)
    assert t["thread_id"].tolist() == ["a", "b"]
    assert [c for c in THREAD_COLUMNS if c not in t.columns] == []
    assert t["n_messages"].sum() == 3


def test_rows_without_thread_are_counted_not_silently_dropped():
    df = _frame([("a", "client", "2024-01-01T10:00Z", "Hi"), ("", "client", "2024-01-01T10:00Z", "Hi")])
    with pytest.warns(UserWarning, match="1 message"):
        t = clientcomm.threads(df)
    assert t.attrs["threads_report"]["messages_without_thread"] == 1


def test_precomputed_annotations_are_used_as_given():
    df = _frame([("t", "client", "2024-01-01T10:00Z", "whatever")], sentiment=[-0.9], sentiment_label=["negative"],
                lang=["en"])
    assert clientcomm.threads(df).iloc[0]["client_sentiment_last"] == -0.9
    with pytest.raises(ValueError, match="annotate=False"):
        clientcomm.threads(_frame([("t", "client", "2024-01-01T10:00Z", "x")]), annotate=False)


def test_named_thread_column_on_a_dataframe_is_kept_and_not_split():
    df = pd.DataFrame({"ticket": ["K-1", "K-1"], "channel": ["messenger"] * 2, "role": ["client", "agent"],
                       "timestamp": ["2024-01-01T10:00Z", "2024-01-05T10:00Z"], "text": ["Hello?", "Hi!"]})
    t = clientcomm.threads(df, thread_column="ticket")
    assert t[["thread_id", "ticket"]].values.tolist() == [["K-1", "K-1"]]   # a named column: no day-gap split
    assert t.loc[0, "first_response_s"] == 4 * 86400.0
