"""The conversation columns of the documents table: role, reply_to, owner, counterpart (issue 12, item 5)."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.loaders import MESSAGE_COLUMNS, load


def test_message_columns_carry_role_and_reply_to():
    assert {"role", "reply_to", "media"} <= set(MESSAGE_COLUMNS)


@pytest.mark.parametrize("role_name", ["role", "роль", "rol", "角色", "sender_type", "author_type"])
def test_role_column_is_guessed_and_kept_raw(tmp_path, role_name):
    p = tmp_path / "crm.csv"
    pd.DataFrame({"id": ["t1", "t2"], "text": ["Где заказ?", "Отправлен."], role_name: ["Клиент", "оператор"],
                  "reply_to": ["", "t1"]}).to_csv(p, index=False)
    df = load(p)
    raw = df["role_raw"] if "role_raw" in df.columns else df["role"]  # roles.assign_roles keeps the raw value
    assert raw.tolist() == ["Клиент", "оператор"]
    assert df["reply_to"].tolist() == ["", "t1"] and df["doc_id"].tolist() == ["t1", "t2"]


def test_role_and_reply_to_columns_named_explicitly(tmp_path):
    p = tmp_path / "crm.csv"
    pd.DataFrame({"msg": ["a", "b"], "who": ["customer", "agent"], "parent": ["", "m1"], "key": ["m1", "m2"]}).to_csv(
        p, index=False)
    df = load(p, text_column="msg", role_column="who", reply_to_column="parent", id_column="key")
    raw = df["role_raw"] if "role_raw" in df.columns else df["role"]
    assert raw.tolist() == ["customer", "agent"] and df["reply_to"].tolist() == ["", "m1"]


def test_missing_named_role_column_is_a_clear_error(tmp_path):
    p = tmp_path / "crm.csv"
    pd.DataFrame({"text": ["a"]}).to_csv(p, index=False)
    df = load(p, role_column="nope")
    assert "role column 'nope' not found" in df.attrs["load_report"][0]["reason"]
