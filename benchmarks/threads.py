"""``clientcomm.threads`` on 1,000,000 generated messages in 100,000 threads: time and peak memory.

Usage (from the repository root)::

    python benchmarks/threads.py                          # 1,000,000 messages, 100,000 threads
    python benchmarks/threads.py --messages 100000 --threads 10000 --distinct 10000

The messages are generated here (seeded): short client and agent sentences
in ru, ro, en, zh-Hans and zh-Hant written for this benchmark, with an order
number in most of them so that about ``--distinct`` different texts occur
(message data repeats: "thanks", "ok", templates); threads of about ten
messages each, roles mostly alternating, times in several UTC offsets,
channels e-mail / chat / messenger; the rows are shuffled (a thread's
messages are scattered, out of order).

``threads(docs)`` is exactly these stages, run and timed one by one here in
one process (so the two costs are measured on the same data, back to back):

1. **annotation**: :func:`clientcomm.annotate` (language, sentiment; each
   distinct text once) and :func:`clientcomm.conversations.tag_cues`
   (outcome and temperament cues; each distinct text once);
2. **thread pass**: :func:`clientcomm.assign_roles` and
   :func:`clientcomm.conversations.thread_table.thread_table` (sort, day-gap
   split, response times, client mood, escalation, resolution, satisfaction
   and its explanation, temperament profile).

Printed: seconds per stage, the thread pass / annotation ratio (the target
is ≤ 1), and the peak RSS (``ru_maxrss``) of the process.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time

import numpy as np
import pandas as pd

TEMPLATES = {
    "en": {"client": ["Hello, where is my order {n}?", "Order {n} still has not arrived, this is unacceptable.",
                      "Thanks, order {n} arrived!", "Can I change the address for order {n}?", "ok, thank you",
                      "I am very disappointed with order {n}.", "Great, it works now."],
           "agent": ["Sorry for the delay, order {n} ships today.", "We checked order {n}: it is on its way.",
                     "Thank you for waiting, the refund for {n} is done.", "Could you send a photo, please?"]},
    "ru": {"client": ["Здравствуйте, где мой заказ {n}?", "Заказ {n} до сих пор не пришёл, это безобразие!",
                      "Спасибо, заказ {n} получил!", "Можно изменить адрес для заказа {n}?", "спасибо",
                      "Очень недоволен заказом {n}.", "Всё работает, спасибо."],
           "agent": ["Извините за задержку, заказ {n} отправим сегодня.", "Проверили заказ {n}: он в пути.",
                     "Возврат по заказу {n} оформлен.", "Пришлите, пожалуйста, фото."]},
    "ro": {"client": ["Bună ziua, unde este comanda {n}?", "Comanda {n} tot nu a ajuns, e inacceptabil!",
                      "Mulțumesc, comanda {n} a ajuns!", "Pot schimba adresa pentru comanda {n}?", "mersi",
                      "Sunt foarte dezamăgit de comanda {n}.", "Merge acum, mulțumesc."],
           "agent": ["Ne pare rău pentru întârziere, comanda {n} pleacă azi.", "Am verificat comanda {n}: e pe drum.",
                     "Rambursarea pentru {n} este făcută.", "Ne puteți trimite o poză, vă rog?"]},
    "zh-Hans": {"client": ["你好，我的订单{n}在哪里？", "订单{n}还没到，太差了！", "谢谢，订单{n}收到了！",
                           "订单{n}可以改地址吗？", "好的，谢谢", "对订单{n}非常失望。"],
                "agent": ["抱歉久等了，订单{n}今天发货。", "我们查了订单{n}，正在路上。", "订单{n}已经退款。",
                          "请发一张照片。"]},
    "zh-Hant": {"client": ["你好，我的訂單{n}在哪裡？", "訂單{n}還沒到，太差了！", "謝謝，訂單{n}收到了！",
                           "訂單{n}可以改地址嗎？", "好的，謝謝", "對訂單{n}非常失望。"],
                "agent": ["抱歉久等了，訂單{n}今天發貨。", "我們查了訂單{n}，正在路上。", "訂單{n}已經退款。",
                          "請發一張照片。"]},
}


def generate(n_messages: int, n_threads: int, distinct: int, seed: int = 0) -> pd.DataFrame:
    """The generated messages table (see the module docstring)."""
    rng = np.random.default_rng(seed)
    langs = list(TEMPLATES)
    thread = np.sort(rng.integers(0, n_threads, n_messages))
    turn = pd.Series(thread).groupby(thread).cumcount().to_numpy()
    t_lang = rng.integers(0, len(langs), n_threads)
    t_channel = rng.choice(np.array(["email", "chat", "messenger"]), n_threads)
    t_start = pd.Timestamp("2024-01-01", tz="UTC").value + rng.integers(0, 300 * 86400, n_threads) * 10**9
    role_client = (turn % 2 == 0) ^ (rng.random(n_messages) < 0.15)
    gaps = rng.exponential(1800, n_messages).astype(np.int64) * 10**9
    gaps[turn == 0] = 0
    ts = t_start[thread] + pd.Series(gaps).groupby(thread).cumsum().to_numpy()
    numbers = rng.integers(0, max(distinct // 40, 1), n_messages) + 10000
    texts = np.empty(n_messages, dtype=object)
    lang_of = t_lang[thread]
    for li, lang in enumerate(langs):
        for role, is_client in (("client", True), ("agent", False)):
            sel = np.flatnonzero((lang_of == li) & (role_client == is_client))
            pool = TEMPLATES[lang][role]
            pick = rng.integers(0, len(pool), len(sel))
            texts[sel] = [pool[k].format(n=n) for k, n in zip(pick, numbers[sel])]
    stamps = pd.to_datetime(ts, utc=True).tz_convert("Europe/Chisinau")  # tz-aware, as load() gives them
    df = pd.DataFrame({
        "doc_id": [f"m{i}" for i in range(n_messages)], "thread_id": [f"T{t:06d}" for t in thread],
        "channel": t_channel[thread], "sender": np.where(role_client, "client", "agent"),
        "role": np.where(role_client, "customer", "helpdesk"), "timestamp": stamps, "text": texts})
    return df.sample(frac=1.0, random_state=seed).reset_index(drop=True)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--threads", type=int, default=100_000)
    ap.add_argument("--distinct", type=int, default=50_000, help="about this many distinct texts")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    import clientcomm
    from clientcomm.conversations import tag_cues
    from clientcomm.conversations.thread_table import thread_table

    t0 = time.perf_counter()
    df = generate(args.messages, args.threads, args.distinct, args.seed)
    t_gen = time.perf_counter() - t0
    n_distinct = df["text"].nunique()
    print(f"generated {len(df):,} messages in {df['thread_id'].nunique():,} threads, {n_distinct:,} distinct texts "
          f"({t_gen:.1f} s); peak RSS so far {peak_mb():,.0f} MB")

    t0 = time.perf_counter()
    ann = clientcomm.annotate(df, text_column="text", steps=["language", "sentiment"])
    t_annotate = time.perf_counter() - t0
    t0 = time.perf_counter()
    ann = tag_cues(ann, text_column="text")
    t_cues = time.perf_counter() - t0
    annotation = t_annotate + t_cues
    print(f"annotation: annotate (language, sentiment) {t_annotate:.1f} s + cue tagging {t_cues:.1f} s "
          f"= {annotation:.1f} s for {n_distinct:,} distinct texts; peak RSS {peak_mb():,.0f} MB")

    t0 = time.perf_counter()
    roles = clientcomm.assign_roles(ann, client_roles="customer", agent_roles="helpdesk")
    t_roles = time.perf_counter() - t0
    t0 = time.perf_counter()
    table = thread_table(roles, thread_column="thread_id", text_column="text")
    t_table = time.perf_counter() - t0
    thread_pass = t_roles + t_table
    print(f"thread pass: assign_roles {t_roles:.1f} s + thread_table {t_table:.1f} s = {thread_pass:.1f} s "
          f"→ {len(table):,} threads; peak RSS {peak_mb():,.0f} MB")
    print(f"\nthread pass / annotation = {thread_pass / annotation:.2f} (target ≤ 1)")
    print(f"end to end (annotation + thread pass): {annotation + thread_pass:.1f} s for {len(df):,} messages; "
          f"peak RSS of the process {peak_mb():,.0f} MB")
    print(f"threads: {int(table['escalation'].sum()):,} escalations, {int(table['resolved_cue'].sum()):,} with a "
          f"resolution cue, median first response {table['first_response_s'].median():.0f} s, "
          f"{table.attrs['threads_report']['chats_split_by_gap']:,} chats split by the day-gap rule")
    return 0


if __name__ == "__main__":
    sys.exit(main())
