"""Peak memory of ``clientcomm annotate`` streaming a large file (target: < 1.0 GB for 1,000,000 messages, --jobs 2).

Usage (from the repository root)::

    python benchmarks/streaming_memory.py                       # 1,000,000 messages, all steps, --jobs 2
    python benchmarks/streaming_memory.py --n 200000 --steps language --jobs 2
    python benchmarks/streaming_memory.py --distinct --n 100000 --steps language

1. Writes an input CSV of N messages (``msg_id``, ``channel``, ``text``) to a
   temporary folder, in pieces: the texts of the development sets
   (``../shared/data``: ``sentiment/*.csv`` and ``langid/langid_dev.csv``),
   repeated and shuffled with a seed; without that folder, sentences made
   from a small vocabulary written here. ``--distinct`` appends the message
   number to every text, so no two texts are equal (the worst case for the
   cache of annotations; it makes the run much slower).
2. Runs ``python -m clientcomm annotate IN --output OUT --chunksize C`` as a
   subprocess and samples the resident memory (RSS) of that process and of
   its worker processes every 0.2 s; prints the peak of the main process and
   the peak of the sum over the process tree (with workers also the sum of
   PSS, which counts pages that forked workers share only once), the peak of
   each worker, the time, and rows per second.
3. Checks that the output has N rows, then deletes both files (``--keep`` to keep).
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"

_FALLBACK = [
    "Здравствуйте, третий день не могу дозвониться в поддержку.",
    "Спасибо за быстрый ответ, всё решили за пять минут.",
    "Vă mulțumesc pentru ajutor, comanda a ajuns la timp.",
    "Nu răspunde nimeni la telefon de o săptămână.",
    "快递三天了还没到，客服电话也打不通。",
    "服務態度非常好，下次還會再來。",
    "Thank you, the refund arrived today.",
    "I have e-mailed support twice and nobody replied.",
]


def source_texts(data: Path) -> list[str]:
    files = sorted((data / "sentiment").glob("*.csv")) + [data / "langid" / "langid_dev.csv"]
    if not all(f.exists() for f in files) or len(files) < 2:
        print(f"(no development data at {data}: using {len(_FALLBACK)} built-in sentences)")
        return list(_FALLBACK)
    return [t for f in files for t in pd.read_csv(f, dtype=str, keep_default_na=False)["text"]]


def write_input(path: Path, n: int, texts: list[str], seed: int, distinct: bool, piece: int = 100_000) -> None:
    rng = random.Random(seed)
    channels = ["email", "chat", "phone", "sms"]
    first = True
    for start in range(0, n, piece):
        rows = []
        for i in range(start, min(n, start + piece)):
            t = rng.choice(texts)
            rows.append((f"m{i:07d}", channels[i % 4], f"{t} #{i}" if distinct else t))
        pd.DataFrame(rows, columns=["msg_id", "channel", "text"]).to_csv(
            path, mode="w" if first else "a", header=first, index=False)
        first = False


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _pss_mb(pid: int) -> float:
    """Proportional set size: shared pages (forked workers) counted once over the tree."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _rss_mb(pid)


def _children(pid: int) -> list[int]:
    try:
        import psutil
    except ImportError:  # psutil is optional here: walk /proc instead
        psutil = None
    if psutil is not None:
        try:
            return [c.pid for c in psutil.Process(pid).children(recursive=True)]
        except psutil.Error:  # the process has just ended
            return []
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(d))
            except (OSError, ValueError, IndexError):
                pass  # a process that ended while we read /proc
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--steps", default=None, help="comma-separated steps (default: all available)")
    ap.add_argument("--chunksize", type=int, default=50_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--output-format", default="csv", choices=["csv", "tsv", "jsonl", "parquet"])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--distinct", action="store_true", help="make every text distinct")
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="clientcomm-stream-"))
    src, dst = tmp / "messages.csv", tmp / f"annotated.{args.output_format}"
    t0 = time.perf_counter()
    write_input(src, args.n, source_texts(args.data), args.seed, args.distinct)
    print(f"input: {args.n:,} messages, {src.stat().st_size / 1e6:.0f} MB CSV, written in "
          f"{time.perf_counter() - t0:.0f} s; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")

    cmd = [sys.executable, "-m", "clientcomm", "annotate", str(src), "--output", str(dst),
           "--chunksize", str(args.chunksize), "--jobs", str(args.jobs)]
    if args.steps:
        cmd += ["--steps", args.steps]
    print("running:", " ".join(cmd[1:]))
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_main = peak_tree = peak_pss = 0.0
    peak_kids: dict[int, float] = {}
    trace: list[tuple[float, float]] = []
    while proc.poll() is None:
        main_rss = _rss_mb(proc.pid)
        kids = _children(proc.pid)
        kid_rss = {c: _rss_mb(c) for c in kids}
        for c, m in kid_rss.items():
            peak_kids[c] = max(peak_kids.get(c, 0.0), m)
        tree = main_rss + sum(kid_rss.values())
        if kids:
            peak_pss = max(peak_pss, _pss_mb(proc.pid) + sum(_pss_mb(c) for c in kids))
        peak_main, peak_tree = max(peak_main, main_rss), max(peak_tree, tree)
        trace.append((time.perf_counter() - t0, tree))
        time.sleep(0.2)
    out, err = proc.communicate()
    dt = time.perf_counter() - t0
    if proc.returncode != 0:
        print(out, err, sep="\n")
        return proc.returncode
    print(out.strip())
    marks = [trace[int(len(trace) * q)] for q in (0.25, 0.5, 0.75)] + [trace[-1]] if trace else []
    print(f"time {dt:.0f} s ({args.n / dt:,.0f} rows/s); peak RSS: main process {peak_main:.0f} MB, "
          f"process tree {peak_tree:.0f} MB (target < 1024 MB)"
          + (f"; tree PSS (shared pages once) {peak_pss:.0f} MB" if peak_pss else ""))
    if peak_kids:
        print("peak RSS of each worker process: " + ", ".join(f"{m:.0f} MB" for m in peak_kids.values()))
    print("RSS of the tree over the run: " + ", ".join(f"{t:.0f} s: {m:.0f} MB" for t, m in marks))
    rows = 0
    if args.output_format in ("csv", "tsv"):
        for chunk in pd.read_csv(dst, sep="," if args.output_format == "csv" else "\t", usecols=["msg_id"],
                                 chunksize=200_000, dtype=str):
            rows += len(chunk)
    print(f"output rows: {rows if rows else 'not counted'}; output {dst.stat().st_size / 1e6:.0f} MB")
    if not args.keep:
        src.unlink()
        dst.unlink()
        tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
