"""The naive per-message loop that ``throughput.py`` compares clientcomm against, as a script.

What one would write without clientcomm, with the same libraries used
directly: for every message of a CSV (column ``text``), ``langdetect.detect``
(seeded, ``DetectorFactory.seed = 0``; an exception gives ``und``); then the
words (``jieba.lcut`` for ``zh-cn``/``zh-tw``, a ``\\w+`` regular expression
otherwise), each lower-cased and, in ru/ro/en, lemmatised with
``simplemma.lemmatize`` (its default dictionaries), looked up in a plain dict
of clientcomm's sentiment lexicon of that language (read from
``clientcomm/sentiment/lexicons/<code>.tsv``; Chinese → ``zh.tsv``); the
valences are summed into a score and a label. No deduplication, no caching of
its own. Writes ``lang,score,label`` per message. It imports nothing from
clientcomm, so its cost does not move when clientcomm changes.

    python benchmarks/naive_loop.py messages.csv out.csv
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEX_FILE = {"ru": "ru", "ro": "ro", "en": "en", "zh-cn": "zh", "zh-tw": "zh"}
WORD = re.compile(r"\w+")


def load_lexicons() -> dict[str, dict[str, float]]:
    """Each lexicon TSV as a plain ``{term: valence}`` dict."""
    folder = ROOT / "clientcomm" / "sentiment" / "lexicons"
    lex: dict[str, dict[str, float]] = {}
    for code in set(LEX_FILE.values()):
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
                    continue  # a malformed line: the naive loop skips it, as a quick script would
        lex[code] = d
    return lex


def naive_loop(texts: list[str], lexicons: dict[str, dict[str, float]]) -> list[tuple[str, float, str]]:
    import jieba
    import simplemma
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    jieba.setLogLevel(30)
    DetectorFactory.seed = 0
    out = []
    for text in texts:
        try:
            lang = detect(text)
        except LangDetectException:
            lang = "und"
        lex = lexicons.get(LEX_FILE.get(lang, ""), {})
        score = 0.0
        if lex:
            if lang.startswith("zh"):
                words = [w for w in jieba.lcut(text) if w.strip()]
            else:
                words = [simplemma.lemmatize(w.lower(), lang=lang) for w in WORD.findall(text)]
            for w in words:
                score += lex.get(w.lower(), 0.0)
        out.append((lang, score, "positive" if score > 0 else "negative" if score < 0 else "neutral"))
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        raise SystemExit("usage: python benchmarks/naive_loop.py messages.csv out.csv")
    csv.field_size_limit(sys.maxsize)
    with open(args[0], encoding="utf-8", newline="") as fh:
        texts = [row["text"] for row in csv.DictReader(fh)]
    rows = naive_loop(texts, load_lexicons())
    with open(args[1], "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["lang", "score", "label"])
        w.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
