"""Benchmark and evaluation of the temperament and channel dictionaries.

Speed: tags N (default 10,000) short texts in ru, ro, en, zh-Hans and zh-Hant
with each built-in dictionary and prints texts per second (target: 10,000
texts in under 10 s on one core; run it under ``taskset -c 0`` to pin one
core). The texts are built deterministically (seeded) from sentence
fragments written for this benchmark, so no two runs differ.

Quality: with ``--passages`` (default: tests/dictionaries/passages.yaml)
prints precision, recall and F1 per mention label and micro-F1, and lists the
passages that are wrong.

    python benchmarks/tagging.py                 # both
    python benchmarks/tagging.py --n 2000 --no-eval
    python benchmarks/tagging.py --source corpus --no-eval   # real sentences of the bundled corpus
    python benchmarks/tagging.py --passages my_passages.yaml --no-speed
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]

# Fragments written for this benchmark (not taken from any corpus).
FRAGMENTS = {
    "ru": ["Клиент просит перезвонить после обеда", "Отправили счёт по электронной почте", "Телефон у него опять разбился",
           "Встреча перенесена на среду", "Флегматики любят подробные отчёты", "Напишите в Telegram, если что",
           "Холерик требует ответа немедленно", "Код придёт в СМС", "Заявку можно оставить на сайте",
           "Менеджер не смог дозвониться до бухгалтерии", "Договор ушёл заказным письмом", "Спасибо за быструю помощь"],
    "ro": ["Vă rugăm să ne sunați mâine", "Am trimis oferta pe e-mail", "Telefonul clientului s-a stricat",
           "Programați o întâlnire la sediu", "Clienții flegmatici cer detalii", "Scrieți-ne pe WhatsApp",
           "Un client coleric vrea răspuns imediat", "Veți primi un SMS de confirmare", "Comanda apare în cont pe site",
           "Am vorbit la telefon o oră", "Contractul a venit prin poștă", "Mulțumim pentru răbdare"],
    "en": ["Please call us back tomorrow", "I sent the quote by email", "My phone screen cracked again",
           "The meeting moved to Wednesday", "Phlegmatic clients want every detail", "Ping me on Slack",
           "A choleric buyer wants it now", "You will get a text message", "Track the order on our website",
           "We were on the phone for an hour", "The contract came by post", "Thanks for your patience"],
    "zh-Hans": ["请明天给我们回电", "报价已经发到您的邮箱", "我的手机屏幕又碎了", "会议改到周三", "粘液质的客户需要所有细节",
                "有事微信联系", "胆汁质的客户希望马上解决", "您会收到一条短信", "订单可以在官网查询", "我们通了一个小时电话",
                "合同是邮寄过来的", "谢谢您的耐心"],
    "zh-Hant": ["請明天給我們回電", "報價已經發到您的郵箱", "我的手機螢幕又碎了", "會議改到週三", "黏液質的客戶需要所有細節",
                "有事LINE聯絡", "膽汁質的客戶希望馬上解決", "您會收到一封簡訊", "訂單可以在官網查詢", "我們通了一個小時電話",
                "合約是郵寄過來的", "謝謝您的耐心"],
}


def make_texts(n: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """``n`` short texts (two fragments and a number each) and their language codes, seeded."""
    rng = random.Random(seed)
    langs = list(FRAGMENTS)
    texts, codes = [], []
    for _ in range(n):
        lg = rng.choice(langs)
        a, b = rng.sample(FRAGMENTS[lg], 2)
        sep = "。" if lg.startswith("zh") else ". "
        texts.append(f"{a}{sep}{b} {rng.randint(1, 999)}")
        codes.append(lg)
    return texts, codes


def corpus_texts(n: int) -> tuple[list[str], list[str]]:
    """``n`` texts cycling through the bundled corpus's sentences (cut at 200 characters), declared languages."""
    import clientcomm

    docs = clientcomm.load_corpus()
    segs = clientcomm.segment(docs, level="sentence")
    lang_of = dict(zip(docs["doc_id"], docs["declared_lang"]))
    pool = [(t[:200], lang_of[d]) for t, d in zip(segs["text"], segs["doc_id"]) if t.strip()]
    picks = [pool[i % len(pool)] for i in range(n)]
    return [t for t, _ in picks], [lg for _, lg in picks]


def run_speed(n: int, source: str = "fragments") -> None:
    from clientcomm.dictionaries import load_dictionary, tag

    texts, langs = make_texts(n) if source == "fragments" else corpus_texts(n)
    print(f"{n} texts from {source}: mean {sum(map(len, texts)) / n:.0f} characters")
    t0 = time.perf_counter()
    for name in ("channels", "temperaments"):  # warm-up: dictionaries, lemmatiser data, jieba
        load_dictionary(name)
        tag(texts[:50], name, lang=langs[:50])
    warm = time.perf_counter() - t0
    print(f"warm-up (load dictionaries, simplemma data, jieba): {warm:.2f} s")
    s_texts, s_langs = pd.Series(texts), pd.Series(langs)
    total = 0.0
    for name in ("channels", "temperaments"):
        t0, c0 = time.perf_counter(), time.process_time()
        out = tag(s_texts, name, lang=s_langs)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        total += dt
        tagged = (out["labels"] != "").mean() * 100
        print(f"{name:<13} {n} texts in {dt:.2f} s wall ({cpu:.2f} s CPU) = {n / dt:,.0f} texts/s; "
              f"{tagged:.1f}% with a mention")
    print(f"both dictionaries: {total:.2f} s wall for {n} texts ({'PASS' if total / 2 < 10 * n / 10_000 else 'FAIL'}: "
          f"target < 10 s per dictionary per 10,000 texts)")


def run_eval(path: Path) -> None:
    from clientcomm.dictionaries.evaluate import evaluate_passages, passage_errors, read_passages

    p = read_passages(path)
    print(f"\npassages: {path} ({len(p)} passages; {p['lang'].value_counts().to_dict()})")
    with pd.option_context("display.width", 160, "display.max_colwidth", 80):
        for name in ("channels", "temperaments"):
            tab = evaluate_passages(p, name)
            print(f"\n{name} mentions:")
            print(tab.to_string())
            err = passage_errors(p, name)
            if len(err):
                print(f"{len(err)} passage(s) wrong:")
                print(err.to_string())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="number of texts for the speed test")
    ap.add_argument("--passages", type=Path, default=ROOT / "tests" / "dictionaries" / "passages.yaml")
    ap.add_argument("--source", choices=["fragments", "corpus"], default="fragments",
                    help="speed-test texts: seeded fragments (default) or the bundled corpus's sentences")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--no-eval", action="store_true")
    args = ap.parse_args(argv)
    if not args.no_speed:
        run_speed(args.n, args.source)
    if not args.no_eval:
        run_eval(args.passages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
