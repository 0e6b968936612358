"""clientcomm.jieba_words against jieba on every development text: identical tokens, and CPU time.

Usage (from the repository root)::

    python benchmarks/jieba_identity.py                  # data folder ../shared/data
    python benchmarks/jieba_identity.py --data DIR
    python benchmarks/jieba_identity.py --timing 3       # also: CPU on the throughput benchmark's Chinese texts

Texts: every column named ``text`` of every ``*.csv`` under the data folder
(read at run time, nothing copied into the project), and the bundled corpus
(``clientcomm.load_corpus()``: ``raw_text``, ``clean_text``, ``text``,
``quoted_text``) and the example conversations (``corpora/examples``). Each
distinct text is segmented as it is and as its Simplified view
(:func:`clientcomm.tokens.to_simplified`, what clientcomm segments), by
``list(jieba.dt.tokenize(view))`` and by
``clientcomm.jieba_words.tokenize(view, jieba.dt)``, on the dictionary
clientcomm loads (:func:`clientcomm.tokens._jieba`).

Printed: the number of texts and views, the number of views whose
``(word, start, end)`` lists differ (with the first few), and the CPU seconds
(``time.process_time``) of each segmenter over all views. Exit status 1 if any
view differs.

``--timing R``: the Chinese texts (``detect_language`` says ``zh*``) of the
corpus of ``benchmarks/throughput.py --distinct`` (5,000 distinct texts, seed
0), their Simplified views segmented by each, R runs each, CPU seconds per run.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def dev_texts(data: Path) -> dict[str, list[str]]:
    """``text`` columns of the CSV files under ``data``, by file."""
    out = {}
    for path in sorted(data.rglob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "text" in frame.columns:
            out[str(path.relative_to(data))] = frame["text"].tolist()
    if not out:
        raise SystemExit(f"no CSV file with a text column under {data}: pass --data")
    return out


def bundled_texts() -> dict[str, list[str]]:
    import clientcomm

    out = {}
    docs = clientcomm.load_corpus()
    out["bundled corpus"] = [t for col in ("raw_text", "clean_text", "text", "quoted_text") if col in docs
                             for t in docs[col].tolist() if isinstance(t, str)]
    examples = ROOT / "corpora" / "examples"
    if examples.is_dir():
        msgs = clientcomm.load(examples)
        out["corpora/examples"] = [t for col in ("raw_text", "clean_text", "text", "quoted_text") if col in msgs
                                   for t in msgs[col].tolist() if isinstance(t, str)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--timing", type=int, default=0, metavar="R",
                    help="also time both on the Chinese texts of throughput.py --distinct, R runs each")
    args = ap.parse_args(argv)

    from clientcomm import jieba_words, tokens

    sources = {**dev_texts(args.data), **bundled_texts()}
    dt = tokens._jieba().dt
    views: list[str] = []
    for name, texts in sources.items():
        print(f"{name}: {len(texts):,} texts")
        for text in texts:
            views.append(text)
            views.append(tokens.to_simplified(text))
    views = list(dict.fromkeys(views))
    n_texts = sum(len(t) for t in sources.values())
    print(f"{n_texts:,} texts, {len(views):,} distinct views (as written and Simplified), "
          f"{sum(map(len, views)):,} characters")

    t0 = time.process_time()
    ref = [list(dt.tokenize(v)) for v in views]
    t_jieba = time.process_time() - t0
    t0 = time.process_time()
    ours = [jieba_words.tokenize(v, dt) for v in views]
    t_ours = time.process_time() - t0

    diff = [v for v, a, b in zip(views, ours, ref) if a != b]
    print(f"views that differ: {len(diff):,} of {len(views):,}; tokens {sum(map(len, ref)):,}")
    for v in diff[:5]:
        print("  differs:", repr(v[:120]))
    print(f"CPU s over all views: jieba {t_jieba:.2f}, clientcomm.jieba_words {t_ours:.2f} "
          f"({t_jieba / t_ours:.1f}x)")
    if args.timing:
        timing(args.data, args.timing)
    return 1 if diff else 0


def timing(data: Path, runs: int) -> None:
    """CPU seconds per run of each segmenter on the Chinese texts of the ``--distinct`` throughput corpus."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from throughput import build_corpus

    from clientcomm import jieba_words, tokens
    from clientcomm.language import detect_language

    texts = build_corpus(data, 5000, 0, distinct=True)
    langs = detect_language(texts)["lang"]
    views = [tokens.to_simplified(t) for t, lang in zip(texts, langs) if str(lang).startswith("zh")]
    dt = tokens._jieba().dt
    print(f"timing: {len(views):,} Chinese texts of the throughput corpus (Simplified views), CPU s per run")
    for name, segment in (("jieba.dt.tokenize", lambda v: list(dt.tokenize(v))),
                          ("clientcomm.jieba_words.tokenize", lambda v: jieba_words.tokenize(v, dt))):
        seconds = []
        for _ in range(runs):
            t0 = time.process_time()
            for v in views:
                segment(v)
            seconds.append(time.process_time() - t0)
        print(f"  {name:32s} " + "  ".join(f"{x:.2f}" for x in seconds))


if __name__ == "__main__":
    sys.exit(main())
