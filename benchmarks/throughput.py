"""Throughput of clientcomm with all steps against a naive per-message loop.

Usage (from the repository root)::

    python benchmarks/throughput.py --distinct      # whole processes, 5,000 distinct texts (the headline)
    python benchmarks/throughput.py                  # in one process, N = 100,000 repeated messages
    python benchmarks/throughput.py --n 20000 --jobs 1,2
    python benchmarks/throughput.py --data /path/to/shared/data --baseline-n 20000

``--distinct`` (every text once, nothing for deduplication to save): the
texts are the ``text`` column of ``sentiment/*.csv`` in the development data
folder (real customer texts: reviews and tweets in ru, ro, zh-Hans, zh-Hant;
default ``../shared/data``), distinct, shuffled with the seed, the first
``--n`` (default 5,000), written to a temporary CSV (nothing is copied into
the repository). Then, back to back, each as a whole new process, start-up
included, wall time measured from outside:

- the naive loop as a script: ``python benchmarks/naive_loop.py FILE OUT``
  (seeded langdetect, then jieba or simplemma, and a sentiment-lexicon look-up per message;
  it imports nothing from clientcomm);
- ``clientcomm annotate FILE -o OUT.csv --jobs J`` (all steps) for each J of ``--jobs``.

Before the runs clientcomm's modules are compiled to bytecode, as pip does for
every installed package (the naive loop's libraries are; see ``compile_bytecode``;
``--no-compile`` leaves them as found). ``--repeat R`` runs the sequence R times; the median of each is reported.
Speed-up = naive seconds / clientcomm seconds (wall, the headline), and
beside it the same ratio of CPU seconds (user+sys of the process and its
workers, from ``wait4``), which moves less with the load of a shared machine. Beside it, the in-process
figure: in this process, ``warm_up`` (loading) then ``annotate`` of the same
texts with ``jobs=1``, against the naive loop in this process after a warm-up.

Without ``--distinct`` (in one process, messages repeated as message data repeats):

1. ``load``: :func:`clientcomm.parallel.warm_up` loads every annotator's data.
   It is a one-off cost per process; it is added to both clientcomm totals.
2. ``annotate(jobs=J)`` for each J of ``--jobs`` from the largest down, all
   steps, end to end, with seconds per stage.
3. The naive loop (``naive_loop.py``) on the first ``--baseline-n`` messages
   (default: all N), after a warm-up on 5 messages. When ``--baseline-n`` is
   below N, its rate is measured on those messages and the ratio uses it.

Peak memory: the high-water RSS (``VmHWM``) of this process, reset before
each phase where Linux allows it, and of each worker process; for whole
processes, the largest peak RSS of any child process (``ru_maxrss``).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from naive_loop import load_lexicons, naive_loop  # noqa: E402  (the sibling script, also run on its own)


def build_corpus(data: Path, n: int, seed: int = 0, distinct: bool = False) -> list[str]:
    """N messages from the dev sets' texts, shuffled with ``seed``.

    ``distinct``: the sentiment sets' texts (real customer texts), each once, the first N.
    Otherwise: the sentiment sets' and the langid set's texts, repeated to N.
    """
    files = sorted((data / "sentiment").glob("*.csv"))
    if not distinct:
        files.append(data / "langid" / "langid_dev.csv")
    if not files:
        raise SystemExit(f"no sentiment/*.csv under {data}: pass --data pointing at the shared data folder")
    texts: list[str] = []
    for f in files:
        if not f.exists():
            raise SystemExit(f"missing {f}: pass --data pointing at the shared data folder")
        texts += pd.read_csv(f, dtype=str, keep_default_na=False)["text"].tolist()
    rng = random.Random(seed)
    if distinct:
        texts = list(dict.fromkeys(t for t in texts if t.strip()))
        rng.shuffle(texts)
        if len(texts) < n:
            raise SystemExit(f"only {len(texts):,} distinct texts in {data}; ask for --n {len(texts)} or fewer")
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
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_hwm(jobs: int) -> list[float]:
    from clientcomm import parallel

    workers = parallel._EXECUTORS.get(jobs) or []
    return [_hwm_mb(pid) for ex, _ in workers for pid in (getattr(ex, "_processes", None) or {})]


# -- whole processes ----------------------------------------------------------

def _timed_run(cmd: list[str]) -> tuple[float, float, float]:
    """(wall s, user+sys CPU s, peak RSS MB) of ``cmd`` as a new process; fails loudly if it fails.

    CPU and peak RSS come from ``wait4`` on the process: its own and that of
    its worker processes (which it waits for) together; the peak is the
    largest of any one of them.
    """
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        dt = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed:\n{err.read().decode(errors='replace')[-3000:]}")
    return dt, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def whole_processes(texts: list[str], jobs: list[int], repeat: int,
                    keep: Path | None = None) -> dict[str, list[tuple[float, float, float]]]:
    """(wall s, CPU s, peak MB) per run of the naive script and of ``clientcomm annotate --jobs J``, back to back.

    ``keep``: a folder where the input and the last outputs are copied (to compare outputs across versions).
    """
    runs: dict[str, list[tuple[float, float, float]]] = {"naive loop (script)": []}
    runs.update({f"clientcomm annotate --jobs {j}": [] for j in jobs})
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "messages.csv")
        pd.DataFrame({"msg_id": range(len(texts)), "text": texts}).to_csv(src, index=False)
        for r in range(repeat):
            res = _timed_run([sys.executable, str(ROOT / "benchmarks" / "naive_loop.py"), src,
                              os.path.join(tmp, "naive.csv")])
            runs["naive loop (script)"].append(res)
            print(f"  run {r + 1}: naive loop {res[0]:.1f} s (CPU {res[1]:.1f} s)", flush=True)
            for j in jobs:
                out = os.path.join(tmp, f"out{j}.csv")
                res = _timed_run([sys.executable, "-m", "clientcomm", "annotate", src, "-o", out, "--jobs", str(j)])
                runs[f"clientcomm annotate --jobs {j}"].append(res)
                print(f"  run {r + 1}: clientcomm --jobs {j} {res[0]:.1f} s (CPU {res[1]:.1f} s)", flush=True)
        rows = {j: len(pd.read_csv(os.path.join(tmp, f"out{j}.csv"), usecols=["msg_id"])) for j in jobs}
        if any(n != len(texts) for n in rows.values()):
            raise SystemExit(f"clientcomm wrote {rows} rows for {len(texts)} messages")
        if keep is not None:
            import shutil

            keep.mkdir(parents=True, exist_ok=True)
            for name in ["messages.csv", "naive.csv"] + [f"out{j}.csv" for j in jobs]:
                shutil.copy(os.path.join(tmp, name), keep / name)
    return runs


def in_process(texts: list[str]) -> tuple[float, float, float]:
    """(load s, annotate s with jobs=1, naive loop s) in this process, each after its own warm-up."""
    import clientcomm
    from clientcomm import parallel

    t0 = time.perf_counter()
    parallel.warm_up()
    load = time.perf_counter() - t0
    df = pd.DataFrame({"text": texts})
    t0 = time.perf_counter()
    clientcomm.annotate(df, jobs=1, progress=False)
    ann = time.perf_counter() - t0
    lex = load_lexicons()
    naive_loop(texts[:5], lex)
    t0 = time.perf_counter()
    naive_loop(texts, lex)
    return load, ann, time.perf_counter() - t0


def compile_bytecode() -> str:
    """Compile clientcomm's modules to bytecode (``__pycache__``) before the timed runs; says what it did.

    Same conditions for both sides: the naive loop's libraries (langdetect, jieba, simplemma, pandas)
    were compiled to bytecode when pip installed them, and so is clientcomm when it is installed from a
    wheel. An editable install is compiled on first import, except where ``PYTHONDONTWRITEBYTECODE`` is
    set (as on this project's development machines): then every ``clientcomm`` process would compile
    its modules from source again (about 0.09 s of start-up), which no installed package does.
    """
    import compileall

    if not compileall.compile_dir(str(ROOT / "clientcomm"), quiet=1):
        raise SystemExit("could not compile clientcomm's modules to bytecode (see above)")
    return "clientcomm's modules compiled to bytecode first, as pip does for installed packages (--no-compile: not)"


def main_distinct(args) -> int:
    jobs = sorted({int(j) for j in args.jobs.split(",")}, reverse=True)
    texts = build_corpus(args.data, args.n, args.seed, distinct=True)
    print("bytecode: " + ("as found (--no-compile)" if args.no_compile else compile_bytecode()), flush=True)
    print(f"corpus: {len(texts):,} distinct texts (sentiment sets of {args.data}); cores: {os.cpu_count()}; "
          f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    print("whole processes, start-up included (wall seconds):", flush=True)
    runs = whole_processes(texts, jobs, args.repeat, keep=args.keep)
    med = {k: tuple(statistics.median(r[i] for r in v) for i in range(3)) for k, v in runs.items()}
    naive, naive_cpu = med["naive loop (script)"][:2]
    print(f"  {'':32s} {'wall':>8s} {'msg/s':>7s} {'user+sys':>9s} {'peak RSS':>9s}   speed-up (wall; CPU)")
    for name, (secs, cpu, peak) in med.items():
        ratio = "" if name.startswith("naive") else f"   {naive / secs:.1f}x; {naive_cpu / cpu:.1f}x"
        print(f"  {name:32s} {secs:6.1f} s {len(texts) / secs:7,.0f} {cpu:7.1f} s {peak:6.0f} MB{ratio}")
    print("  (wall: the figure that counts; user+sys: CPU of the process and its workers, less noisy on a "
          "shared machine; peak RSS: the largest of any one process)")
    if not args.no_in_process:
        load, ann, nv = in_process(texts)
        print(f"in this process, after loading ({load:.1f} s, not counted): annotate jobs=1 {ann:.1f} s, "
              f"naive loop {nv:.1f} s: {nv / ann:.1f}x")
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


# -- main -------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=None,
                    help="number of messages (default 100,000; with --distinct 5,000)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder (default ../shared/data)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", default="1,2", help="comma-separated worker counts to time (default 1,2)")
    ap.add_argument("--baseline-n", type=int, default=None, help="messages for the baseline (default: all N)")
    ap.add_argument("--steps", default=None, help="steps (default: all available)")
    ap.add_argument("--distinct", action="store_true",
                    help="every text once, whole processes timed from outside (start-up included)")
    ap.add_argument("--repeat", type=int, default=1, help="with --distinct: runs of each command (median)")
    ap.add_argument("--no-in-process", action="store_true", help="with --distinct: skip the in-process figure")
    ap.add_argument("--no-compile", action="store_true",
                    help="with --distinct: do not compile clientcomm to bytecode first (see compile_bytecode)")
    ap.add_argument("--keep", type=Path, default=None,
                    help="with --distinct: copy the input and the outputs to this folder (to compare versions)")
    args = ap.parse_args(argv)
    if args.distinct:
        args.n = args.n or 5_000
        return main_distinct(args)
    args.n = args.n or 100_000

    import clientcomm
    from clientcomm import parallel
    from clientcomm.pipeline import parse_steps

    steps = parse_steps(args.steps)
    texts = build_corpus(args.data, args.n, args.seed)
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
    naive_loop(texts[:5], lex)  # load langdetect's profiles outside the timing, as clientcomm's load is
    _reset_peak()
    t0 = time.perf_counter()
    naive_loop(texts[:bn], lex)
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
