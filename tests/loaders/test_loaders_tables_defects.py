"""Issue 12, classes 3, 4 and 7: Excel sheets with their own headers, one date order per column, unbalanced quotes."""
from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pytest

from clientcomm.loaders import load, load_report
from clientcomm.loaders.dates import decide_date_order


# --- class 3: every Excel sheet is mapped from its own header ---------------------------------------

@pytest.mark.parametrize("second_header", [("Сообщение", "Автор", "Дата"), ("mesaj", "autor", "data"),
                                           ("内容", "发送者", "日期")])
def test_excel_sheets_with_different_headers_each_keep_text_sender_time(tmp_path, second_header):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "январь"
    ws.append(["text", "sender", "date"])
    ws.append(["Где мой заказ?", "Иван", "2024-01-05 10:00"])
    ws2 = wb.create_sheet("февраль")
    ws2.append(["id", *second_header])  # another order and other names
    ws2.append([7, "Счёт оплачен, спасибо", "Анна", "2024-02-06 11:30"])
    ws2.append([8, "Când ajunge coletul?", "Ion", "2024-02-07 09:15"])
    p = tmp_path / "crm.xlsx"
    wb.save(p)
    df = load(p)
    assert df["text"].tolist() == ["Где мой заказ?", "Счёт оплачен, спасибо", "Când ajunge coletul?"]
    assert df["sender"].tolist() == ["Иван", "Анна", "Ion"]
    assert df["timestamp"].dt.strftime("%m-%d %H:%M").tolist() == ["01-05 10:00", "02-06 11:30", "02-07 09:15"]
    assert df["sheet"].tolist() == ["январь", "февраль", "февраль"]
    assert load_report(df).iloc[0]["status"] == "loaded"


def test_excel_sheet_without_text_column_is_reported_row_by_row(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["text"])
    wb.active.append(["Bună ziua"])
    other = wb.create_sheet("prices")
    other.append(["sku", "price"])
    other.append(["A1", 10])
    other.append(["A2", 12])
    p = tmp_path / "mixed.xlsx"
    wb.save(p)
    df = load(p)
    rep = load_report(df)
    assert df["text"].tolist() == ["Bună ziua"]
    assert rep.iloc[0]["status"] == "partial"
    assert (rep["location"].str.startswith("sheet prices")).sum() == 2


# --- class 4: day first or month first, per column ------------------------------------------------------

@pytest.mark.parametrize("values,expected", [
    (["12.03.2024", "01.02.2024"], ["2024-03-12", "2024-02-01"]),            # ru/ro dots: day first
    (["13/04/2024", "03/04/2024", "05/04/2024"], ["2024-04-13", "2024-04-03", "2024-04-05"]),
    (["03/04/2024", "04/13/2024"], ["2024-03-04", "2024-04-13"]),            # a 13 in second place: month first
    (["12-03-24 10:00", "25-03-24 18:30"], ["2024-03-12", "2024-03-25"]),
])
@pytest.mark.parametrize("batch", [1, 50_000])
def test_one_date_order_for_the_whole_column(tmp_path, values, expected, batch):
    p = tmp_path / "t.csv"
    pd.DataFrame({"text": [f"сообщение {i}" for i in range(len(values))], "date": values}).to_csv(p, index=False)
    df = load(p, batch_size=batch)
    assert df["timestamp"].dt.strftime("%Y-%m-%d").tolist() == expected
    assert load_report(df).iloc[0]["status"] == "loaded"


def test_ambiguous_column_is_read_day_first_and_reported(tmp_path):
    p = tmp_path / "t.csv"
    pd.DataFrame({"text": ["a", "b"], "date": ["03/04/2024", "05/06/2024"]}).to_csv(p, index=False)
    df = load(p)
    assert df["timestamp"].dt.strftime("%Y-%m-%d").tolist() == ["2024-04-03", "2024-06-05"]
    assert "ambiguous" in load_report(df).iloc[0]["reason"]
    us = load(p, dayfirst=False)
    assert us["timestamp"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-04", "2024-05-06"]
    assert "ambiguous" not in load_report(us).iloc[0]["reason"]


def test_override_that_contradicts_the_data_is_reported_not_swapped(tmp_path):
    p = tmp_path / "t.csv"
    pd.DataFrame({"text": ["a", "b"], "date": ["13/04/2024", "03/04/2024"]}).to_csv(p, index=False)
    df = load(p, dayfirst=False)
    assert pd.isna(df.loc[0, "timestamp"]) and str(df.loc[1, "timestamp"].date()) == "2024-03-04"
    rep = load_report(df)
    assert rep.iloc[0]["status"] == "partial" and "line 2" in rep["location"].tolist()


def test_mixed_column_is_reported():
    order = decide_date_order(["13/04/2024", "14/04/2024", "04/15/2024"])
    assert order.dayfirst and order.contradicting == 1 and "mixes" in order.note


def test_iso_dates_are_never_swapped(tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text("\n".join(json.dumps({"text": "x", "time": t}) for t in ["2024-03-12 10:00", "2024-12-03"]) + "\n")
    df = load(p, dayfirst=True)
    assert df["timestamp"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-12", "2024-12-03"]


# --- class 7: an unbalanced quote does not swallow the rest of the file ----------------------------------

@pytest.mark.parametrize("delim", [",", ";", "\t"])
@pytest.mark.parametrize("where", [1, 3, 5])
def test_unbalanced_quote_loses_only_its_own_row(tmp_path, delim, where):
    rows = [[f"2024-01-0{i + 1}", f"Клиент {i}", f"Сообщение номер {i}"] for i in range(6)]
    lines = [delim.join(["date", "sender", "text"])] + [delim.join(r) for r in rows]
    lines[where] = delim.join([rows[where - 1][0], rows[where - 1][1], '"Он сказал: подождите'])
    p = tmp_path / ("t.tsv" if delim == "\t" else "t.csv")
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    df = load(p)
    rep = load_report(df)
    assert len(df) == 6  # the broken row is read without quote handling (3 fields)
    assert df["text"].tolist()[where - 1] == '"Он сказал: подождите'
    assert rep.iloc[0]["status"] == "partial"
    assert f"line {where + 1}" in rep["location"].tolist()


def test_unbalanced_quote_that_cannot_be_repaired_is_one_skip(tmp_path):
    lines = ["date,sender,text"] + [f"2024-01-0{i + 1},Client {i},Mesaj {i}" for i in range(5)]
    lines[2] = '2024-01-02,"Client, 1,Mesaj 1,extra'
    p = tmp_path / "t.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    df = load(p)
    rep = load_report(df)
    assert df["sender"].tolist() == ["Client 0", "Client 2", "Client 3", "Client 4"]
    items = rep[rep["location"] != ""]
    assert items["location"].tolist() == ["line 3"] and "unbalanced quote" in items["reason"].iloc[0]


def test_legit_multiline_quoted_messages_stay_whole(tmp_path):
    df0 = pd.DataFrame({"sender": ["Ana", "Ion"], "text": ["Bună,\nam o întrebare,\ndespre factură", "Da"],
                        "channel": ["chat", "chat"]})
    p = tmp_path / "t.csv"
    df0.to_csv(p, index=False)
    df = load(p)
    assert df["text"].tolist() == df0["text"].tolist()
    assert load_report(df).iloc[0]["status"] == "loaded"


@pytest.mark.parametrize("value,utc", [("12.03.2024 10:00 +03:00", "2024-03-12 07:00"),
                                       ("12/03/2024 10:00 Z", "2024-03-12 10:00"),
                                       ("12.03.2024 10:00 UTC+02:00", "2024-03-12 08:00")])
def test_day_first_dates_with_an_offset_are_not_swapped(tmp_path, value, utc):
    p = tmp_path / "t.csv"
    pd.DataFrame({"text": ["a", "b"], "date": [value, "25.03.2024 10:00"]}).to_csv(p, index=False)
    df = load(p, tz="Europe/Chisinau")
    assert df.loc[0, "timestamp"].tz_convert("UTC").strftime("%Y-%m-%d %H:%M") == utc
