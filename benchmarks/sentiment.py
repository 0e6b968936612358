"""Sentiment benchmark: clientcomm vs Chen & Skiena (asent's lexicons) vs SnowNLP on the dev sets.

Run from the repository root::

    python benchmarks/sentiment.py                 # accuracy, calibration, bank-star proxy, baselines, speed
    python benchmarks/sentiment.py --fit-calibration  # refit clientcomm/sentiment/calibration.json
    python benchmarks/sentiment.py --half-split    # calibration fitted on one half, scored on the other
    python benchmarks/sentiment.py --words         # word evidence beside the calibration: does it generalise?
    python benchmarks/sentiment.py --tune          # neutral band: in-sample vs 5-fold CV
    python benchmarks/sentiment.py --fit-cv        # gain of clientcomm.sentiment.fit, 5-fold CV
    python benchmarks/sentiment.py --data-dir PATH # another folder of {ru,ro,zh_hans,zh_hant}_dev.csv

The dev sets are read from ``../shared/data/sentiment`` (never copied into the
repository). Baselines are optional (``pip install clientcomm[baselines]``):

* Chen & Skiena (2014) lexicons as shipped in the ``asent`` package, read
  straight from its data files (no spaCy model is needed): clientcomm
  tokens, a token scores through its word or its lemma, the label is the
  sign of the sum (0 → neutral; binary sets: > 0 → positive). zh-Hant uses
  asent's Traditional list (``zhw``).
* SnowNLP (zh only): P(positive) > 0.5 → positive; 3-class sets: neutral
  when 0.4 ≤ p ≤ 0.6.
"""
from __future__ import annotations

import argparse
import sys
import time
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clientcomm.sentiment import calibration as cal  # noqa: E402
from clientcomm.sentiment import score_sentiment  # noqa: E402
from clientcomm.sentiment.engine import label_for, score_text  # noqa: E402
from clientcomm.sentiment.evaluate import metrics, read_labelled  # noqa: E402
from clientcomm.sentiment.resources import lang_code, rule_table  # noqa: E402
from clientcomm.tokens import tokenize  # noqa: E402

SETS = {"ru": ("ru_dev.csv", "ru"), "ro": ("ro_dev.csv", "ro"),
        "zh-Hans": ("zh_hans_dev.csv", "zh-Hans"), "zh-Hant": ("zh_hant_dev.csv", "zh-Hant")}
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "sentiment"


# ---------------------------------------------------------------- baselines
@lru_cache(maxsize=None)
def _chen_skiena(code: str) -> dict[str, float] | None:
    try:
        import asent
    except ImportError:
        return None
    path = Path(asent.__file__).with_name("lexicons") / f"{code}_lexicon_chen_skiena_2014_v1.txt"
    if not path.exists():
        return None
    lex = {}
    for ln in path.read_text(encoding="utf-8").splitlines():
        parts = ln.split("\t")
        if len(parts) >= 2:
            try:
                lex[parts[0].strip().lower()] = float(parts[1])
            except ValueError:
                pass
    return lex


def chen_skiena_labels(texts, lang: str, binary: bool) -> list[str] | None:
    code = {"ru": "ru", "ro": "ro", "zh-Hans": "zh", "zh-Hant": "zhw"}[lang]
    lex = _chen_skiena(code)
    if lex is None:
        return None
    out = []
    for t in texts:
        s = 0.0
        for tok in tokenize(t, lang):
            w = tok.text.lower()
            s += lex.get(w, lex.get(tok.lemma, 0.0))
        out.append(("positive" if s > 0 else "negative") if binary else
                   ("positive" if s > 0 else "negative" if s < 0 else "neutral"))
    return out


def snownlp_labels(texts, lang: str, binary: bool) -> list[str] | None:
    if not lang.startswith("zh"):
        return None
    try:
        from snownlp import SnowNLP
    except ImportError:
        return None
    out = []
    for t in texts:
        try:
            p = SnowNLP(t).sentiments if t.strip() else 0.5
        except Exception:
            p = 0.5
        out.append(("positive" if p > 0.5 else "negative") if binary else
                   ("positive" if p > 0.6 else "negative" if p < 0.4 else "neutral"))
    return out


# ---------------------------------------------------------------- helpers
def load_sets(data_dir: Path) -> dict[str, pd.DataFrame]:
    out = {}
    for name, (fn, _) in SETS.items():
        p = data_dir / fn
        if p.exists():
            out[name] = read_labelled(p)
    if not out:
        raise SystemExit(f"no dev sets found in {data_dir} (use --data-dir)")
    return out


def fast_macro_f1(gold_codes: np.ndarray, pred_codes: np.ndarray, k: int = 3) -> float:
    """Macro-F1 over the classes present in gold (codes 0..k-1); numpy only, for grid searches."""
    cm = np.bincount(gold_codes * k + pred_codes, minlength=k * k).reshape(k, k)
    present = cm.sum(axis=1) > 0
    tp = np.diag(cm).astype(float)
    p = np.divide(tp, cm.sum(axis=0), out=np.zeros(k), where=cm.sum(axis=0) > 0)
    r = np.divide(tp, cm.sum(axis=1), out=np.zeros(k), where=cm.sum(axis=1) > 0)
    f = np.divide(2 * p * r, p + r, out=np.zeros(k), where=(p + r) > 0)
    return float(f[present].mean())


_CODE = {"negative": 0, "neutral": 1, "positive": 2}


def band_labels(scores: np.ndarray, lo: float, hi: float) -> np.ndarray:
    return np.where(scores < lo, "negative", np.where(scores > hi, "positive", "neutral"))


def best_band(scores: np.ndarray, gold: np.ndarray, grid: np.ndarray) -> tuple[float, float, float]:
    """The (lo, hi) on ``grid`` with the best macro-F1 (ties: the narrowest band, then the lowest lo)."""
    best = (-1.0, 0.0, 0.0)
    g = np.array([_CODE[x] for x in gold])
    for lo in grid:
        for hi in grid[grid >= lo]:
            pred = np.where(scores < lo, 0, np.where(scores > hi, 2, 1))
            f = fast_macro_f1(g, pred)
            if f > best[0] + 1e-12:
                best = (f, float(lo), float(hi))
    return best


def folds(n: int, k: int = 5, seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    idx = rng.permutation(n)
    return [idx[i::k] for i in range(k)]


# ---------------------------------------------------------------- commands
def compare(sets: dict[str, pd.DataFrame]) -> None:
    rows = []
    for name, df in sets.items():
        lang = SETS[name][1]
        binary = "neutral" not in set(df["label"])
        c0 = time.process_time()
        ours = score_sentiment(df["text"], lang=lang, binary=binary)["sentiment_label"]
        dt = time.process_time() - c0
        row = {"set": name, "n": len(df), "classes": df["label"].nunique(),
               "clientcomm": metrics(df["label"], ours)["macro_f1"]}
        for bname, fn in (("chen_skiena", chen_skiena_labels), ("snownlp", snownlp_labels)):
            lab = fn(list(df["text"]), lang, binary)
            row[bname] = metrics(df["label"], lab)["macro_f1"] if lab is not None else float("nan")
        row["clientcomm_cpu_s"] = dt
        rows.append(row)
    table = pd.DataFrame(rows)
    print("macro-F1 on the development sets (over the classes present; "
          "sets without neutral rows are scored in binary mode)")
    print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}", na_rep="n/a"))
    if table["chen_skiena"].isna().all():
        print("Chen & Skiena: unavailable (pip install asent)")


def speed(n: int = 10_000) -> None:
    base = ["Спасибо, всё быстро решили!", "Никто не перезвонил, ужасный сервис",
            "Nu recomand, calitate proastă.", "Produs excelent, livrare rapidă",
            "服务很好，下次还来", "送餐太慢了，菜都凉了", "啲嘢食好正，不過等好耐", "Thanks, great support"]
    langs = ["ru", "ru", "ro", "ro", "zh-Hans", "zh-Hans", "zh-Hant", "en"]
    # distinct texts (a running number) so no cache can help
    texts = [f"{base[i % 8]} {i}" for i in range(n)]
    lang = [langs[i % 8] for i in range(n)]
    score_sentiment(texts[:50], lang=lang[:50])  # load lexicons, jieba, simplemma once
    t0, c0 = time.perf_counter(), time.process_time()
    score_sentiment(pd.Series(texts), lang=pd.Series(lang))
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"speed: {n} short texts (ru, ro, zh-Hans, zh-Hant, en) scored in {cpu:.2f} s CPU on one core "
          f"({dt:.2f} s wall clock; {'within' if cpu < 10 else 'ABOVE'} the 10 s target)")


def _pos_neg(df: pd.DataFrame, lang: str) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Per text: sum of positive and of negative hit weights (negativity bias undone), ALPHA, current weight."""
    table = rule_table(lang if lang in ("ru", "ro", "en") else "zh")
    hits = score_sentiment(df["text"], lang=lang)["sentiment_hits"]
    pos = np.array([sum(h["weight_after_rules"] for h in hs if h["weight_after_rules"] > 0) for hs in hits])
    neg = np.array([sum(h["weight_after_rules"] / (table.NEGATIVE_WEIGHT if "negativity_bias" in h["rules"] else 1.0)
                        for h in hs if h["weight_after_rules"] < 0) for hs in hits])
    return pos, neg, table.ALPHA, table.NEGATIVE_WEIGHT


def _squash(pos, neg, w, alpha):
    s = pos + w * neg
    return s / np.sqrt(s * s + alpha)


def _best(pos, neg, gold, alpha, weights, grid):
    best = (-1.0, 1.0, 0.0, 0.0)
    for w in weights:
        f, lo, hi = best_band(_squash(pos, neg, w, alpha), gold, grid)
        if f > best[0] + 1e-12:
            best = (f, float(w), lo, hi)
    return best


def tune(sets: dict[str, pd.DataFrame], k: int = 5) -> None:
    """Grid search of NEGATIVE_WEIGHT × NEUTRAL_BAND: in-sample and k-fold cross-validated macro-F1."""
    grid = np.round(np.arange(-0.9, 0.91, 0.025), 3)
    weights = np.array([1.0, 1.25, 1.5, 1.75, 2.0])
    print(f"tuning NEGATIVE_WEIGHT in {[float(x) for x in weights]} and the neutral band (lo, hi) on "
          f"{grid[0]}..{grid[-1]} step 0.025 for macro-F1 (3-class sets only)")
    for name, df in sets.items():
        if "neutral" not in set(df["label"]):
            continue
        lang = SETS[name][1]
        pos, neg, alpha, w_cur = _pos_neg(df, lang)
        gold = df["label"].to_numpy()
        table = rule_table(lang if lang in ("ru", "ro") else "zh")
        cur = table.NEUTRAL_BAND
        g = np.array([_CODE[x] for x in gold])
        pred = np.where(_squash(pos, neg, w_cur, alpha) < cur[0], 0,
                        np.where(_squash(pos, neg, w_cur, alpha) > cur[1], 2, 1))
        f_cur = fast_macro_f1(g, pred)
        f_in, w, lo, hi = _best(pos, neg, gold, alpha, weights, grid)
        cv = []
        for test in folds(len(df), k):
            train = np.setdiff1d(np.arange(len(df)), test)
            _, w2, l2, h2 = _best(pos[train], neg[train], gold[train], alpha, weights, grid)
            sc = _squash(pos[test], neg[test], w2, alpha)
            cv.append(fast_macro_f1(g[test], np.where(sc < l2, 0, np.where(sc > h2, 2, 1))))
        print(f"{name:8s} current (w={w_cur}, band={cur}): {f_cur:.3f} | best in-sample (w={w}, band=({lo:+.3f}, "
              f"{hi:+.3f})): {f_in:.3f} | {k}-fold CV (tuned on 4/5, scored on 1/5): {np.mean(cv):.3f} "
              f"± {np.std(cv):.3f}")


def fit_cv(sets: dict[str, pd.DataFrame], k: int = 5) -> None:
    from clientcomm.sentiment import fit

    print(f"clientcomm.sentiment.fit: {k}-fold CV (fit on 4/5 of a dev set, score the other 1/5)")
    for name, df in sets.items():
        lang = SETS[name][1]
        binary = "neutral" not in set(df["label"])
        texts, gold = df["text"].to_numpy(), df["label"].to_numpy()
        base_pred = score_sentiment(df["text"], lang=lang, binary=binary)["sentiment_label"].to_numpy()
        base, lexonly, full = [], [], []
        for test in folds(len(df), k):
            train = np.setdiff1d(np.arange(len(df)), test)
            base.append(metrics(gold[test], base_pred[test])["macro_f1"])
            for words, acc in ((False, lexonly), (True, full)):
                m = fit(texts[train], gold[train], lang, words=words)
                acc.append(metrics(gold[test], m.score(pd.Series(texts[test]))["sentiment_label"])["macro_f1"])
        print(f"{name:8s} engine {np.mean(base):.3f} | fit lexicon features {np.mean(lexonly):.3f} "
              f"| fit lexicon + word features {np.mean(full):.3f}")


BANK_SOURCE = "SemenZhidkov/analize_banki_ru_comments"


_ENGINE_CACHE: dict = {}


def engine_outputs(df: pd.DataFrame, lang: str, binary: bool) -> tuple[pd.DataFrame, list[str]]:
    """Engine features (:func:`calibration.hit_summary`) and the engine's own labels, without calibration."""
    key = (lang, binary, len(df), hash(tuple(df["text"])))
    if key not in _ENGINE_CACHE:
        res = [score_text(t, lang) for t in df["text"]]
        summary = cal.hit_summary([r.score for r in res], [r.hits for r in res])
        table = rule_table(lang_code(lang))
        labels = ([label_for(r.score, table, binary=True) for r in res] if binary else [r.label for r in res])
        _ENGINE_CACHE[key] = (summary, labels)
    return _ENGINE_CACHE[key]


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def fit_calibration(sets: dict[str, pd.DataFrame], data_dir: Path, out: Path) -> dict:
    """Fit every language's calibration (nested 5-fold CV figures) and write the parameter file."""
    import datetime
    import json

    langs: dict = {}
    summaries = {}
    for name, df in sets.items():
        binary = "neutral" not in set(df["label"])
        summary, eng = engine_outputs(df, SETS[name][1], binary)
        summaries[name] = summary
        e = cal.fit_language(summary, df["label"], eng)
        e.pop("_oof")
        e["data"] = f"{SETS[name][0]} ({len(df)} rows: " + ", ".join(
            f"{c} {int((df['label'] == c).sum())}" for c in cal.CLASSES if (df["label"] == c).any()) + ")"
        langs[name] = e
    if "zh-Hans" in langs and "zh-Hant" in langs:
        langs["zh-Hans"]["neutral_from"] = "zh-Hant"
        langs["zh-Hans"]["note"] = ("P(positive | not neutral) fitted on zh-Hans (no neutral class in the data); "
                                    "p_neutral comes from the zh-Hant model and is not validated on zh-Hans; "
                                    "cv figures are binary")
    if "ru" in sets and "ro" in sets:
        pooled = pd.concat([summaries["ru"], summaries["ro"]], ignore_index=True)
        gold = list(sets["ru"]["label"]) + list(sets["ro"]["label"])
        e = cal.fit_language(pooled, gold)
        e.pop("_oof")
        e.pop("cv")
        e.update(calibrated=False, data="none for English: ru_dev + ro_dev pooled",
                 note="no English development set: parameters of ru and ro pooled, NOT calibrated for English")
        langs["en"] = e
    about = {
        "what": "per-language multinomial logistic calibration of the sentiment engine's output "
                "(clientcomm.sentiment.calibration); p = softmax(W · features + b)",
        "features": cal.FEATURES,
        "fitted_by": "python benchmarks/sentiment.py --fit-calibration",
        "date": datetime.date.today().isoformat(),
        "data": {SETS[n][0]: {"sha256": _sha256(data_dir / SETS[n][0]), "rows": len(sets[n])} for n in sets},
        "data_provenance": "../shared/data/PROVENANCE.md (development sets; rows are not shipped)",
        "resources_sha256": cal.resources_digest(),
        "model_selection": "feature set in " + ", ".join(cal.FEATURE_SETS) + " x L2 in "
                           + ", ".join(f"{x:g}" for x in cal.L2_GRID)
                           + " by lowest 5-fold CV log-loss (stratified, seed 1); final model fitted on all rows",
        "cv": "nested: outer 5-fold stratified by label (seed 0); inside each outer training part the model is "
              "chosen by the inner 5-fold CV and fitted; cv figures pool the out-of-fold predictions "
              "(the parameters below were NOT fitted on the rows they are scored on)",
        "ece": "top-label, 10 equal-width bins of the top probability; ece_classwise: mean over classes",
        "label": "sentiment_label = most probable class (binary mode: the more probable of negative/positive)",
        "note": "the engine's lexicons and rules were themselves refined on these development sets, so every "
                "figure here is optimistic about the engine; the held-out sets judge it",
    }
    data = {"format": "clientcomm-sentiment-calibration", "version": 1, "about": about, "languages": langs}
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    cal._read.cache_clear()
    print(f"wrote {out}")
    return data


def calibration_report(sets: dict[str, pd.DataFrame]) -> None:
    """Per language: macro-F1 of the label on dev (tuned on) and nested-CV (held apart), ECE, bank-star proxy."""
    from scipy import stats

    rows = []
    for name, df in sets.items():
        lang = SETS[name][1]
        binary = "neutral" not in set(df["label"])
        summary, eng = engine_outputs(df, lang, binary)
        e = cal.fit_language(summary, df["label"], eng)
        oof = e["_oof"]
        out = score_sentiment(df["text"], lang=lang, binary=binary)
        row = {"set": name, "n": len(df), "mode": "binary" if binary else "3-class",
               "engine_dev": metrics(df["label"], eng)["macro_f1"],
               "label_dev": metrics(df["label"], out["sentiment_label"])["macro_f1"],
               "label_cv": e["cv"]["macro_f1"], "ece_cv": e["cv"]["ece"],
               "ece_cw_cv": e["cv"]["ece_classwise"], "stars_rho_score": float("nan"),
               "stars_rho_p_cv": float("nan")}
        bank = df["source"].astype(str).str.startswith(BANK_SOURCE).to_numpy() if "source" in df else None
        if bank is not None and bank.any():
            order = df["label"].map({"negative": 0, "neutral": 1, "positive": 2}).to_numpy()[bank]
            row["stars_rho_score"] = stats.spearmanr(out["sentiment"].to_numpy()[bank], order)[0]
            cls = e["classes"]
            ev = oof[:, cls.index("positive")] - oof[:, cls.index("negative")]
            row["stars_rho_p_cv"] = stats.spearmanr(ev[bank], order)[0]
            row["n_bank"] = int(bank.sum())
        rows.append(row)
    t = pd.DataFrame(rows)
    if "n_bank" in t:
        t["n_bank"] = t["n_bank"].astype("Int64")
    print("sentiment_label macro-F1: engine_dev = the engine's band label on the whole dev set (lexicons and "
          "bands were tuned on it);\n label_dev = the shipped calibrated label on the whole dev set (calibration "
          "fitted on it: tuned-on);\n label_cv = nested 5-fold CV, calibration fitted without the scored rows "
          "(held apart; the lexicons were still read on these sets).\nECE: top-label, 10 bins, out-of-fold "
          "probabilities (ece_cw: classwise). zh-Hans: binary (no neutral rows).")
    print("stars_rho_*: PROXY for Spearman with bank-review stars = Spearman between the score and the ordinal "
          "label (neg<neu<pos, from 1-2/3/4-5 stars) on the banki.ru rows of ru_dev; _score = engine "
          "`sentiment`, _p_cv = out-of-fold p_positive - p_negative")
    print(t.to_string(index=False, float_format=lambda x: f"{x:.3f}", na_rep="-"))


def half_split(sets: dict[str, pd.DataFrame]) -> None:
    """A second held-apart check: calibration chosen and fitted on the md5-even half, scored on the md5-odd half.

    The lexicon entries added for issue 14 were checked the same way (read only misclassified texts of
    the even half); the odd half was never read for them (the older lexicon was read on all rows).
    """
    import hashlib

    from scipy import stats

    print("calibration fitted on the md5(text)-even half, scored on the odd half (held apart):")
    for name, df in sets.items():
        lang = SETS[name][1]
        binary = "neutral" not in set(df["label"])
        summary, eng = engine_outputs(df, lang, binary)
        odd = np.array([int(hashlib.md5(t.encode("utf-8")).hexdigest(), 16) % 2 == 1 for t in df["text"]])
        classes = [c for c in cal.CLASSES if c in set(df["label"])]
        y = np.array([classes.index(c) for c in df["label"]])
        fs, l2 = cal.select_model(summary[~odd].reset_index(drop=True), y[~odd], len(classes))
        X = cal.feature_matrix(summary, cal.FEATURE_SETS[fs])
        W, b = cal.fit_multinomial(X[~odd], y[~odd], len(classes), l2)
        p = cal.softmax(X[odd] @ W.T + b)
        gold = df["label"].to_numpy()[odd]
        f_eng = metrics(gold, np.array(eng)[odd])["macro_f1"]
        line = (f"{name:8s} odd half n={int(odd.sum())}: engine band label {f_eng:.3f}"
                f" | calibrated label {metrics(gold, np.array(classes)[p.argmax(axis=1)])['macro_f1']:.3f}"
                f" | ECE {cal.expected_calibration_error(p, y[odd]):.3f}")
        if "source" in df:
            bank = df["source"].astype(str).str.startswith(BANK_SOURCE).to_numpy() & odd
            if bank.any():
                order = df["label"].map({"negative": 0, "neutral": 1, "positive": 2}).to_numpy()
                rho = stats.spearmanr(summary["score"].to_numpy()[bank], order[bank])[0]
                line += f" | bank-star proxy rho {rho:.3f} (n={int(bank.sum())})"
        print(line)


# ---------------------------------------------------------------- word evidence beside the calibration (issue 14)
WORD_VOCAB = 2000            # fixed before looking at any result; vocabulary = top WORD_VOCAB lemmas by document
WORD_MIN_DF = 3              # frequency (>= WORD_MIN_DF texts) in the rows being fitted on
WORD_L2_GRID = (None, 0.1, 0.03, 0.01, 0.003)   # None = no word features; chosen by inner 5-fold CV log-loss
ENGINE_L2 = 1e-3


def source_group(source: str) -> str:
    """A source for the leakage check: the repository, plus the SentiRuEval domain / the Chinese corpus.

    >>> source_group("mokoron/sentirueval:banks_test_etalon.xml")
    'mokoron/sentirueval/banks'
    >>> source_group("SophonPlus/ChineseNlpCorpus:datasets/waimai_10k/waimai_10k.csv")
    'SophonPlus/ChineseNlpCorpus/waimai_10k'
    >>> _short_source('SophonPlus/ChineseNlpCorpus/waimai_10k')
    'ChineseNlpCorp/waimai_10k'

    """
    repo, _, tail = str(source).partition(":")
    for t in ("banks", "tkk"):
        if t in tail:
            return f"{repo}/{t}"
    if tail.startswith("datasets/") and repo.startswith("SophonPlus"):
        return f"{repo}/{tail.split('/')[1]}"
    return repo


def text_words(text: str, lang: str) -> list[str]:
    """Distinct lemma features of a text: ru/ro simplemma lemmas of alphabetic tokens (>= 2 letters);
    zh: jieba words with a Han character (Simplified form)."""
    cjk = lang.startswith("zh")
    out: dict[str, None] = {}
    for t in tokenize(text, lang):
        lem = t.lemma
        if (cjk and any("\u3400" <= ch <= "\u9fff" for ch in lem)) or (not cjk and len(lem) > 1 and lem[0].isalpha()):
            out.setdefault(lem, None)
    return list(out)


def _word_block(docs, rows, vocab=None):
    from collections import Counter

    from scipy import sparse

    sub = [docs[i] for i in rows]
    if vocab is None:
        df = Counter(w for d in sub for w in d)
        vocab = sorted((w for w, c in df.items() if c >= WORD_MIN_DF), key=lambda w: (-df[w], w))[:WORD_VOCAB]
    index = {w: j for j, w in enumerate(vocab)}
    ij = [(r, index[w]) for r, d in enumerate(sub) for w in d if w in index]
    r, c = (list(x) for x in zip(*ij)) if ij else ([], [])
    return sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(sub), len(vocab))), vocab


def _fit_blocks(A, n_dense: int, y, k: int, l2_dense: float, l2_words: float):
    """Multinomial logistic regression, mean log-loss + L2 with one strength for the first ``n_dense``
    columns (engine features) and another for the rest (words); intercepts free; L-BFGS from zero."""
    from scipy import optimize

    n, d = A.shape
    Y = np.eye(k)[y]
    pen = np.full(d, l2_words)
    pen[:n_dense] = l2_dense
    At = A.T.tocsr()

    def loss(wb):
        W, b = wb[: k * d].reshape(k, d), wb[k * d:]
        Z = np.asarray(A @ W.T) + b
        Z -= Z.max(axis=1, keepdims=True)
        logp = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
        G = (np.exp(logp) - Y) / n
        return (-(Y * logp).sum() / n + 0.5 * (pen * W * W).sum(),
                np.concatenate([(np.asarray(At @ G).T + pen * W).ravel(), G.sum(axis=0)]))

    res = optimize.minimize(loss, np.zeros(k * d + k), jac=True, method="L-BFGS-B", options={"maxiter": 3000})
    return res.x[: k * d].reshape(k, d), res.x[k * d:]


def _fit_predict(X, docs, y, k, tr, te, l2w):
    """Fit on rows ``tr`` (vocabulary too), probabilities for rows ``te``; ``l2w`` None: engine features only."""
    from scipy import sparse

    tr, te = np.flatnonzero(tr), np.flatnonzero(te)
    if l2w is None:
        A_tr, A_te = sparse.csr_matrix(X[tr]), sparse.csr_matrix(X[te])
    else:
        M_tr, vocab = _word_block(docs, tr)
        M_te, _ = _word_block(docs, te, vocab)
        A_tr = sparse.hstack([sparse.csr_matrix(X[tr]), M_tr], format="csr")
        A_te = sparse.hstack([sparse.csr_matrix(X[te]), M_te], format="csr")
    W, b = _fit_blocks(A_tr, X.shape[1], y[tr], k, ENGINE_L2, 1.0 if l2w is None else l2w)
    return cal.softmax(np.asarray(A_te @ W.T) + b)


def _select_l2w(X, docs, y, k, rows, seed=1):
    """Word L2 from :data:`WORD_L2_GRID` with the lowest inner 5-fold CV log-loss on ``rows``."""
    folds = cal.stratified_folds(y[rows], 5, seed)
    best = None
    for l2w in WORD_L2_GRID:
        p = np.zeros((len(rows), k))
        for f in range(5):
            tr = np.zeros(len(y), bool)
            te = np.zeros(len(y), bool)
            tr[rows[folds != f]] = True
            te[rows[folds == f]] = True
            p[folds == f] = _fit_predict(X, docs, y, k, tr, te, l2w)
        ll = cal._log_loss(p, y[rows])
        if best is None or ll < best[0] - 1e-12:
            best = (ll, l2w)
    return best[1]


def _shipped_method(summary, y, k, tr, te):
    """The shipped calibration's own procedure (feature set and L2 by inner CV) fitted on ``tr``."""
    fs, l2 = cal.select_model(summary[tr].reset_index(drop=True), y[tr], k)
    X = cal.feature_matrix(summary, cal.FEATURE_SETS[fs])
    W, b = cal.fit_multinomial(X[tr], y[tr], k, l2)
    return cal.softmax(X[te] @ W.T + b)


def _short_source(group: str) -> str:
    """A column label for a source group: the repository name (first 14 characters) and the domain, if any."""
    parts = group.split("/")
    return parts[1][:14] + ("/" + parts[2] if len(parts) > 2 else "")


def _print_top_words(X, docs, y, classes, rows, l2w, n: int = 15) -> None:
    """What the words learn: the largest word weights per class of the model fitted on ``rows`` (even half)."""
    from scipy import sparse

    if l2w is None:
        print("  (inner CV chose no word features on the even half)")
        return
    M, vocab = _word_block(docs, rows)
    A = sparse.hstack([sparse.csr_matrix(X[rows]), M], format="csr")
    W, _ = _fit_blocks(A, X.shape[1], y[rows], len(classes), ENGINE_L2, l2w)
    for i, c in enumerate(classes):
        top = np.argsort(-W[i, X.shape[1]:])[:n]
        print(f"  top {c:8s} words (even-half fit): " + ", ".join(f"{vocab[j]} {W[i, X.shape[1] + j]:.2f}"
                                                               for j in top))


def word_evidence(sets: dict[str, pd.DataFrame]) -> None:
    """Does word evidence added to the calibration generalise? md5 half split and nested 5-fold CV.

    Models: ``shipped`` (calibration.py's method), ``+words`` (6 engine features + top-2000 lemma presence,
    word L2 by inner CV, vocabulary from the fitted rows only), and for the leakage check ``+source``
    (6 engine features + one-hot source group: what recognising the source alone gives) and
    ``+source+words``. Per-source macro-F1 on the odd half shows where a gain comes from.
    """
    import hashlib

    from scipy import stats

    print("word evidence: fitted on md5(text)-even rows only (vocabulary, weights, L2), scored on md5-odd rows "
          "(held apart); then nested 5-fold CV (outer seed 0, inner seed 1). Vocabulary top "
          f"{WORD_VOCAB} lemmas by document frequency (>= {WORD_MIN_DF}), word L2 in {WORD_L2_GRID} by inner "
          "CV log-loss (None = no words).")
    for name, df in sets.items():
        lang = SETS[name][1]
        binary = "neutral" not in set(df["label"])
        summary, _ = engine_outputs(df, lang, binary)
        classes = [c for c in cal.CLASSES if c in set(df["label"])]
        k = len(classes)
        y = np.array([classes.index(c) for c in df["label"]])
        X = cal.feature_matrix(summary)
        docs = [text_words(t, lang) for t in df["text"]]
        groups = np.array([source_group(s) for s in df["source"]])
        G = np.column_stack([(groups == g).astype(float) for g in sorted(set(groups))])
        XS = np.hstack([X, G])
        odd = np.array([int(hashlib.md5(t.encode("utf-8")).hexdigest(), 16) % 2 == 1 for t in df["text"]])
        bank = df["source"].astype(str).str.startswith(BANK_SOURCE).to_numpy()
        even_rows = np.flatnonzero(~odd)
        l2w = _select_l2w(X, docs, y, k, even_rows)
        l2ws = _select_l2w(XS, docs, y, k, even_rows)
        half = {"shipped": _shipped_method(summary, y, k, ~odd, odd),
                f"+words (l2w={l2w})": _fit_predict(X, docs, y, k, ~odd, odd, l2w),
                "+source": _fit_predict(XS, docs, y, k, ~odd, odd, None),
                f"+source+words (l2w={l2ws})": _fit_predict(XS, docs, y, k, ~odd, odd, l2ws)}
        yo, go, bo = y[odd], groups[odd], bank[odd]
        rows = []
        for model, p in half.items():
            pred = p.argmax(axis=1)
            r = {"model": model, "macro_f1": cal.macro_f1(yo, pred, k), "ece": cal.expected_calibration_error(p, yo)}
            if bo.any():
                r["bank_rho"] = stats.spearmanr(p[bo, classes.index("positive")] - p[bo, classes.index("negative")],
                                                yo[bo])[0]
            for g in sorted(set(go)):
                m = go == g
                r[f"{_short_source(g)} (n={int(m.sum())})"] = cal.macro_f1(yo[m], pred[m], k)
            rows.append(r)
        print(f"\n{name}: md5-odd half (n={int(odd.sum())}), fitted on the even half; per-source columns = "
              "macro-F1 over the classes present in that source; bank_rho = Spearman of p_pos - p_neg with the "
              "ordinal label on the banki.ru rows")
        print(pd.DataFrame(rows).to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        folds = cal.stratified_folds(y, 5, 0)
        oof = {m: np.zeros((len(y), k)) for m in ("shipped", "+words", "+source", "+source+words")}
        chosen = []
        for f in range(5):
            tr = folds != f
            oof["shipped"][~tr] = _shipped_method(summary, y, k, tr, ~tr)
            c = _select_l2w(X, docs, y, k, np.flatnonzero(tr))
            cs = _select_l2w(XS, docs, y, k, np.flatnonzero(tr))
            chosen.append((c, cs))
            oof["+words"][~tr] = _fit_predict(X, docs, y, k, tr, ~tr, c)
            oof["+source"][~tr] = _fit_predict(XS, docs, y, k, tr, ~tr, None)
            oof["+source+words"][~tr] = _fit_predict(XS, docs, y, k, tr, ~tr, cs)
        print(f"{name}: nested 5-fold CV (n={len(y)}); word L2 chosen per outer fold (+words, +source+words): "
              f"{chosen}")
        for m, p in oof.items():
            line = (f"  {m:9s} macro-F1 {cal.macro_f1(y, p.argmax(axis=1), k):.4f}  "
                    f"ECE {cal.expected_calibration_error(p, y):.4f}")
            if bank.any():
                ev = p[:, classes.index("positive")] - p[:, classes.index("negative")]
                line += f"  bank_rho {stats.spearmanr(ev[bank], y[bank])[0]:.3f}"
            print(line)
        _print_top_words(X, docs, y, classes, np.flatnonzero(~odd), l2w)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sets", help="comma-separated subset of ru,ro,zh-Hans,zh-Hant")
    ap.add_argument("--tune", action="store_true")
    ap.add_argument("--fit-cv", action="store_true")
    ap.add_argument("--half-split", action="store_true",
                    help="calibration fitted on the md5-even half of each dev set, scored on the odd half")
    ap.add_argument("--fit-calibration", action="store_true",
                    help="refit the calibration parameters on the dev sets and write them into the package")
    ap.add_argument("--words", action="store_true",
                    help="does word evidence added to the calibration generalise? (md5 half split, nested CV)")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)
    sets = load_sets(args.data_dir)
    if args.sets:
        keep = set(args.sets.split(","))
        sets = {k: v for k, v in sets.items() if k in keep}
    if args.fit_calibration:
        fit_calibration(sets, args.data_dir, cal.PARAMETER_FILE)
        calibration_report(sets)
    elif args.half_split:
        half_split(sets)
    elif args.words:
        word_evidence(sets)
    elif args.tune:
        tune(sets)
    elif args.fit_cv:
        fit_cv(sets)
    else:
        calibration_report(sets)
        compare(sets)
        if not args.no_speed:
            speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
