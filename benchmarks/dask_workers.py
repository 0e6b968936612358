"""Annotate 100,000 messages on a Dask ``LocalCluster`` of 2 worker processes with 1 GB each.

Usage (from the repository root)::

    python benchmarks/dask_workers.py                     # 100,000 messages, all steps
    python benchmarks/dask_workers.py --n 20000 --memory-limit 1GB --partitions 20

The messages are the ``text`` column of ``sentiment/*.csv`` and
``langid/langid_dev.csv`` of the development data (``../shared/data``, read at
run time, nothing copied into the project), repeated and shuffled with a seed
to N. They go into a Dask DataFrame of ``--partitions`` partitions, through
``clientcomm.annotate`` on ``LocalCluster(processes=True, n_workers=2,
threads_per_worker=1, memory_limit=...)``; each annotated partition is
computed on a worker and fetched on its own (``client.compute`` of the
partitions, ``as_completed``), as one would stream results to storage, rather
than ``.compute()``, which concatenates all partitions on one worker first.

Printed: the time, the rows annotated, each worker's peak resident memory
(``VmHWM``) read from the worker at the end, and whether any worker was
restarted (its process id changed, or the nanny reported a restart) — the
run passes when no worker was restarted and every row came back.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def corpus(data: Path, n: int, seed: int) -> pd.DataFrame:
    files = sorted((data / "sentiment").glob("*.csv")) + [data / "langid" / "langid_dev.csv"]
    missing = [f for f in files if not f.exists()]
    if missing or len(files) < 2:
        raise SystemExit(f"missing development data under {data}: pass --data pointing at the shared data folder")
    texts = [t for f in files for t in pd.read_csv(f, dtype=str, keep_default_na=False)["text"]]
    rng = random.Random(seed)
    out = (texts * (n // len(texts) + 1))[:n]
    rng.shuffle(out)
    return pd.DataFrame({"msg_id": range(n), "text": out})


def _worker_memory() -> dict:
    """Peak and current RSS of this worker process, in MB (runs on each worker)."""
    out = {"pid": os.getpid()}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("VmHWM:", "VmRSS:")):
                out[line.split(":")[0]] = int(line.split()[1]) / 1024
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--partitions", type=int, default=20)
    ap.add_argument("--memory-limit", default="1GB")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    import dask.dataframe as dd
    from distributed import Client, LocalCluster, as_completed

    import clientcomm

    df = corpus(args.data, args.n, args.seed)
    print(f"{len(df):,} messages ({df['text'].nunique():,} distinct) in {args.partitions} partitions; "
          f"cores {os.cpu_count()}; load average {os.getloadavg()[0]:.2f}", flush=True)
    with LocalCluster(processes=True, n_workers=2, threads_per_worker=1, memory_limit=args.memory_limit,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        before = {a: m["pid"] for a, m in client.run(_worker_memory).items()}
        t0 = time.perf_counter()
        ann = clientcomm.annotate(dd.from_pandas(df, npartitions=args.partitions), text_column="text")
        rows = 0
        for fut in as_completed(client.compute(ann.to_delayed())):
            rows += len(fut.result())
            fut.release()
        dt = time.perf_counter() - t0
        after = client.run(_worker_memory)
        restarts = [e for _, e in client.get_events("all")
                    if isinstance(e, dict) and "restart" in str(e.get("action", "")).lower()]
        changed = set(before.items()) != {(a, m["pid"]) for a, m in after.items()}
    print(f"annotated {rows:,} rows in {dt:.1f} s ({rows / dt:,.0f} rows/s)")
    for addr, m in sorted(after.items()):
        print(f"  worker {addr}: peak RSS {m['VmHWM']:.0f} MB, now {m['VmRSS']:.0f} MB "
              f"(limit {args.memory_limit})")
    restarted = changed or bool(restarts)
    print(f"worker restarted: {'yes' if restarted else 'no'}"
          + (f" ({len(restarts)} restart events; worker processes changed: {changed})" if restarted else ""))
    ok = rows == len(df) and not restarted
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
