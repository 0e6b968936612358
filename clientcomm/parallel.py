"""Annotate unique texts across worker processes, with identical results to one process.

The unit of work is a chunk of *distinct* texts: the pipeline deduplicates a
column first (message data repeats a lot), sends chunks to a pool of worker
processes, and puts the chunks back together in their original order. Every
annotator is a function of one text, so the split cannot change a result.

Workers are forked on Linux when the calling process has a single thread
(fast: they inherit the imported modules) and spawned otherwise (safe with
threads; the only way on macOS and Windows); every worker function is
importable, so both work. Each worker loads the lexicons and language models
once, in :func:`warm_up`, and one pool of workers serves every later call in
the process. The calling process does not load them itself: it is forked
before loading, so it stays small (it only splits, sends and reassembles),
and the workers load in parallel, one per core.

Texts differ a lot in cost (a long Chinese review costs many times a short
Russian tweet), so chunks are not consecutive slices: the texts are sorted by
:func:`text_cost` and dealt round-robin into chunks of equal cost, and the
results are put back in the input order.

>>> with AnnotationPool(jobs=1, steps=["language"]) as pool:
...     pool.annotate_unique(["Спасибо большое!", "Mulțumesc frumos!"])["lang"].tolist()
['ru', 'ro']
"""
from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Iterator, Sequence

import numpy as np
import pandas as pd

from .annotation import annotate_unique, available_steps, nested_as_text
from .language.scripts import HAN_RE

__all__ = ["AnnotationPool", "resolve_jobs", "split_chunks", "deal_chunks", "text_cost", "text_family", "FAMILIES",
           "progress_bar", "warm_up", "worth_taking", "start_method", "start_workers", "shutdown", "MIN_PARALLEL", "WARM_UP_TEXTS",
           "CHUNKS_PER_WORKER"]

#: Fewer distinct texts than this are annotated in the calling process even when
#: ``jobs > 1``: starting workers would cost more than it saves (once the workers
#: run, e.g. after :func:`start_workers`, every call uses them).
MIN_PARALLEL = 2_000

#: Chunks per worker in one call: enough that the last chunks are small beside the
#: whole (the workers finish together), few enough that per-chunk costs stay small.
CHUNKS_PER_WORKER = 12
#: Fewest texts in a chunk (the per-chunk cost: one call of every step, pickling).
MIN_CHUNK = 50

#: Real sentences run once in every new worker so that each annotator loads its
#: data (langdetect profiles, simplemma tables, jieba dictionary, lexicons,
#: dictionaries) before the first chunk arrives.
WARM_UP_TEXTS = (
    "Здравствуйте! Спасибо за быстрый ответ по телефону, всё отлично.",
    "Vă mulțumesc pentru ajutor, dar livrarea a întârziat din nou.",
    "客服电话一直打不通，太失望了。",
    "客戶打電話來投訴，說送貨太慢了。",
    "Thank you, the refund arrived today and the support team was great.",
)

_STATE: dict = {}


def resolve_jobs(jobs: int | None) -> int:
    """Number of worker processes: ``None``/``1`` → 1; ``0`` or negative → all cores.

    >>> resolve_jobs(1), resolve_jobs(3)
    (1, 3)
    """
    if jobs is None:
        return 1
    jobs = int(jobs)
    if jobs <= 0:
        return max(1, os.cpu_count() or 1)
    return jobs


def split_chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    """Consecutive slices of ``items`` of at most ``size`` elements.

    >>> [list(c) for c in split_chunks([1, 2, 3, 4, 5], 2)]
    [[1, 2], [3, 4], [5]]
    """
    size = max(1, int(size))
    for i in range(0, len(items), size):
        yield items[i:i + size]


def text_cost(text: str) -> int:
    """Rough cost of annotating ``text``: its UTF-8 length plus a fixed part per text.

    UTF-8 bytes weigh a Han character (3 bytes; jieba, then every step on the
    words) above a Cyrillic one (2) and a Latin one (1), close to what each costs.

    >>> text_cost("ok"), text_cost("好的")
    (34, 38)
    """
    return len(text.encode("utf-8", "surrogatepass")) + 32


def deal_chunks(costs: Sequence[int], n_chunks: int) -> list[list[int]]:
    """Positions ``0..len(costs)-1`` dealt into ``n_chunks`` lists of about equal total cost.

    The positions are sorted by cost, most costly first, and dealt round-robin,
    so every chunk gets a share of every cost level (and of every language).

    >>> deal_chunks([5, 1, 9, 3], 2)
    [[2, 3], [0, 1]]
    >>> deal_chunks([1, 2, 3, 4, 5, 6], 2)
    [[1, 3, 5], [0, 2, 4]]
    """
    n_chunks = max(1, min(int(n_chunks), len(costs)))
    order = sorted(range(len(costs)), key=lambda i: -costs[i])
    return [sorted(order[c::n_chunks]) for c in range(n_chunks)]


def progress_bar(total: int | None, progress: bool | None, desc: str = "annotate", unit: str = "text"):
    """A tqdm bar, or a silent stand-in.

    ``progress=None`` shows the bar only when stderr is a terminal and the run
    is long (≥ 20,000 items, or an unknown total); ``True`` always; ``False`` never.
    """
    if progress is None:
        long_run = total is None or total >= 20_000
        progress = long_run and hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
    if not progress:
        return _NoBar()
    from tqdm.auto import tqdm  # imported only when a bar is shown (tqdm.auto pulls in ipywidgets checks)

    return tqdm(total=total, desc=desc, unit=unit, unit_scale=True, leave=False, file=sys.stderr)


class _NoBar:
    def update(self, n: int = 1) -> None:  # noqa: D401 - tqdm protocol
        pass

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass


def _annotate(texts: Sequence[str], steps: Sequence[str], lang, timings: dict | None = None) -> pd.DataFrame:
    return annotate_unique(list(texts), list(steps), lang, timings=timings)


def text_family(text: str) -> str:
    """The group of workers a text goes to first: ``han`` (any Han character: jieba and the Chinese data) or ``other``.

    >>> text_family("客服很好"), text_family("Спасибо")
    ('han', 'other')
    """
    return "han" if HAN_RE.search(text) else "other"


#: Worker ``i`` serves the texts of family ``FAMILIES[i % 2]`` first (see :class:`AnnotationPool`).
FAMILIES = ("han", "other")


def warm_up(steps: Sequence[str] | None = None, family: str | None = None) -> None:
    """Load the data of every step (all registered by default) in this process, once.

    ``family`` (``han`` or ``other``): load only what texts of that family
    need (a worker that serves Chinese texts first does not load the
    Russian and Romanian data until it gets such a text, and the other way round).
    An error here is the error the first chunk would raise: it propagates (in
    a worker it breaks the pool, and the caller sees it).
    """
    steps = list(steps) if steps is not None else available_steps()
    warm = _STATE.setdefault("warm_steps", {})
    if set(steps) <= warm.get(None, set()) | warm.get(family, set()):
        return
    logging.getLogger("jieba").setLevel(logging.WARNING)
    cpu = time.process_time()
    _annotate([t for t in WARM_UP_TEXTS if family is None or text_family(t) == family], steps, None)
    warm.setdefault(family, set()).update(steps)
    _STATE["warm_cpu"] = _STATE.get("warm_cpu", 0.0) + time.process_time() - cpu


def _work(item: tuple) -> tuple[pd.DataFrame, dict]:
    """Annotate one chunk ``(texts, steps, lang, as_text)`` in a worker; ``lang`` is None, a code or aligned codes.

    ``as_text``: nested values (the hits) are returned as their text (:func:`~clientcomm.annotation.nested_as_text`).

    Returns the annotation columns and the seconds spent per step (and ``cpu``: CPU seconds; ``warm_cpu``:
    the CPU seconds this process spent in :func:`warm_up`, which the pool reads to decide whether another
    family's worker should take a chunk, see :func:`worth_taking`, and does not add to the timings).
    """
    texts, steps, lang, as_text = item
    timings: dict = {}
    cpu = time.process_time()
    out = _annotate(texts, steps, lang, timings)
    if as_text:
        nested_as_text(out)
    timings["cpu"] = time.process_time() - cpu
    timings[WARM_CPU] = _STATE.get("warm_cpu", 0.0)
    return out, timings


#: key of :func:`_work`'s timings holding the worker's warm-up CPU seconds (not a stage: never summed)
WARM_CPU = "warm_cpu"


def worth_taking(queued: int, in_flight: int, owners: int, chunk_cpu: float | None,
                 warm_cpu: float | None) -> bool:
    """Whether an idle worker that has not loaded a family's data should take one of its ``queued`` chunks.

    Taking one first costs the idle worker the family's warm-up (for Chinese: jieba's dictionary, the
    Chinese lexicons and models) and then the chunk: ``warm_cpu + chunk_cpu``. Meanwhile the family's
    ``owners`` (its warm workers) still have ``queued`` chunks and ``in_flight`` submitted ones, of which
    half of one is taken as done. It pays when they would need longer than that; else the owners
    finish sooner alone. Unknown costs (no chunk of the family done yet): take it.

    >>> worth_taking(queued=1, in_flight=2, owners=1, chunk_cpu=0.2, warm_cpu=0.4)
    False
    >>> worth_taking(queued=6, in_flight=2, owners=1, chunk_cpu=0.2, warm_cpu=0.4)
    True
    >>> worth_taking(queued=1, in_flight=2, owners=1, chunk_cpu=None, warm_cpu=0.4)
    True
    """
    if chunk_cpu is None or warm_cpu is None or owners < 1:
        return True
    left = (queued + max(in_flight - 0.5, 0.0)) * chunk_cpu / owners
    return warm_cpu + chunk_cpu < left


def start_method() -> str:
    """How workers start: ``fork`` on Linux in a single-threaded process (fast, inherits loaded data), else ``spawn``.

    Override with the environment variable ``CLIENTCOMM_START_METHOD`` (fork, spawn, forkserver).
    """
    method = os.environ.get("CLIENTCOMM_START_METHOD")
    if method:
        return method
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


_EXECUTORS: dict[int, list[tuple[ProcessPoolExecutor, str]]] = {}
_LOCK = threading.Lock()


def _shared_workers(jobs: int, steps: Sequence[str]) -> list[tuple[ProcessPoolExecutor, str]]:
    """``jobs`` warm workers per process, each a one-process executor with its family; reused by every call.

    Every worker loads the data its family needs in :func:`warm_up`, in
    parallel (one per core). This process does not load it before forking: it
    would stay in memory here, unused while the workers annotate, and count
    again in every worker's resident memory; loading it here first would also
    keep the other cores idle meanwhile. All workers start at once.
    """
    with _LOCK:
        workers = _EXECUTORS.get(jobs)
        if workers is None:
            ctx = multiprocessing.get_context(start_method())
            workers = []
            for i in range(jobs):
                family = FAMILIES[i % len(FAMILIES)]
                ex = ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=warm_up,
                                         initargs=(list(steps), family))
                ex.submit(int)  # start the process now: it warms up while the caller prepares the chunks
                workers.append((ex, family))
            _EXECUTORS[jobs] = workers
        return workers


def start_workers(jobs: int | None, steps: Sequence[str]) -> None:
    """Start the shared workers of ``jobs`` (> 1) now, before this process reads its input.

    They warm up while the input is read, and they are forked while this
    process is still small: a forked worker's resident memory starts with
    everything its parent holds at that moment (a chunk of the input read
    before the fork would count once more in every worker).
    """
    jobs = resolve_jobs(jobs)
    if jobs > 1:
        _shared_workers(jobs, list(steps))


def shutdown() -> None:
    """Stop the shared worker processes (they restart on the next parallel call)."""
    with _LOCK:
        for workers in _EXECUTORS.values():
            for ex, _ in workers:
                ex.shutdown(wait=True, cancel_futures=True)
        _EXECUTORS.clear()


atexit.register(shutdown)


def _add(total: dict | None, part: dict) -> None:
    if total is not None:
        for k, v in part.items():
            total[k] = total.get(k, 0.0) + v


class AnnotationPool:
    """Annotates chunks of distinct texts in ``jobs`` worker processes, or in this one when ``jobs=1``.

    The workers are shared by every pool with the same ``jobs`` in this
    process: they start (and load every lexicon and model) once, on first
    use, and serve later calls at once. :func:`shutdown` stops them.

    ``nested_as_text``: nested values (the hits in ``sentiment_hits``) come back as
    their Python text, made in the workers (:func:`~clientcomm.annotation.nested_as_text`):
    for a result written to CSV or TSV, which holds that text.
    """

    def __init__(self, jobs: int | None, steps: Sequence[str], lang: str | None = None,
                 chunk_size: int | None = None, min_parallel: int | None = None,
                 nested_as_text: bool = False) -> None:
        self.jobs = resolve_jobs(jobs)
        self.nested_as_text = bool(nested_as_text)
        self.steps = list(steps)
        self.lang = lang
        self.chunk_size = chunk_size
        self.min_parallel = MIN_PARALLEL if min_parallel is None else min_parallel

    def _workers(self) -> list[tuple[ProcessPoolExecutor, str]]:
        return _shared_workers(self.jobs, self.steps)

    def _size(self, n: int) -> int:
        """Texts per chunk in this process (with a progress bar: for its updates)."""
        if self.chunk_size:
            return self.chunk_size
        return max(250, min(5_000, -(-n // 4)))

    def _n_chunks(self, n: int) -> int:
        """Chunks for the workers: ``CHUNKS_PER_WORKER`` each, none under ``MIN_CHUNK`` texts (or ``chunk_size``)."""
        if self.chunk_size:
            return -(-n // self.chunk_size)
        return max(1, min(self.jobs * CHUNKS_PER_WORKER, n // MIN_CHUNK))

    def _plan(self, texts: list[str]) -> tuple[list[list[int]], list[str]]:
        """Chunks of positions (each of one family, about equal cost) and the family of each chunk."""
        costs = [text_cost(t) for t in texts]
        members: dict[str, list[int]] = {}
        for i, t in enumerate(texts):
            members.setdefault(text_family(t), []).append(i)
        total = sum(costs) or 1
        n_chunks = self._n_chunks(len(texts))
        positions: list[list[int]] = []
        families: list[str] = []
        for family, idx in members.items():
            share = sum(costs[i] for i in idx) / total
            k = max(1, round(n_chunks * share)) if not self.chunk_size else -(-len(idx) // self.chunk_size)
            for chunk in deal_chunks([costs[i] for i in idx], k):
                positions.append([idx[j] for j in chunk])
                families.append(family)
        return positions or [[]], families or [FAMILIES[-1]]

    def _run(self, chunks: list[tuple], families: list[str], bar, timings: dict | None) -> list[pd.DataFrame]:
        """Annotate ``chunks`` in the workers; each worker takes its own family's chunks first, then the others'.

        At most two chunks wait at a worker (the next one is there when it finishes one), one when it
        takes another family's chunk, so that the workers finish together.
        """
        workers = self._workers()
        queues = {f: deque() for f in FAMILIES}
        for c, f in enumerate(families):
            queues.setdefault(f, deque()).append(c)
        parts: list = [None] * len(chunks)
        pending: dict = {}
        busy = [0] * len(workers)
        # what each worker has loaded (its own family; another once it took one of its chunks), and per
        # family the CPU seconds of its warm-up and of its chunks done by its own workers (see worth_taking)
        loaded = [{family} for _, family in workers]
        warm_cpu: dict[str, float] = {}
        chunk_cpu: dict[str, list[float]] = {}

        def worth(w: int, f: str) -> bool:
            if f in loaded[w]:
                return True
            owners = [v for v in range(len(workers)) if f in loaded[v]]
            done = chunk_cpu.get(f)
            return worth_taking(len(queues[f]), sum(busy[v] for v in owners), len(owners),
                                sum(done) / len(done) if done else None, warm_cpu.get(f))

        def fill() -> None:
            for w, (ex, family) in enumerate(workers):
                while True:
                    own = queues.get(family)
                    if own and busy[w] < 2:
                        c = own.popleft()
                    elif busy[w] < 1 and any(queues.values()):
                        f = max(queues, key=lambda k: len(queues[k]))
                        if not worth(w, f):  # the family's own workers finish it sooner
                            break
                        c = queues[f].pop()  # another family's, from the end
                        loaded[w].add(f)
                    else:
                        break
                    pending[ex.submit(_work, chunks[c])] = (c, w)
                    busy[w] += 1

        try:
            fill()
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    c, w = pending.pop(fut)
                    busy[w] -= 1
                    parts[c], t = fut.result()
                    own_family = workers[w][1]
                    warm_cpu.setdefault(own_family, t.pop(WARM_CPU, 0.0))
                    if families[c] == own_family:
                        chunk_cpu.setdefault(own_family, []).append(t["cpu"])
                    _add(timings, t)
                    bar.update(len(chunks[c][0]))
                fill()
        except BrokenProcessPool:
            shutdown()  # a worker died (e.g. out of memory): start afresh next time
            raise
        finally:
            for fut in pending:
                fut.cancel()
        return parts

    def annotate_unique(self, texts: Sequence[str], progress: bool | None = False, lang=None,
                        timings: dict | None = None) -> pd.DataFrame:
        """Annotation columns for ``texts`` (assumed distinct), one row each, RangeIndex.

        ``lang``: None for the pool's own setting, or a sequence of codes aligned
        with ``texts`` (None items: detect). ``timings``: a dict to which the
        seconds spent per step are added (summed over workers).
        """
        texts = list(texts)
        n = len(texts)
        langs = None if lang is None or isinstance(lang, str) else list(lang)
        if isinstance(lang, str) and lang != self.lang:
            langs = [lang] * n
        # min_parallel <= 1: everything goes to the workers, even no text (the empty frame with the real
        # dtypes comes from a worker), so that this process never loads the annotators' data
        min_parallel = 1 if self.jobs in _EXECUTORS else self.min_parallel  # running workers: always them
        parallel = self.jobs > 1 and n >= min_parallel and (n >= 2 or min_parallel <= 1)
        bar = progress_bar(n, progress)
        if parallel:  # chunks of one family and equal cost, each a list of positions (put back in order below)
            positions, families = self._plan(texts)
        else:
            size = self._size(n) if not isinstance(bar, _NoBar) else max(n, 1)
            positions = [range(i, min(n, i + size)) for i in range(0, n, size)]
        chunks = [([texts[i] for i in pos], self.steps, self.lang if langs is None else [langs[i] for i in pos],
                   self.nested_as_text) for pos in positions]
        with bar:
            if parallel:
                parts = self._run(chunks, families, bar, timings)
            else:
                parts = []
                for chunk in chunks:
                    part, t = _work(chunk)
                    t.pop(WARM_CPU, None)
                    parts.append(part)
                    _add(timings, t)
                    bar.update(len(chunk[0]))
        if not parts:
            return _annotate([], self.steps, self.lang)  # no rows: no nested value to turn into text
        out = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
        if parallel:  # row k of ``out`` is the text at position ``order[k]``: back to the input order
            order = np.fromiter((i for pos in positions for i in pos), dtype=np.int64, count=n)
            out = out.take(np.argsort(order, kind="stable"))
        return out.reset_index(drop=True)

    def close(self) -> None:
        """Nothing to release: the shared workers stay for the next call (see :func:`shutdown`)."""

    def __enter__(self) -> "AnnotationPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
