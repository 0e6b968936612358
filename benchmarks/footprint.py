"""Start-up time and memory of clientcomm, each figure measured in a fresh Python process.

Usage (from the repository root)::

    python benchmarks/footprint.py                 # the four measurements below
    python benchmarks/footprint.py --cold          # also: building the word-list cache from nothing
    python benchmarks/footprint.py --data DIR      # shared data folder (default ../shared/data)

One subprocess per measurement (nothing is inherited from an earlier one):

1. ``import clientcomm``;
2. that, then the first ``detect_language`` on a short Russian text;
3. that, then one text of each of the 19 languages of the langid set
   (ru, ro, zh-Hans, zh-Hant, uk, be, bg, sr, mk, kk, it, es, pt, fr, ca, en, pl,
   ja, ko), one call per text (sentences written for this benchmark);
4. ``import clientcomm``, then ``clientcomm.annotate`` with all steps on
   1,000 mixed texts: every ``n/5``-th text of the ``text`` column of
   ``sentiment/{ru,ro,zh_hans,zh_hant}_dev.csv`` and ``langid/langid_dev.csv``
   of the shared data (read at run time, nothing copied into the project).

Printed per measurement: wall seconds of the step (and of the whole process up
to that point), resident memory (VmRSS) at the end and the peak (VmHWM).
``--cold`` runs measurement 2 with ``CLIENTCOMM_CACHE`` pointing at an empty
temporary folder, so the word lists are built first, then builds every list
(``python -m clientcomm.language.wordlists``): the one-time cost of a new install.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"

#: One sentence per language of the langid set, written for this benchmark.
SENTENCES = {
    "ru": "Привет, как дела?",
    "ro": "Bună ziua, comanda mea nu a ajuns încă.",
    "zh-Hans": "我的订单还没有到，请帮我查一下。",
    "zh-Hant": "我的訂單還沒有到，請幫我查一下。",
    "uk": "Доброго дня, моє замовлення досі не прийшло.",
    "be": "Добры дзень, мая пасылка яшчэ не прыйшла.",
    "bg": "Здравейте, поръчката ми още не е пристигнала.",
    "sr": "Добар дан, моја поруџбина још није стигла.",
    "mk": "Добар ден, мојата нарачка сè уште не пристигна.",
    "kk": "Сәлеметсіз бе, тапсырысым әлі келген жоқ.",
    "it": "Buongiorno, il mio ordine non è ancora arrivato.",
    "es": "Buenos días, mi pedido todavía no ha llegado.",
    "pt": "Bom dia, a minha encomenda ainda não chegou.",
    "fr": "Bonjour, ma commande n'est toujours pas arrivée.",
    "ca": "Bon dia, la meva comanda encara no ha arribat.",
    "en": "Hello, my order has still not arrived.",
    "pl": "Dzień dobry, moje zamówienie jeszcze nie dotarło.",
    "ja": "こんにちは、注文した商品がまだ届きません。",
    "ko": "안녕하세요, 주문한 상품이 아직 도착하지 않았어요.",
}

_PRELUDE = textwrap.dedent("""
    import json, sys, time
    T0 = time.perf_counter()
    def mem():
        out = {}
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line.split(":")[0]] = int(line.split()[1]) / 1024
        return out
    def report(**kw):
        kw.update(mem())
        kw["process_s"] = time.perf_counter() - T0
        print("RESULT " + json.dumps(kw))
    t = time.perf_counter()
    import clientcomm
    import_s = time.perf_counter() - t
""")

_SNIPPETS = {
    "import clientcomm": "report(step_s=import_s)",
    "first detect_language (ru)": textwrap.dedent("""
        t = time.perf_counter()
        out = clientcomm.detect_language([{ru!r}])
        report(step_s=time.perf_counter() - t, answer=out["lang"].tolist())
    """),
    "one text of each of 19 languages": textwrap.dedent("""
        sentences = {sentences!r}
        answers, slowest = [], (0.0, "")
        t = time.perf_counter()
        for lang, text in sentences.items():
            t1 = time.perf_counter()
            answers.append(clientcomm.detect_language([text])["lang"].iloc[0])
            slowest = max(slowest, (time.perf_counter() - t1, lang))
        report(step_s=time.perf_counter() - t, correct=sum(a == g for a, g in zip(answers, sentences)),
               slowest="%s %.2f s" % (slowest[1], slowest[0]))
    """),
    "annotate 1,000 mixed texts": textwrap.dedent("""
        import pandas as pd
        texts = json.load(open({texts_file!r}, encoding="utf-8"))
        t = time.perf_counter()
        out = clientcomm.annotate(pd.DataFrame({{"text": texts}}), jobs=1, progress=False)
        report(step_s=time.perf_counter() - t, rows=len(out), langs=int(out["lang"].nunique()))
    """),
}


def mixed_texts(data: Path, n: int = 1000) -> list[str]:
    """``n`` texts taken evenly from the four sentiment sets and the langid set (read at run time)."""
    import pandas as pd

    files = [data / "sentiment" / f"{c}_dev.csv" for c in ("ru", "ro", "zh_hans", "zh_hant")]
    files.append(data / "langid" / "langid_dev.csv")
    per = n // len(files)
    out: list[str] = []
    for f in files:
        if not f.exists():
            raise SystemExit(f"missing {f}: pass --data pointing at the shared data folder")
        col = pd.read_csv(f, dtype=str, keep_default_na=False)["text"]
        step = max(1, len(col) // per)
        out += col.iloc[::step].head(per).tolist()
    return out


def run(name: str, code: str, env: dict | None = None) -> dict:
    """Run ``code`` after the import prelude in a fresh interpreter; the dict it reports."""
    proc = subprocess.run([sys.executable, "-c", _PRELUDE + code], capture_output=True, text=True,
                          cwd=ROOT, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"{name}: the measuring process failed:\n{proc.stderr[-2000:]}")
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    return json.loads(lines[-1][len("RESULT "):])


def show(name: str, r: dict) -> None:
    extra = {k: v for k, v in r.items() if k not in ("step_s", "process_s", "VmRSS", "VmHWM")}
    print(f"{name:36s} step {r['step_s']:6.2f} s   process {r['process_s']:6.2f} s   "
          f"RSS {r['VmRSS']:6.0f} MB   peak {r['VmHWM']:6.0f} MB   {extra if extra else ''}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder (default ../shared/data)")
    ap.add_argument("--cold", action="store_true", help="also measure building the word-list cache from nothing")
    args = ap.parse_args(argv)
    if not Path("/proc/self/status").exists():
        raise SystemExit("footprint.py reads /proc/self/status: Linux only")

    print(f"python {sys.version.split()[0]}; cores {os.cpu_count()}; "
          f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        texts_file = os.path.join(tmp, "texts.json")
        with open(texts_file, "w", encoding="utf-8") as fh:
            json.dump(mixed_texts(args.data), fh, ensure_ascii=False)
        fmt = {"ru": SENTENCES["ru"], "sentences": SENTENCES, "texts_file": texts_file}
        for name, code in _SNIPPETS.items():
            show(name, run(name, code.format(**fmt)))
        if args.cold:
            env = dict(os.environ, CLIENTCOMM_CACHE=os.path.join(tmp, "cache"))
            name = "first detect_language, empty cache"
            show(name, run(name, _SNIPPETS["first detect_language (ru)"].format(**fmt), env))
            name = "build every word list (from empty)"
            show(name, run(name, textwrap.dedent("""
                from clientcomm.language import wordlists
                t = time.perf_counter()
                built = wordlists.build_all()
                report(step_s=time.perf_counter() - t, MB=round(sum(p.stat().st_size for p in built) / 1e6, 1))
            """), dict(env, CLIENTCOMM_CACHE=os.path.join(tmp, "cache2"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
