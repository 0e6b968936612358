"""Role rules: every source of evidence, and ``unknown`` when nothing decides."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm import assign_roles
from clientcomm.conversations.roles import AgentMatcher, parse_agents, role_report


def roles(df, **kw):
    out = assign_roles(pd.DataFrame(df), **kw)
    return list(zip(out["role"], out["role_source"]))


def test_role_column_synonyms_and_user_values():
    got = roles({"sender": ["a", "b", "c", "d", "e"], "role": ["Customer", "helpdesk", "клиент", "оператор", "VIP"]})
    assert got[:4] == [("client", "role column"), ("agent", "role column"), ("client", "role column"),
                       ("agent", "role column")]
    assert got[4] == ("unknown", "undecidable")  # a value nobody mapped is not guessed
    got = roles({"sender": ["e", "f"], "role": ["VIP", "desk-7"]}, client_roles="vip", agent_roles=["desk-7"])
    assert got == [("client", "role column"), ("agent", "role column")]


def test_client_roles_can_override_a_builtin_agent_word():
    # a data set where "user" means the bank's staff user and "service" the client's service account
    got = roles({"sender": ["x"], "role": ["service"]}, client_roles="service")
    assert got == [("client", "role column")]


def test_agents_list_names_addresses_domains_regex():
    senders = ["Support", "Ion <ops@shop.ro>", "Card desk <x@cards.mybank.ro>", "bot-12", "Ana <ana@gmail.com>", ""]
    got = roles({"sender": senders}, agents="support; ops@shop.ro; @mybank.ro; re:^bot-\\d+$")
    assert [r for r, _ in got] == ["agent", "agent", "agent", "agent", "client", "unknown"]
    assert {s for _, s in got[:5]} == {"agents list"}
    assert got[5] == ("unknown", "undecidable")  # no sender: the agents list cannot say


def test_agents_list_does_not_overrule_the_export_owner():
    got = roles({"sender": ["Mark", "Ion", "Elena"], "owner": ["Mark"] * 3}, agents="Elena")
    assert got == [("agent", "export owner"), ("client", "export owner"), ("agent", "agents list")]
    got = roles({"sender": ["Mark", "Ion"]}, agents="Elena")   # no other evidence: the list names the agent side
    assert got == [("client", "agents list"), ("client", "agents list")]


def test_agents_as_list_equals_string():
    df = {"sender": ["Elena Rusu", "Tom"]}
    assert roles(df, agents=["Elena Rusu"]) == roles(df, agents="Elena Rusu;")


def test_bad_regex_is_one_clear_error():
    with pytest.raises(ValueError, match="invalid regular expression"):
        assign_roles(pd.DataFrame({"sender": ["a"]}), agents="re:([")


def test_role_column_wins_over_agents_list():
    got = roles({"sender": ["Support"], "role": ["customer"]}, agents="Support")
    assert got == [("client", "role column")]


def test_system_messages():
    got = roles({"sender": ["Ana", ""], "is_system": [False, True], "role": ["", ""]})
    assert got == [("unknown", "undecidable"), ("system", "system message")]


def _mail(sender, to, source="inbox.mbox"):
    return {"sender": sender, "recipient": to, "channel": "email", "source": source}


def test_mailbox_owner_domain_when_clear():
    rows = [_mail("Ana <ana@gmail.com>", "help@shop.ro"), _mail("Shop <help@shop.ro>", "ana@gmail.com"),
            _mail("Ion <ion@yahoo.com>", "help@shop.ro"), _mail("Mark <mark@shop.ro>", "ion@yahoo.com")]
    got = roles(pd.DataFrame(rows))
    assert got == [("client", "mailbox owner domain"), ("agent", "mailbox owner domain")] * 2


def test_mailbox_one_correspondent_public_provider_decides():
    rows = [_mail("a@mail.ru", "desk@bank.md", "box/1.eml"), _mail("desk@bank.md", "a@mail.ru", "box/2.eml")]
    assert [r for r, _ in roles(pd.DataFrame(rows))] == ["client", "agent"]


def test_mailbox_two_company_domains_is_undecidable():
    rows = [_mail("a@firm-one.ro", "b@firm-two.ro"), _mail("b@firm-two.ro", "a@firm-one.ro")]
    assert roles(pd.DataFrame(rows)) == [("unknown", "undecidable")] * 2


def test_mailboxes_per_client_are_settled_together():
    rows = [_mail("a@firm-one.ro", "desk@shop.ro", "mail/one/1.eml"), _mail("desk@shop.ro", "a@firm-one.ro", "mail/one/2.eml"),
            _mail("b@firm-two.md", "desk@shop.ro", "mail/two/1.eml"), _mail("desk@shop.ro", "b@firm-two.md", "mail/two/2.eml")]
    assert roles(pd.DataFrame(rows)) == [("client", "mailbox owner domain"), ("agent", "mailbox owner domain")] * 2


def test_export_owner_and_counterpart():
    got = roles({"sender": ["Elena", "Ion", ""], "owner": ["Elena", "Elena", "Elena"], "channel": "messenger"})
    assert got == [("agent", "export owner"), ("client", "export owner"), ("unknown", "undecidable")]
    got = roles({"sender": ["Elena", "Ion"], "counterpart": ["Ion", "Ion"]})
    assert got == [("agent", "export owner"), ("client", "export owner")]


def test_undecidable_without_evidence_and_report():
    out = assign_roles(pd.DataFrame({"sender": ["Ana", "Ion", "Support"], "text": ["a", "b", "c"]}))
    assert out["role"].tolist() == ["unknown"] * 3
    rep = role_report(out)
    assert rep.to_dict("records") == [{"role": "unknown", "role_source": "undecidable", "messages": 3, "share": 1.0}]
    assert out.attrs["role_report"] == rep.to_dict("records")


def test_second_call_redecides_from_raw_values():
    first = assign_roles(pd.DataFrame({"sender": ["a", "b"], "role": ["patron", "desk"]}))
    assert first["role"].tolist() == ["unknown", "unknown"]
    assert first["role_raw"].tolist() == ["patron", "desk"]
    again = assign_roles(first, client_roles="patron", agent_roles="desk")
    assert again["role"].tolist() == ["client", "agent"]


def test_input_frame_is_not_changed():
    df = pd.DataFrame({"sender": ["a"], "role": ["customer"]})
    assign_roles(df)
    assert df.columns.tolist() == ["sender", "role"] and df["role"].tolist() == ["customer"]


def test_matcher_and_parse_agents():
    assert parse_agents(" A ;; b@x.ro ") == ["A", "b@x.ro"]
    m = AgentMatcher(["@shop.ro"])
    assert m("x@shop.ro") and m("x@eu.shop.ro") and not m("x@myshop.ro")


def test_load_assigns_roles(tmp_path):
    import clientcomm

    p = tmp_path / "tickets.csv"
    p.write_text("ticket,who,author,message\n1,customer,Ana,Unde e comanda?\n1,agent,Mark,Azi pleacă.\n",
                 encoding="utf-8")
    docs = clientcomm.load(p, text_column="message", sender_column="author", thread_column="ticket",
                           role_column="who")
    assert docs["role"].tolist() == ["client", "agent"]
    assert {r["role_source"] for r in docs.attrs["role_report"]} == {"role column"}
    docs = clientcomm.load(p, text_column="message", sender_column="author", agents="Mark")
    assert "role_report" in docs.attrs
