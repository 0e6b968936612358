"""Who wrote each message: ``role`` ∈ {client, agent, system, unknown} and the rule that decided it.

>>> import pandas as pd
>>> docs = pd.DataFrame({"sender": ["Ana <ana@gmail.com>", "Support <help@mybank.ro>", "Ion"],
...                      "text": ["Bună", "Bună ziua", "?"]})
>>> out = assign_roles(docs, agents="@mybank.ro")
>>> out[["role", "role_source"]].values.tolist()
[['client', 'agents list'], ['agent', 'agents list'], ['client', 'agents list']]
>>> assign_roles(docs)["role"].tolist()
['unknown', 'unknown', 'unknown']

Rules, tried in this order; the first that decides wins (``role_source`` names it):

1. ``system message``: ``is_system`` is true (chat service lines: joins, pins, calls).
2. ``role column``: the data has a role column (``role``; its raw value is kept in
   ``role_raw``) and the value is one of ``client_roles`` / ``agent_roles`` or a
   built-in synonym (:data:`CLIENT_WORDS`, :data:`AGENT_WORDS`, :data:`SYSTEM_WORDS`,
   compared case-insensitively). Other values fall through to the next rules.
3. ``agents list``: ``agents`` given (a list, or one string separated by ``;``). An
   entry is a name (equal to the sender's display name, case-insensitive), an
   e-mail address, a domain (``@mybank.ro``: the sender's address is in it or in
   a subdomain), or a regular expression (``re:^Support``, searched in the whole
   sender field). A sender that matches is an ``agent``. Other senders go
   through rules 4 and 5 (an export's owner is still an agent even when the
   list forgot them); those still undecided are ``client`` (``agents list``:
   the list names the agent side).
4. ``mailbox owner domain`` (e-mail messages): within one mailbox (an ``.mbox``
   file, or the ``.eml`` files of one folder) the owner's domain is the one
   domain that takes part (as sender or recipient) in every message while the
   other side varies; when two domains are on every message (one correspondent)
   and exactly one of them is a public mail provider (:data:`PUBLIC_MAIL`), the
   other is the owner. Mailboxes left undecided (say one folder per client)
   are then taken together: one domain on every one of their messages is the
   owner's. Senders in the owner's domain are ``agent``, others ``client``.
   No clear owner: the rule does not decide.
5. ``export owner`` (WhatsApp / Telegram exports): the export's owner is taken to
   be the business side. A sender equal to ``owner`` is ``agent``, another sender
   ``client``; with only ``counterpart`` known, the counterpart is ``client`` and
   the other sender ``agent``.
   (Then: senders not named by a given agents list are ``client``, rule 3.)
6. ``undecidable``: ``unknown``. Never a guess.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from email.utils import getaddresses, parseaddr
from pathlib import PurePosixPath

import numpy as np
import pandas as pd

__all__ = ["ROLES", "RULES", "assign_roles", "role_report", "mailbox_owners", "parse_agents", "AgentMatcher",
           "CLIENT_WORDS", "AGENT_WORDS", "SYSTEM_WORDS", "PUBLIC_MAIL"]

ROLES = ("client", "agent", "system", "unknown")
RULES = ("system message", "role column", "agents list", "mailbox owner domain", "export owner", "undecidable")

#: Role-column values that mean client / agent / system (lower-cased), in the five languages.
CLIENT_WORDS = frozenset({"client", "customer", "user", "buyer", "consumer", "caller", "guest", "visitor",
                          "requester", "end user", "клиент", "покупатель", "пользователь", "заказчик", "абонент",
                          "client", "clientul", "cumpărător", "cumparator", "utilizator", "客户", "顾客", "用户",
                          "客戶", "顧客", "用戶", "消费者", "消費者", "买家", "買家"})
AGENT_WORDS = frozenset({"agent", "helpdesk", "help desk", "support", "operator", "staff", "employee", "service",
                         "customer service", "representative", "rep", "bot", "assistant", "manager", "seller",
                         "оператор", "поддержка", "агент", "менеджер", "сотрудник", "консультант", "продавец",
                         "operatorul", "suport", "asistență", "asistenta", "agentul", "客服", "坐席", "人工客服",
                         "服务", "服務", "商家", "卖家", "賣家", "客服人员", "客服人員"})
SYSTEM_WORDS = frozenset({"system", "service message", "система", "системное", "sistem", "系统", "系統"})
#: Public mail providers: a domain of one of these is never taken as a mailbox owner's (company) domain.
PUBLIC_MAIL = frozenset({"gmail.com", "googlemail.com", "yahoo.com", "yahoo.ro", "outlook.com", "hotmail.com",
                         "live.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.net",
                         "gmx.de", "mail.ru", "inbox.ru", "list.ru", "bk.ru", "yandex.ru", "ya.ru", "rambler.ru",
                         "qq.com", "163.com", "126.com", "sina.com", "sohu.com", "foxmail.com", "yeah.net"})


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[1].lower() if "@" in address else ""


class AgentMatcher:
    """Does a sender field (``Name <addr>`` or a name) belong to the agents list?

    >>> m = AgentMatcher(parse_agents("Support; ops@shop.ro; @mybank.ro; re:^bot-"))
    >>> [m("Support"), m("Ion <ops@shop.ro>"), m("x@cards.mybank.ro"), m("bot-7"), m("Ana")]
    [True, True, True, True, False]
    """

    def __init__(self, entries: list[str]):
        self.names, self.addresses, self.domains, self.regexes = set(), set(), [], []
        for e in entries:
            if e.startswith("re:"):
                try:
                    self.regexes.append(re.compile(e[3:]))
                except re.error as exc:
                    raise ValueError(f"agents: invalid regular expression {e[3:]!r}: {exc}") from None
            elif e.startswith("@"):
                self.domains.append(e[1:].lower())
            elif "@" in e:
                self.addresses.add(e.lower())
            else:
                self.names.add(e.casefold())

    def __call__(self, sender: str) -> bool:
        name, addr = parseaddr(sender)
        addr = addr.lower() if "@" in addr else ""
        if sender.strip().casefold() in self.names or (name and name.strip().casefold() in self.names):
            return True
        if addr and addr in self.addresses:
            return True
        dom = _domain(addr)
        if dom and any(dom == d or dom.endswith("." + d) for d in self.domains):
            return True
        return any(r.search(sender) for r in self.regexes)


def parse_agents(agents: str | Iterable[str] | None) -> list[str]:
    """Normalise ``agents`` to a list of entries: ``"A; b@x.ro"`` → ``['A', 'b@x.ro']``.

    >>> parse_agents("Support; @mybank.ro ;"), parse_agents(None)
    (['Support', '@mybank.ro'], [])
    """
    if agents is None:
        return []
    items = agents.split(";") if isinstance(agents, str) else list(agents)
    return [str(a).strip() for a in items if str(a).strip()]


def _words(values: str | Iterable[str] | None) -> set[str]:
    return {v.casefold() for v in parse_agents(values)}


def _text(df: pd.DataFrame, col: str) -> pd.Series:
    if col not in df.columns:
        return pd.Series("", index=df.index, dtype=object)
    return df[col].astype("string").fillna("").astype(str).str.strip()


def _from_role_column(raw: pd.Series, client_roles, agent_roles) -> pd.Series:
    client = CLIENT_WORDS | _words(client_roles)
    agent = (AGENT_WORDS - _words(client_roles)) | _words(agent_roles)
    client -= _words(agent_roles)
    uniq = pd.unique(raw)
    lookup = {}
    for v in uniq:
        k = v.casefold()
        lookup[v] = "client" if k in client else "agent" if k in agent else "system" if k in SYSTEM_WORDS else ""
    return raw.map(lookup)


def _mailbox_of(source: pd.Series) -> pd.Series:
    """Mailbox key: the .mbox file itself, or the folder of an .eml file."""
    def key(s: str) -> str:
        p = PurePosixPath(s)
        return s if p.suffix.lower() in (".mbox", ".mbx") else str(p.parent)
    uniq = pd.unique(source)
    return source.map({s: key(s) for s in uniq})


def _owner_domain(senders: list[str], recipients: list[str]) -> str:
    """The mailbox owner's domain, or "" when it is not clear (see the module docstring, rule 4)."""
    per_message = []
    for s, r in zip(senders, recipients):
        doms = {_domain(a) for _, a in getaddresses([s, r]) if "@" in a}
        if doms:
            per_message.append(doms)
    if len(per_message) < 2:
        return ""
    common = set.intersection(*per_message)
    if len(common) == 1:
        return next(iter(common))
    if len(common) == 2:
        company = [d for d in common if d not in PUBLIC_MAIL]
        if len(company) == 1:
            return company[0]
    return ""


def _is_email(df: pd.DataFrame) -> pd.Series:
    ch = _text(df, "channel").str.lower()
    src = _text(df, "source").str.lower()
    return ch.isin(["email", "e-mail"]) | src.str.endswith((".eml", ".mbox", ".mbx"))


def assign_roles(docs: pd.DataFrame, agents: str | Iterable[str] | None = None,
                 client_roles: str | Iterable[str] | None = None, agent_roles: str | Iterable[str] | None = None,
                 *, role_column: str = "role", mailbox_owners: dict | None = None) -> pd.DataFrame:
    """A copy of ``docs`` with ``role`` (client/agent/system/unknown), ``role_source`` and ``role_raw``.

    ``role_column``: the column holding the data's own role values (its raw
    values are kept in ``role_raw``; calling again re-decides from them).
    ``client_roles`` / ``agent_roles``: extra values of that column meaning
    client / agent (``"customer; buyer"`` or a list). The summary
    (:func:`role_report`) is put in ``out.attrs["role_report"]``.
    ``mailbox_owners``: owner domain per mailbox computed beforehand over the
    whole data (:func:`mailbox_owners`), for data assigned part by part.
    """
    out = docs.copy(deep=False)  # new columns only: the input frame is left as it was
    n = len(out)
    if "role_raw" in out.columns:
        raw = _text(out, "role_raw")
    elif role_column in out.columns:
        raw = _text(out, role_column)
    else:
        raw = pd.Series("", index=out.index, dtype=object)
    role = np.full(n, "", dtype=object)
    source = np.full(n, "", dtype=object)

    def decide(mask: np.ndarray, values, rule: str) -> None:
        take = mask & (role == "")
        role[take] = values[take] if isinstance(values, np.ndarray) else values
        source[take] = rule

    system = out["is_system"].fillna(False).astype(bool).to_numpy() if "is_system" in out else np.zeros(n, bool)
    decide(system, "system", "system message")
    from_col = _from_role_column(raw, client_roles, agent_roles).to_numpy(dtype=object)
    decide(from_col != "", from_col, "role column")
    sender = _text(out, "sender")
    has_sender = (sender != "").to_numpy()
    entries = parse_agents(agents)
    if entries:
        match = AgentMatcher(entries)
        uniq = pd.unique(sender)
        is_agent = sender.map({s: match(s) for s in uniq}).to_numpy(dtype=bool)
        decide(has_sender & is_agent, "agent", "agents list")
    todo = role == ""
    if todo.any():
        _mailbox_rule(out, sender, todo, decide, mailbox_owners)
        _export_rule(out, sender, role == "", decide)
    if entries:  # a sender the agents list does not name, and no other evidence: the client side
        decide(has_sender, "client", "agents list")
    decide(np.ones(n, bool), "unknown", "undecidable")
    out["role"] = role
    out["role_source"] = source
    out["role_raw"] = raw.to_numpy()
    out.attrs["role_report"] = role_report(out).to_dict("records")
    return out


def mailbox_owners(docs: pd.DataFrame) -> dict[str, str]:
    """The owner's domain of every mailbox in ``docs`` (``""`` when not clear), over all its e-mail messages.

    Rule 4 of the module docstring. A mailbox is an ``.mbox`` file or the
    folder of ``.eml`` files (the ``source`` column).

    >>> d = pd.DataFrame({"sender": ["a@gmail.com", "desk@shop.ro"], "recipient": ["desk@shop.ro", "a@gmail.com"],
    ...                   "channel": "email", "source": "box.mbox"})
    >>> mailbox_owners(d)
    {'box.mbox': 'shop.ro'}
    """
    email = _is_email(docs).to_numpy()
    if not email.any():
        return {}
    sub = docs[email]
    senders, recipients = _text(sub, "sender").to_numpy(), _text(sub, "recipient").to_numpy()
    box = _mailbox_of(_text(sub, "source")).to_numpy()
    owners: dict[str, str] = {}
    unsettled = []
    for key, idx in pd.Series(np.arange(len(sub))).groupby(box):
        pos = idx.to_numpy()
        owners[key] = _owner_domain(senders[pos].tolist(), recipients[pos].tolist())
        if not owners[key]:
            unsettled.append((key, pos))
    if len(unsettled) > 1:  # e.g. one folder of .eml per client: the owner is on every e-mail of them all
        pos = np.concatenate([p for _, p in unsettled])
        dom = _owner_domain(senders[pos].tolist(), recipients[pos].tolist())
        for key, _ in unsettled:
            owners[key] = dom
    return owners


def _mailbox_rule(out: pd.DataFrame, sender: pd.Series, todo: np.ndarray, decide, owners: dict | None) -> None:
    email = _is_email(out).to_numpy() & todo
    if not email.any():
        return
    if owners is None:
        owners = mailbox_owners(out)
    box = _mailbox_of(_text(out, "source"))
    owner = box.map(lambda k: owners.get(k, "")).to_numpy(dtype=object)
    uniq = pd.unique(sender)
    sdom = sender.map({v: _domain(parseaddr(v)[1]) for v in uniq}).to_numpy(dtype=object)
    ok = email & (owner != "") & (sdom != "")
    inside = np.array([d == o or d.endswith("." + o) for d, o in zip(sdom[ok], owner[ok])], dtype=bool)
    result = np.full(len(out), "", dtype=object)
    result[ok] = np.where(inside, "agent", "client")
    decide(result != "", result, "mailbox owner domain")


def _export_rule(out: pd.DataFrame, sender: pd.Series, todo: np.ndarray, decide) -> None:
    owner, counterpart = _text(out, "owner"), _text(out, "counterpart")
    s = sender.str.casefold()
    has = (sender != "").to_numpy() & todo
    with_owner = has & (owner != "").to_numpy()
    res = np.where(s.to_numpy() == owner.str.casefold().to_numpy(), "agent", "client").astype(object)
    decide(with_owner, res, "export owner")
    with_cp = has & (owner == "").to_numpy() & (counterpart != "").to_numpy()
    res = np.where(s.to_numpy() == counterpart.str.casefold().to_numpy(), "client", "agent").astype(object)
    decide(with_cp, res, "export owner")


def role_report(docs: pd.DataFrame) -> pd.DataFrame:
    """Messages per ``role`` and per deciding rule (``role_source``), with shares.

    >>> d = assign_roles(pd.DataFrame({"sender": ["a", "b"], "role": ["customer", ""]}))
    >>> role_report(d).values.tolist()
    [['client', 'role column', 1, 0.5], ['unknown', 'undecidable', 1, 0.5]]
    """
    if "role" not in docs.columns or "role_source" not in docs.columns:
        raise KeyError("no 'role'/'role_source' columns: run clientcomm.assign_roles(docs) first")
    n = max(len(docs), 1)
    rep = (docs.groupby(["role", "role_source"], sort=False).size().rename("messages").reset_index())
    rep["role"] = pd.Categorical(rep["role"], categories=ROLES, ordered=True)
    rep["role_source"] = pd.Categorical(rep["role_source"], categories=RULES, ordered=True)
    rep = rep.sort_values(["role", "role_source"]).reset_index(drop=True)
    rep["role"] = rep["role"].astype(str)
    rep["role_source"] = rep["role_source"].astype(str)
    rep["share"] = (rep["messages"] / n).round(4)
    return rep
