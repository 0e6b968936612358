"""Issue 12, second pass: defects found by a round of adversarial exports, each on a file the test writes."""
from __future__ import annotations

import pandas as pd

import clientcomm
from clientcomm.loaders import load_report
from clientcomm.redact import redact


def test_email_with_cjk_internationalised_domain_is_masked():
    out = redact(["写信 kefu@例子.中国。谢谢", "发邮件给kefu@商店.香港，谢谢", "scrie la ion@exemplu-ş.ro azi"])
    assert out == ["写信 <EMAIL_1>。谢谢", "发邮件给<EMAIL_2>，谢谢", "scrie la <EMAIL_3> azi"]


def _load_text(tmp_path, name: str, text: str) -> pd.DataFrame:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return clientcomm.load(p)


def test_whatsapp_ios_chinese_export_with_part_of_day_before_the_time(tmp_path):
    df = _load_text(tmp_path, "_chat.txt", "[2024/3/12 下午2:05:33] 张三: 你好\n[2024/3/12 上午12:01:00] 张三: 在吗\n"
                                           "[2024/3/12 中午12:30:00] 王五: 好的\n")
    assert df["sender"].tolist() == ["张三", "张三", "王五"]
    assert [t.strftime("%H:%M") for t in df["timestamp"]] == ["14:05", "00:01", "12:30"]


def test_whatsapp_media_placeholders_in_zh_and_ios_ru_ro_are_marked(tmp_path):
    df = _load_text(tmp_path, "chat.txt", "2024/3/12 14:07 - 李四: <省略影音内容>\n"
                                          "[12.03.2024, 14:06:00] Пётр: \u200eизображение отсутствует\n"
                                          "[12.03.2024, 14:07:00] Ion: \u200eimagine omisă\n"
                                          "[12.03.2024, 14:08:00] 张三: \u200e图片已省略\n")
    assert df["text"].tolist() == ["", "", "", ""]
    assert df["media"].tolist() == ["media", "image", "image", "image"]
    assert not df["is_system"].any()


def test_whatsapp_ios_notice_marked_with_lrm_is_a_system_line(tmp_path):
    df = _load_text(tmp_path, "_chat.txt", "[3/12/24, 2:05:33 PM] Shop: \u200eMessages and calls are end-to-end "
                                           "encrypted.\n[3/13/24, 2:06:00 PM] Ivan: Hi\n")
    assert df["is_system"].tolist() == [True, False]
    assert df["text"].tolist()[1] == "Hi"


def _eml(tmp_path, body: bytes, charset: str) -> pd.DataFrame:
    p = tmp_path / "m.eml"
    p.write_bytes(b"From: a@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Transfer-Encoding: 8bit\r\n"
                  + f"Content-Type: text/plain; charset={charset}\r\n\r\n".encode() + body)
    return clientcomm.load(p)


def test_utf8_body_with_several_bad_bytes_stays_utf8(tmp_path):
    body = "Один".encode() + b"\xc3" + " два".encode() + b"\x80\x80" + " три 漢字".encode() + b"\xed\xa0\x80" + " четыре".encode()
    for charset in ("utf-8", "koi8-r", "us-ascii"):
        df = _eml(tmp_path, body, charset)
        assert df.loc[0, "text"].replace("\ufffd", "") == "Один два три 漢字 четыре", charset
        assert "U+FFFD" in " ".join(load_report(df)["reason"]), charset


def test_cp1251_body_labelled_utf8_is_not_read_as_mac_cyrillic(tmp_path):
    text = "Здравствуйте, где мой заказ? Прошу вернуть деньги."
    assert _eml(tmp_path, text.encode("cp1251"), "utf-8").loc[0, "text"] == text


def test_gmail_russian_reply_header_starts_the_quote(tmp_path):
    body = "Спасибо!\n\nвт, 12 мар. 2024 г. в 14:05, Магазин <shop@gmail.com>:\n> Заказ отправлен.\n"
    df = _eml(tmp_path, body.encode(), "utf-8")
    assert df.loc[0, "text"].strip() == "Спасибо!"
    assert "Заказ отправлен" in df.loc[0, "quoted_text"]


def test_stray_quote_that_keeps_the_field_count_is_not_loaded_silently(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text('id,sender,text,n\n1,Иван,"Привет, всё хорошо",1\n2,"Ольга,"Где заказ, скажите",2\n'
                 '3,Ion,Salut,3\n4,Ana,She said "hi" twice,4\n', encoding="utf-8")
    df = clientcomm.load(p)
    rep = load_report(df)
    assert df["sender"].tolist() == ["Иван", "Ion", "Ana"]
    assert df["text"].tolist() == ["Привет, всё хорошо", "Salut", 'She said "hi" twice']
    f = rep[rep["location"] == ""].iloc[0]
    assert (f["records"], f["loaded"], f["skipped"]) == (4, 3, 1)
    assert rep.loc[rep["location"] == "line 3", "reason"].str.contains("stray quote").all()


def test_chinese_written_dates_are_read_in_a_mixed_column(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("text,时间\na,2024/03/12 14:05\nb,2024年3月12日 14:30\nc,2024年3月2日 下午2:05\n", encoding="utf-8")
    df = clientcomm.load(p)
    assert [t.strftime("%Y-%m-%d %H:%M") for t in df["timestamp"]] == ["2024-03-12 14:05", "2024-03-12 14:30",
                                                                        "2024-03-02 14:05"]


def _report_file_entry(df: pd.DataFrame) -> pd.Series:
    rep = load_report(df)
    return rep[rep["location"] == ""].iloc[0]


def test_csv_field_longer_than_the_csv_module_limit_is_kept(tmp_path):
    big = "Ж" * 40000 + "漢" * 200000
    p = tmp_path / "t.csv"
    p.write_text(f"text,sender\n{big},Иван\nкороткое,Ольга\n", encoding="utf-8")
    df = clientcomm.load(p)
    assert df["text"].tolist() == [big, "короткое"]
    assert _report_file_entry(df)["status"] == "loaded"


def test_csv_with_classic_mac_line_ends_is_read(tmp_path):
    p = tmp_path / "t.csv"
    p.write_bytes("text,sender\rПривет,Иван\rSalut,Ion\r".encode("cp1251"))
    df = clientcomm.load(p)
    assert df[["text", "sender"]].values.tolist() == [["Привет", "Иван"], ["Salut", "Ion"]]


def test_one_stray_nul_byte_loses_no_row_and_is_reported(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("text,sender\nПривет,Иван\nПо\x00ка,Ольга\nSalut,Ion\n", encoding="utf-8")
    df = clientcomm.load(p)
    assert df["text"].tolist() == ["Привет", "Пока", "Salut"]
    rep = load_report(df)
    assert rep.loc[rep["location"] == "line 3", "reason"].str.contains("NUL").all()
    assert len(rep[rep["location"] == "line 3"]) == 1


def test_month_names_and_unix_times_written_as_text_are_read(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("text,date\na,12 марта 2024 г. 14:05\nb,\"1 aprilie 2024, 09:00\"\nc,5 мая 2024\nd,1710252300\n"
                 "e,1710252300000\nf,12 Mar 2024 14:05\n", encoding="utf-8")
    df = clientcomm.load(p)
    got = [t.strftime("%Y-%m-%d %H:%M") for t in df["timestamp"]]
    assert got == ["2024-03-12 14:05", "2024-04-01 09:00", "2024-05-05 00:00", "2024-03-12 14:05",
                   "2024-03-12 14:05", "2024-03-12 14:05"]
    assert _report_file_entry(df)["status"] == "loaded"


def _xlsx(path, sheets):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)


def test_excel_title_row_above_the_header_is_noted_not_taken_for_the_header(tmp_path):
    p = tmp_path / "r.xlsx"
    _xlsx(p, [("Отчёт", [["Отчёт за март 2024"], [], ["Дата", "Отправитель", "Сообщение"],
                         ["2024-03-12 10:00", "Иван", "Где заказ?"]]),
              ("Отзывы", [["Отзыв"], ["Всё хорошо"], ["Плохо"]])])
    df = clientcomm.load(p)
    assert df[["sender", "text"]].values.tolist()[0] == ["Иван", "Где заказ?"]
    assert "title above the header" in _report_file_entry(df)["reason"]


def test_annotate_finds_the_text_column_by_name_like_load(tmp_path):
    import subprocess
    import sys

    p = tmp_path / "book.xlsx"
    _xlsx(p, [("A", [["Message", "From"], ["Где мой заказ?", "Иван"]]),
              ("B", [["mesaj", "expeditor"], ["Unde este comanda mea?", "Ion"]])])
    out = tmp_path / "out.csv"
    r = subprocess.run([sys.executable, "-m", "clientcomm", "annotate", str(p), "--steps", "language", "-o", str(out)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    got = pd.read_csv(out)
    assert got["text"].tolist() == ["Где мой заказ?", "Unde este comanda mea?"]
    assert got["sender"].tolist() == ["Иван", "Ion"]


def test_xlsx_output_keeps_texts_that_look_like_formulas_and_carriage_returns(tmp_path):
    from clientcomm.io import read_table, write_table

    df = pd.DataFrame({"text": ["=1+2 formula?", "строка\r\nnext", "+7 cash", "@mention"], "n": [1, 2, 3, 4]})
    back = read_table(write_table(df, tmp_path / "o.xlsx"))
    assert back["text"].tolist() == df["text"].tolist()
    assert back["n"].astype(int).tolist() == [1, 2, 3, 4]


def test_excel_sheets_decide_their_own_day_month_order(tmp_path):
    p = tmp_path / "two.xlsx"
    _xlsx(p, [("RU", [["text", "date"], ["a", "03/04/2024"], ["b", "13/04/2024"]]),
              ("US", [["message", "date"], ["c", "04/13/2024"], ["d", "03/04/2024"]])])
    df = clientcomm.load(p)
    assert [str(t.date()) for t in df["timestamp"]] == ["2024-04-03", "2024-04-13", "2024-04-13", "2024-03-04"]
    assert _report_file_entry(df)["status"] == "loaded"


def test_moldovan_landlines_in_brackets_and_ibans_with_dashes_are_masked():
    out = redact(["sunați (022) 12-34-56 sau 022 765 432", "IBAN RO49-AAAA-1B31-0075-9384-0000, ok",
                  "comanda 022 123 456", "EAN 4006381333931"])
    assert out == ["sunați <PHONE_1> sau <PHONE_2>", "IBAN <IBAN_1>, ok", "comanda 022 123 456", "EAN 4006381333931"]


def test_whatsapp_sender_in_single_curly_quotes_with_a_colon(tmp_path):
    df = _load_text(tmp_path, "chat.txt", "12.03.2024, 14:08 - ‘Ana: A’ B: x\n12.03.2024, 14:09 - ‚Ion: I‘ P: y\n"
                                          "12.03.2024, 14:10 - ‘Ana’ O’Neil: z\n12.03.2024, 14:11 - O’Neil: w\n")
    assert df[["sender", "text"]].values.tolist() == [["‘Ana: A’ B", "x"], ["‚Ion: I‘ P", "y"], ["‘Ana’ O’Neil", "z"],
                                                      ["O’Neil", "w"]]
    assert not df["is_system"].any()


def test_excel_sep_line_and_spaced_column_names(tmp_path):
    p = tmp_path / "sep.csv"
    p.write_text("sep=;\ntext;sender\nПривет, мир;Иван\nДа;Оля\n", encoding="utf-8")
    df = clientcomm.load(p)
    assert df[["sender", "text", "position"]].values.tolist() == [["Иван", "Привет, мир", "line 3"],
                                                                   ["Оля", "Да", "line 4"]]
    q = tmp_path / "crm.jsonl"
    q.write_text('{"Message Text": "hi", "From-Name": "A"}\n', encoding="utf-8")
    assert clientcomm.load(q)[["sender", "text"]].values.tolist() == [["A", "hi"]]
