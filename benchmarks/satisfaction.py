"""Does ``client_satisfaction`` rank real customer↔helpdesk threads as annotators did?

Data: ``shared/data/conversations/`` (2,700 Chinese Weibo dialogues with the
mean satisfaction of 19 annotators; see its PROVENANCE.md). The threads are
split deterministically by md5 of ``thread_id``: even → **tuning half** (the
only half the weights were fitted on), odd → **check half** (never used for
fitting). Printed: Spearman of ``client_satisfaction`` with the annotators'
satisfaction on both halves, and the baseline "client's last-message
sentiment alone" on both.

    python benchmarks/satisfaction.py            # evaluate the shipped weights
    python benchmarks/satisfaction.py --fit      # refit on the tuning half, rewrite the weights file

The run goes through the public path: ``clientcomm.load`` of the messages CSV
and ``clientcomm.threads`` with the role column (customer / helpdesk).
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "conversations"


def half(thread_id: str) -> str:
    """``tuning`` or ``check``: md5 of the thread id, even or odd."""
    return "tuning" if int(hashlib.md5(thread_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "check"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(DATA), help="folder with zh_helpdesk_dev_{messages,threads}.csv")
    ap.add_argument("--fit", action="store_true", help="refit the weights on the tuning half and write them")
    args = ap.parse_args(argv)
    import pandas as pd
    from scipy.stats import spearmanr

    import clientcomm
    from clientcomm.conversations import satisfaction

    folder = Path(args.data)
    msgs, rated = folder / "zh_helpdesk_dev_messages.csv", folder / "zh_helpdesk_dev_threads.csv"
    if not msgs.exists():
        print(f"no data at {folder}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    docs = clientcomm.load(msgs, thread_column="thread_id", text_column="text")
    table = clientcomm.threads(docs, thread_column="thread_id", client_roles="customer", agent_roles="helpdesk")
    secs = time.perf_counter() - t0
    gold = pd.read_csv(rated, dtype={"thread_id": str}).set_index("thread_id")["satisfaction"]
    table = table.set_index("thread_id").join(gold, how="inner")
    table["half"] = [half(t) for t in table.index]
    print(f"{len(docs)} messages, {len(table)} rated threads, roles: "
          + ", ".join(f"{r['role']} by {r['role_source']}: {r['messages']}" for r in docs.attrs.get("role_report", [])
                      ) if "role_report" in docs.attrs else f"{len(docs)} messages, {len(table)} rated threads")
    print(f"load + annotate + threads: {secs:.1f} s")
    if args.fit:
        tune = table[table["half"] == "tuning"]
        fit = satisfaction.fit_weights(tune, tune["satisfaction"])
        header = (
            "Weights of the client-satisfaction estimate (clientcomm.conversations.satisfaction).\n"
            "client_satisfaction = tanh(intercept + sum(weight * feature)).\n"
            "Source: ordinary least squares of the annotators' mean satisfaction (-2..2) on the seven features,\n"
            f"fitted by `python benchmarks/satisfaction.py --fit` on the TUNING half only ({len(tune)} threads:\n"
            "md5(thread_id) even) of the NTCIR-14 STC-3 Dialogue Quality Chinese customer-helpdesk dialogues\n"
            "(Zeng, Luo, Shang, Li, Sakai, EVIA 2017; annotations CC BY 4.0), shared/data/conversations/.\n"
            "The check half (md5 odd) and the organisers' held-out set were not used for fitting.\n"
            f"Generated {time.strftime('%Y-%m-%d')}; clientcomm {clientcomm.__version__}. Version 1.0.")
        satisfaction.write_weights(fit, header)
        print(f"wrote {satisfaction.WEIGHTS_FILE}")
        table["client_satisfaction"] = satisfaction.score(table).to_numpy()
    print(f"\n{'split':<8}{'threads':>8}  {'client_satisfaction':>20}  {'baseline (last client sentiment)':>34}")
    for name in ("tuning", "check"):
        part = table[table["half"] == name]
        rho = spearmanr(part["client_satisfaction"], part["satisfaction"], nan_policy="omit")[0]
        base = spearmanr(part["client_sentiment_last"], part["satisfaction"], nan_policy="omit")[0]
        tag = " (weights fitted here)" if name == "tuning" else " (not used for fitting)"
        print(f"{name:<8}{len(part):>8}  {rho:>20.3f}  {base:>34.3f}{tag}")
    w = satisfaction.load_weights()
    print("\nweights: intercept " + f"{w['intercept']:+.3f}; "
          + "; ".join(f"{k} {v:+.3f}" for k, v in w["weights"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
