"""Redaction benchmark: recall on planted personal data, false positives on clean text.

1. Generates (fixed seed) a corpus of 10,000 client messages in ru, ro, zh and
   en. About two thirds carry one or two planted items (e-mail, phone in the
   Russian, Romanian, Chinese, Hong Kong/Taiwan or international formats,
   Luhn-valid card, mod-97-valid IBAN, @handle) in varied spellings; every
   message also carries distractors that must NOT be masked (dates, times,
   prices, order and tracking numbers, Luhn-invalid 16-digit numbers,
   IBAN-shaped strings with a wrong checksum, years, percentages).
   A planted item counts as found when a match of the same kind covers exactly
   its characters. Any other match is a false positive.
2. Redacts the clean_text of every bundled-corpus document and lists every
   replacement (expected: none).
3. With ``--dev`` (or when ../shared/data exists), lists every match in the
   development CSVs, with context, for review by eye (real data: hits there
   may be true personal data).

Run from the repository root:  python benchmarks/redact.py [--n 10000] [--seed 7] [--dev PATH]
"""
from __future__ import annotations

import argparse
import random
import string
import sys
import time
from collections import Counter
from pathlib import Path

from clientcomm.redact import KINDS, find_pii

# ---------------------------------------------------------------- generators


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    body = prefix + _digits(rng, length - len(prefix) - 1)
    for d in string.digits:
        cand = body + d
        total = 0
        for i, c in enumerate(reversed(cand)):
            v = int(c) * (2 if i % 2 else 1)
            total += v - 9 if v > 9 else v
        if total % 10 == 0:
            return cand
    raise AssertionError


def _luhn_invalid(rng: random.Random) -> str:
    good = _luhn_complete(rng.choice(["4", "5", "2"]), 16, rng)
    return good[:-1] + str((int(good[-1]) + rng.randint(1, 9)) % 10)


def _group4(s: str, sep: str) -> str:
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


def card(rng: random.Random) -> str:
    kind = rng.choice(["visa", "mc", "mir", "amex", "unionpay", "unionpay19"])
    if kind == "amex":
        n = _luhn_complete(rng.choice(["34", "37"]), 15, rng)
        return rng.choice([n, f"{n[:4]} {n[4:10]} {n[10:]}", f"{n[:4]}-{n[4:10]}-{n[10:]}"])
    prefix, length = {"visa": ("4", 16), "mc": (str(rng.randint(51, 55)), 16), "mir": (f"220{rng.randint(0, 4)}", 16),
                      "unionpay": ("62", 16), "unionpay19": ("62", 19)}[kind]
    n = _luhn_complete(prefix, length, rng)
    return rng.choice([n, _group4(n, " "), _group4(n, "-")])


def _iban_check(country: str, bban: str) -> str:
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{98 - int(digits) % 97:02d}"


def iban(rng: random.Random, valid: bool = True) -> str:
    country = rng.choice(["RO", "MD", "DE", "FR", "GB", "RU", "NL", "IT"])
    up = string.ascii_uppercase
    bban = {
        "RO": lambda: "".join(rng.choice(up) for _ in range(4)) + "".join(rng.choice(up + string.digits) for _ in range(16)),
        "MD": lambda: "".join(rng.choice(up) for _ in range(2)) + "".join(rng.choice(up + string.digits) for _ in range(18)),
        "DE": lambda: _digits(rng, 18),
        "FR": lambda: _digits(rng, 10) + "".join(rng.choice(up + string.digits) for _ in range(11)) + _digits(rng, 2),
        "GB": lambda: "".join(rng.choice(up) for _ in range(4)) + _digits(rng, 14),
        "RU": lambda: _digits(rng, 29),
        "NL": lambda: "".join(rng.choice(up) for _ in range(4)) + _digits(rng, 10),
        "IT": lambda: rng.choice(up) + _digits(rng, 10) + "".join(rng.choice(up + string.digits) for _ in range(12)),
    }[country]()
    check = _iban_check(country, bban)
    if not valid:
        check = f"{(int(check) + rng.randint(1, 96)) % 97 + 2:02d}" if int(check) < 90 else "03"
        if _iban_check(country, bban) == check:
            check = "01"
    s = country + check + bban
    return rng.choice([s, _group4(s, " "), s.lower()])  # issue 12: lower-case IBANs leaked


def phone(rng: random.Random) -> str:
    d = lambda n: _digits(rng, n)  # noqa: E731
    forms = [
        lambda: f"+7 (9{d(2)}) {d(3)}-{d(2)}-{d(2)}", lambda: f"8 9{d(2)} {d(3)} {d(2)} {d(2)}",
        lambda: f"+79{d(9)}", lambda: f"8-800-{d(3)}-{d(2)}-{d(2)}", lambda: f"8 (495) {d(3)}-{d(2)}-{d(2)}",
        lambda: f"+40 7{d(2)} {d(3)} {d(3)}", lambda: f"07{d(2)} {d(3)} {d(3)}", lambda: f"07{d(8)}",
        lambda: f"021 {d(3)} {d(2)} {d(2)}", lambda: f"+40 21 {d(3)} {d(4)}", lambda: f"0264 {d(3)} {d(3)}",
        lambda: f"+86 13{d(1)} {d(4)} {d(4)}", lambda: f"1{rng.choice('3456789')}{d(9)}",
        lambda: f"010-{d(8)}", lambda: f"0755-{d(8)}", lambda: f"(021) {d(4)} {d(4)}",
        lambda: f"+852 {rng.choice('2369')}{d(3)} {d(4)}", lambda: f"09{d(2)} {d(3)} {d(3)}",
        lambda: f"+886 9{d(2)} {d(3)} {d(3)}", lambda: f"(02) {d(4)}-{d(4)}", lambda: f"02-{d(4)}-{d(4)}",
        lambda: f"+49 30 {d(7)}", lambda: f"+44 20 {d(4)} {d(4)}", lambda: f"+1 (555) {d(3)}-{d(4)}",
        lambda: f"+373 69 {d(3)} {d(3)}", lambda: f"+33 1 {d(2)} {d(2)} {d(2)} {d(2)}",
        # issue 12: Moldovan national mobiles, Russian mobiles written without the prefix
        lambda: f"0{rng.choice(['60', '62', '67', '68', '69', '76', '78', '79'])} {d(3)} {d(3)}",
        lambda: f"9{d(2)} {d(3)}-{d(2)}-{d(2)}",
    ]
    return rng.choice(forms)()


_NAMES = ["ivan", "anna", "maria", "ion", "elena", "zhang.wei", "li_na", "chen", "olga.smirnova", "andrei",
          "mihai.popescu", "wang", "sergey", "ioana", "john.smith", "kate"]
_DOMAINS = ["example.ru", "mail.ru", "yandex.ru", "gmail.com", "firma.ro", "yahoo.ro", "qq.com", "163.com",
            "company.com.tw", "shop.com.cn", "пример.рф", "support.example.co.uk",
            "xn--e1afmkfd.xn--p1ai"]  # issue 12: punycode domains leaked


def email(rng: random.Random) -> str:
    local = rng.choice(_NAMES) + rng.choice(["", "", str(rng.randint(1, 99)), "+orders", ".work"])
    return local + "@" + rng.choice(_DOMAINS)


def handle(rng: random.Random) -> str:
    return "@" + rng.choice(_NAMES).replace(".", "_") + rng.choice(["", "_shop", str(rng.randint(1, 999)), "_ro"])


PLANTERS = {"EMAIL": email, "PHONE": phone, "CARD": card, "IBAN": iban, "HANDLE": handle}


def distractor(rng: random.Random) -> str:
    d = lambda n: _digits(rng, n)  # noqa: E731
    return rng.choice([
        lambda: f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2015, 2025)}",
        lambda: f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{d(2)[:1]}5",
        lambda: f"{rng.randint(0, 23)}:{rng.randint(0, 59):02d}", lambda: f"{rng.randint(1, 999)} {d(3)} руб.",
        lambda: f"{rng.randint(1, 99)},{d(2)} lei", lambda: f"¥{rng.randint(10, 99999)}",
        lambda: f"№ {d(6)}", lambda: f"#{d(8)}", lambda: f"order {d(10)}", lambda: _luhn_invalid(rng),
        lambda: _group4(_luhn_invalid(rng), " "), lambda: iban(rng, valid=False), lambda: f"{rng.randint(1, 100)}%",
        lambda: f"{rng.randint(1990, 2025)}–{rng.randint(1990, 2025)}", lambda: f"v{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 99)}",
        lambda: f"RU{d(12)}", lambda: f"ИНН {d(10)}", lambda: f"{d(3)} {d(3)} {d(3)}",
        lambda: f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(20, 25)}", lambda: f"x{rng.randint(2, 9)}",
        lambda: _ean13(rng),  # issue 12: a barcode is not a card
    ])()


def _ean13(rng: random.Random) -> str:
    body = rng.choice(["4", "5", "6", "2", "3"]) + _digits(rng, 11)
    check = (10 - sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body)) % 10) % 10
    return body + str(check)


TEMPLATES = [
    "Здравствуйте! Мой заказ {d} так и не пришёл, свяжитесь со мной: {p}. Спасибо.",
    "Добрый день, оплатил {d}, данные для возврата: {p}",
    "Напишите мне, пожалуйста, {p} — жду ответа до {d}.",
    "Bună ziua, comanda {d} nu a ajuns. Mă puteți contacta la {p}.",
    "Vă rog să returnați banii în contul {p}, suma {d}.",
    "Mulțumesc pentru ajutor! Revin pe {d}, scrieți-mi la {p}",
    "您好，我的订单{d}还没到，请联系我：{p}，谢谢！",
    "請把退款匯到{p}，金額{d}。",
    "客户说{d}会再打电话，留的联系方式是{p}。",
    "Hi, my order {d} is late. Please reach me at {p}.",
    "Refund to {p} please, amount {d}.",
    "Thanks! I'll call back on {d}. Contact: {p}",
]
PLAIN = [
    "Спасибо, всё получили {d}, претензий нет.", "Problema a fost rezolvată pe {d}, mulțumesc.",
    "好的，{d}见。", "All good, see you {d}.", "Счёт {d} оплачен, ждём доставку.",
]


def generate(n: int, seed: int) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """Messages with the (kind, start, end) of every planted item."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        k = rng.random()
        if k < 1 / 3:
            out.append((rng.choice(PLAIN).format(d=distractor(rng)), []))
            continue
        kinds = [rng.choice(KINDS) for _ in range(1 if k < 0.8 else 2)]
        tmpl = rng.choice(TEMPLATES)
        pieces, spans, text = [], [], ""
        values = [(kd, PLANTERS[kd](rng)) for kd in kinds]
        sep = rng.choice([", ", " / ", " или ", " sau ", "，", " or "])
        p_text = ""
        for i, (kd, v) in enumerate(values):
            if i:
                p_text += sep
            spans.append((kd, len(p_text), len(p_text) + len(v)))
            p_text += v
        before, after = tmpl.split("{p}")
        before = before.format(d=distractor(rng)) if "{d}" in before else before
        after = after.format(d=distractor(rng)) if "{d}" in after else after
        text = before + p_text + after
        out.append((text, [(kd, s + len(before), e + len(before)) for kd, s, e in spans]))
        del pieces
    return out


def evaluate(corpus) -> tuple[dict, dict, list]:
    planted, found, fps = Counter(), Counter(), []
    for text, spans in corpus:
        matches = find_pii(text)
        for kd, s, e in spans:
            planted[kd] += 1
            if any(m.kind == kd and m.start == s and m.end == e for m in matches):
                found[kd] += 1
        for m in matches:
            if not any(m.start < e and s < m.end for _, s, e in spans):
                fps.append((m.kind, m.value, text))
    return planted, found, fps


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dev", default=None, help="folder of development CSVs (default ../shared/data if present)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    corpus = generate(args.n, args.seed)
    planted, found, fps = evaluate(corpus)
    dt = time.perf_counter() - t0
    print(f"generated corpus: {len(corpus)} messages (seed {args.seed}), "
          f"{sum(bool(s) for _, s in corpus)} with planted items; {dt:.1f}s")
    print(f"{'kind':<8}{'planted':>9}{'found':>8}{'recall':>9}")
    for kd in KINDS:
        print(f"{kd:<8}{planted[kd]:>9}{found[kd]:>8}{found[kd] / max(planted[kd], 1):>9.4f}")
    tot_p, tot_f = sum(planted.values()), sum(found.values())
    print(f"{'all':<8}{tot_p:>9}{tot_f:>8}{tot_f / max(tot_p, 1):>9.4f}")
    print(f"false positives on the generated corpus (distractors and plain text): {len(fps)}")
    for kd, v, text in fps[:20]:
        print(f"  {kd}: {v!r} in {text!r}")

    import clientcomm

    docs = clientcomm.load_corpus()
    print("\nbundled corpus (clean_text of each document):")
    total = 0
    for doc_id, text in zip(docs["doc_id"], docs["clean_text"]):
        ms = find_pii(text)
        total += len(ms)
        print(f"  {doc_id}: {len(text)} chars, {len(ms)} replaced" + "".join(f"\n    {m.kind} {m.value!r}" for m in ms))
    print(f"false positives on the bundled corpus: {total}")

    dev = Path(args.dev) if args.dev else Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
    if dev.exists():
        import pandas as pd

        print(f"\ndevelopment CSVs under {dev.resolve()} (real texts: matches listed for review):")
        for f in sorted(dev.rglob("*.csv")):
            df = pd.read_csv(f, dtype=str, keep_default_na=False)
            hits = [(m, t) for t in df["text"] for m in find_pii(t)]
            c = Counter(m.kind for m, _ in hits)
            print(f"  {f.relative_to(dev)}: {len(df)} texts, matches {dict(c)}")
            for m, t in hits:
                if m.kind != "HANDLE":
                    print(f"    {m.kind} {t[max(0, m.start - 40):m.end + 15]!r}")
    return 0 if tot_f == tot_p and not fps and total == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
