"""Throughput of ``clientcomm.annotate`` with all steps against a naive per-message baseline.

Usage (from the repository root)::

    python benchmarks/throughput.py                  # N = 100,000 messages
    python benchmarks/throughput.py --n 20000 --jobs 1,2
    python benchmarks/throughput.py --data /path/to/shared/data --baseline-n 20000
    python benchmarks/throughput.py --distinct      # every text once: no help from deduplication

Corpus: the ``text`` column of ``sentiment/*.csv`` and ``langid/langid_dev.csv``
in the development data folder (default ``../shared/data`` relative to the
repository root), repeated and shuffled with a seed to N messages, as message
data repeats (the texts stay there; nothing is copied into the repository).

What runs, all in this one process, in this order:

1. ``load``: :func:`clientcomm.parallel.warm_up` loads every annotator's data
   (langdetect profiles, simplemma tables, jieba, lexicons, dictionaries). It
   is a one-off cost per process; it is added to both clientcomm totals.
2. ``annotate(jobs=J)`` for each J of ``--jobs`` from the largest down (so a
   forked worker never inherits per-text caches filled by an earlier run in
   this process), all steps, end to end (deduplication, the steps, spreading
   the results back to every row), with seconds per stage.
3. The naive baseline on the first ``--baseline-n`` messages (default: all
   N): for every message, ``langdetect.detect`` (seeded,
   ``DetectorFactory.seed = 0``; an exception gives ``und``), then
   ``clientcomm.tokens.tokenize(text, lang)`` and, for every token, a look-up
   of its lemma in a dict of the sentiment lexicon of that language (read
   once, before timing, from ``clientcomm/sentiment/lexicons/<code>.tsv``;
   ``zh-cn``/``zh-tw`` → ``zh.tsv``), summing the valences into a score and
   a label. No deduplication, no caching of its own. It runs last, so it
   profits from clientcomm's warm lemma cache (``tokens.lemmatize`` is
   lru-cached): the ratio is if anything understated. When ``--baseline-n``
   is below N, its messages-per-second rate is measured on those messages
   and the ratio uses that rate (say so when reporting).

Peak memory: the high-water RSS (``VmHWM``) of this process, reset before
each phase where Linux allows it, and of each worker process.
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


def build_corpus(data: Path, n: int, seed: int = 0, distinct: bool = False) -> list[str]:
    """N messages: the dev-set texts repeated and shuffled with ``seed`` (``distinct``: each text once, N at most)."""
    files = sorted((data / "sentiment").glob("*.csv")) + [data / "langid" / "langid_dev.csv"]
    texts: list[str] = []
    for f in files:
        if not f.exists():
            raise SystemExit(f"missing {f}: pass --data pointing at the shared data folder")
        texts += pd.read_csv(f, dtype=str, keep_default_na=False)["text"].tolist()
    rng = random.Random(seed)
    if distinct:
        texts = list(dict.fromkeys(texts))
        rng.shuffle(texts)
        return texts[:n]
    out = (texts * (n // len(texts) + 1))[:n]
    rng.shuffle(out)
    return out


# -- memory -----------------------------------------------------------------

def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def _hwm_mb(pid: int | str = "self") -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_hwm(jobs: int) -> list[float]:
    from clientcomm import parallel

    ex = parallel._EXECUTORS.get(jobs)
    procs = getattr(ex, "_processes", None) or {}
    return [_hwm_mb(pid) for pid in procs]


# -- the naive baseline -----------------------------------------------------

_LEX_FILE = {"ru": "ru", "ro": "ro", "en": "en", "zh-cn": "zh", "zh-tw": "zh"}
_TOKEN_LANG = {"zh-cn": "zh-Hans", "zh-tw": "zh-Hant"}


def load_lexicons() -> dict[str, dict[str, float]]:
    """Each lexicon TSV as a plain ``{term: valence}`` dict."""
    folder = ROOT / "clientcomm" / "sentiment" / "lexicons"
    lex: dict[str, dict[str, float]] = {}
    for code in set(_LEX_FILE.values()):
        path = folder / f"{code}.tsv"
        d: dict[str, float] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line or line.startswith("#") or line.startswith("term\t"):
                    continue
                parts = line.split("\t")
                try:
                    d[parts[0]] = float(parts[1])
                except (IndexError, ValueError):
                    continue
        lex[code] = d
    return lex


def naive_baseline(texts: list[str], lexicons: dict[str, dict[str, float]]) -> list[tuple[str, float, str]]:
    from langdetect import DetectorFactory, detect

    from clientcomm.tokens import tokenize

    DetectorFactory.seed = 0
    out = []
    for text in texts:
        try:
            lang = detect(text)
        except Exception:
            lang = "und"
        lex = lexicons.get(_LEX_FILE.get(lang, ""), {})
        score = 0.0
        if lex:
            for tok in tokenize(text, _TOKEN_LANG.get(lang, lang)):
                score += lex.get(tok.lemma, 0.0)
        out.append((lang, score, "positive" if score > 0 else "negative" if score < 0 else "neutral"))
    return out


# -- main -------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="number of messages (default 100,000)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder (default ../shared/data)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", default="1,2", help="comma-separated worker counts to time (default 1,2)")
    ap.add_argument("--baseline-n", type=int, default=None, help="messages for the baseline (default: all N)")
    ap.add_argument("--steps", default=None, help="steps (default: all available)")
    ap.add_argument("--distinct", action="store_true",
                    help="no repeated texts (each dev-set text once): the gain without deduplication")
    args = ap.parse_args(argv)

    import clientcomm
    from clientcomm import parallel
    from clientcomm.pipeline import parse_steps

    steps = parse_steps(args.steps)
    texts = build_corpus(args.data, args.n, args.seed, args.distinct)
    df = pd.DataFrame({"msg_id": range(len(texts)), "text": texts})
    print(f"corpus: {len(texts):,} messages, {df['text'].nunique():,} distinct, from {args.data}")
    print(f"steps: {', '.join(steps)}; cores: {os.cpu_count()}; start method: {parallel.start_method()}; "
          f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")

    _reset_peak()
    t0 = time.perf_counter()
    parallel.warm_up(steps)
    load = time.perf_counter() - t0
    print(f"\nload (one-off, this process): {load:.1f} s, peak RSS {_hwm_mb():.0f} MB")

    results = {}
    for jobs in sorted({int(j) for j in args.jobs.split(",")}, reverse=True):
        _reset_peak()
        timings: dict = {}
        t0 = time.perf_counter()
        out = clientcomm.annotate(df, steps=steps, jobs=jobs, progress=False, timings=timings)
        dt = time.perf_counter() - t0
        workers = _worker_hwm(jobs) if jobs > 1 else []
        results[jobs] = (dt, out)
        cpu = timings.pop("cpu", 0.0)
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
        mem = f"peak RSS main {_hwm_mb():.0f} MB" + (
            f", workers {' + '.join(f'{w:.0f}' for w in workers)} MB" if workers else "")
        print(f"\nclientcomm jobs={jobs}: {dt:.1f} s ({len(df) / dt:,.0f} msg/s; with load "
              f"{len(df) / (dt + load):,.0f} msg/s)\n  stages ({'summed over workers' if jobs > 1 else 'wall'}): "
              f"{stages}\n  CPU time of the annotation work: {cpu:.1f} s{' (all workers)' if jobs > 1 else ''}"
              f"\n  {mem}")
    parallel.shutdown()
    first = next(iter(results.values()))[1]
    same = all(r[1].equals(first) for r in results.values())
    print(f"\nidentical output across jobs={','.join(map(str, results))}: {same}")

    bn = min(args.baseline_n or len(texts), len(texts))
    lex = load_lexicons()
    naive_baseline(texts[:5], lex)  # load langdetect's profiles outside the timing, as clientcomm's load is
    _reset_peak()
    t0 = time.perf_counter()
    naive_baseline(texts[:bn], lex)
    bdt = time.perf_counter() - t0
    rate = bn / bdt
    print(f"\nnaive baseline on {bn:,} messages: {bdt:.1f} s ({rate:,.1f} msg/s), peak RSS {_hwm_mb():.0f} MB"
          f" (lexicon entries: {', '.join(f'{k} {len(v)}' for k, v in sorted(lex.items()))})")

    print("\nspeed-up over the baseline (messages per second, same texts):")
    for jobs, (dt, _) in results.items():
        print(f"  jobs={jobs}: {len(df) / dt / rate:.1f}x   (counting the one-off load: "
              f"{len(df) / (dt + load) / rate:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
