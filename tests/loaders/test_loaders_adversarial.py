"""Issue 12, second pass: defects found by a round of adversarial exports, each on a file the test writes."""
from __future__ import annotations

import pandas as pd

import clientcomm
from clientcomm.loaders import load_report
from clientcomm.redact import redact


def test_email_with_cjk_internationalised_domain_is_masked():
    out = redact(["写信 kefu@例子.中国。谢谢", "发邮件给kefu@商店.香港，谢谢", "scrie la ion@exemplu-ş.ro azi"])
    assert out == ["写信 <EMAIL_1>。谢谢", "发邮件给<EMAIL_2>，谢谢", "scrie la <EMAIL_3> azi"]
