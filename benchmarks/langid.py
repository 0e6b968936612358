"""Benchmark language identification: raw seeded langdetect, clientcomm, lingua (if installed).

Runs the engines back to back in one process on the same texts and prints, per
engine, accuracy overall, on ru+ro+zh-Hans+zh-Hant, on texts of at most 30
characters, and milliseconds per text, then the speed ratio clientcomm / langdetect.
Each engine is warmed up on one sentence per language family first (model loading is reported separately).

    python benchmarks/langid.py                      # ../shared/data/langid/langid_dev.csv
    python benchmarks/langid.py path/to/data.csv     # any CSV with text,lang
    python benchmarks/langid.py --limit 1000         # the first N rows only
"""
from __future__ import annotations

import argparse
import os
import sys
import time

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "..", "shared", "data", "langid", "langid_dev.csv")
CORE = {"ru", "ro", "zh-Hans", "zh-Hant"}


def _langdetect_engine():
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    names = {"zh-cn": "zh-Hans", "zh-tw": "zh-Hant"}

    def run_once(text: str) -> str:
        try:
            code = detect(text)
        except LangDetectException:
            return "und"
        return names.get(code, code)

    return run_once


def _clientcomm_engine():
    from clientcomm.language import detect_one

    def run(text: str) -> str:
        detect_one.cache_clear()  # no credit for repeated texts: every text is scored afresh
        return detect_one(text)[0]

    return run


def _lingua_engine():
    try:
        from lingua import LanguageDetectorBuilder
    except ImportError:
        return None
    detector = LanguageDetectorBuilder.from_all_languages().build()

    def run(text: str) -> str:
        lang = detector.detect_language_of(text)
        if lang is None:
            return "und"
        code = lang.iso_code_639_1.name.lower()
        if code == "zh":  # lingua has one Chinese: the variant from the same OpenCC tables
            from clientcomm.language.hanzi import chinese_variant

            variant = chinese_variant(text)[0]
            return variant if variant != "zh" else "zh-Hans"
        return code

    return run


#: Warm-up sentences (our own, not from the data): one per language family, so
#: every engine has loaded all its models before the timed loop starts.
WARM_UP = ["Клиент позвонил вчера вечером.", "Clientul a sunat ieri seară.", "The client called last night.",
           "El cliente llamó anoche.", "O cliente ligou ontem.", "Il cliente ha chiamato ieri.",
           "Le client a appelé hier.", "El client va trucar ahir.", "Klient zadzwonił wczoraj.",
           "Клієнт зателефонував учора.", "Кліент патэлефанаваў учора.", "Клиентът се обади вчера.",
           "客户昨天打电话了。", "客戶昨天打電話了。", "顧客が昨日電話した。", "고객이 어제 전화했다."]


def measure(name: str, engine, texts: list[str], gold: pd.Series) -> dict:
    t0 = time.perf_counter()
    for w in WARM_UP:
        engine(w)
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    pred = [engine(t) for t in texts]
    elapsed = time.perf_counter() - t0
    ok = pd.Series(pred, index=gold.index) == gold
    lengths = pd.Series([len(t) for t in texts], index=gold.index)
    return {"engine": name, "accuracy": ok.mean(), "ru_ro_zh": ok[gold.isin(CORE)].mean(),
            "short<=30": ok[lengths <= 30].mean(), "ms_per_text": 1000 * elapsed / len(texts),
            "warm_up_s": warm}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    if not os.path.exists(args.data):
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    df = pd.read_csv(args.data, dtype=str, keep_default_na=False)
    if args.limit:
        df = df.head(args.limit)
    texts, gold = df["text"].tolist(), df["lang"]
    rows = [measure("langdetect (raw, seeded)", _langdetect_engine(), texts, gold),
            measure("clientcomm", _clientcomm_engine(), texts, gold)]
    lingua = _lingua_engine()
    if lingua is not None:
        rows.append(measure("lingua (all languages)", lingua, texts, gold))
    table = pd.DataFrame(rows).set_index("engine")
    print(f"{len(texts)} texts from {args.data}")
    print(table.to_string(float_format=lambda x: f"{x:.3f}"))
    ratio = table.loc["langdetect (raw, seeded)", "ms_per_text"] / table.loc["clientcomm", "ms_per_text"]
    print(f"speed: clientcomm is {ratio:.1f}x faster per text than raw langdetect")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
