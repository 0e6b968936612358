"""Peak memory and time of loading a 50 MB file with ``clientcomm.load``.

Targets (issue 12): peak memory under 500 MB on a 50 MB file, and a 50 MB
WhatsApp export loaded in under 60 s.

Writes a generated file (fixed seed; client-message paragraphs in ru, ro, zh
and en) to a temporary folder, then loads it in a fresh subprocess and reports
that process's wall time and peak resident set size
(``resource.getrusage(...).ru_maxrss``) next to the peak of a process that
only imports clientcomm. Formats: a plain ``.txt`` document, a WhatsApp
export or a CSV table of the same size; by default the ``.txt`` file and the
WhatsApp export are both measured and both figures printed.

Run from the repository root:
    python benchmarks/load_memory.py [--mb 50] [--format txt,whatsapp|txt|whatsapp|csv] [--keep]
"""
from __future__ import annotations

import argparse
import csv
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "Здравствуйте! Подскажите, пожалуйста, когда будет доставлен мой заказ?",
    "Спасибо, менеджер всё объяснил спокойно и подробно, претензий нет.",
    "Клиент недоволен: звонил трижды, но так и не получил ответа.",
    "Bună ziua, aș dori să modific adresa de livrare pentru comanda mea.",
    "Mulțumesc pentru răbdare, problema a fost rezolvată în aceeași zi.",
    "Clientul cere o reducere pentru întârzierea livrării.",
    "您好，请问我的退款什么时候能到账？", "客户对服务很满意，表示下次还会再来。", "請盡快回覆，我們需要確認交貨時間。",
    "Thanks for the quick reply, the replacement works fine.", "The client asked to move the meeting to Friday.",
]


def write_file(path: Path, size: int, fmt: str, seed: int = 42) -> int:
    rng = random.Random(seed)
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f) if fmt == "csv" else None
        if w:
            w.writerow(["timestamp", "sender", "channel", "text"])
        i = 0
        while written < size:
            text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 6)))
            i += 1
            if fmt == "txt":
                line = text + ("\n\n" if rng.random() < 0.3 else "\n")
                f.write(line)
            elif fmt == "whatsapp":
                line = f"{i % 28 + 1:02d}.01.2023, {i % 24:02d}:{i % 60:02d} - Client {i % 50}: {text}\n"
                f.write(line)
            else:
                row = [f"2023-01-{i % 28 + 1:02d} {i % 24:02d}:{i % 60:02d}", f"Client {i % 50}", "chat", text]
                w.writerow(row)
                line = ",".join(row) + "\n"
            written += len(line.encode("utf-8"))
    return path.stat().st_size


CHILD = """
import resource, sys, time
t = time.perf_counter()
import clientcomm
from clientcomm.loaders import load
if sys.argv[1] != "-":
    df = load(sys.argv[1])
    n, chars = len(df), int(df["text"].str.len().sum())
else:
    n = chars = 0
print(n, chars, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, round(time.perf_counter() - t, 1))
"""


def measure(path: str) -> tuple[int, int, float, float]:
    r = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True, text=True, check=True)
    n, chars, rss_kb, secs = r.stdout.split()
    return int(n), int(chars), int(rss_kb) / 1024, float(secs)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--format", default="txt,whatsapp",
                    help="comma-separated formats among txt, whatsapp, csv (default: txt,whatsapp)")
    ap.add_argument("--limit-mb", type=float, default=500)
    ap.add_argument("--whatsapp-limit-s", type=float, default=60, help="time target of the WhatsApp export")
    ap.add_argument("--keep", action="store_true", help="keep the generated file")
    args = ap.parse_args(argv)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = set(formats) - {"txt", "whatsapp", "csv"}
    if unknown:
        ap.error(f"unknown format(s) {', '.join(sorted(unknown))}: choose from txt, whatsapp, csv")
    folder = Path(tempfile.mkdtemp(prefix="cc_loadmem_"))
    _, _, base, _ = measure("-")
    print(f"baseline (import clientcomm only): peak RSS {base:.0f} MiB")
    ok = True
    for fmt in formats:
        path = folder / {"txt": "big.txt", "whatsapp": "big_chat.txt", "csv": "big.csv"}[fmt]
        t = time.perf_counter()
        size = write_file(path, int(args.mb * 1024 * 1024), fmt)
        print(f"wrote {path.name}: {size / 2**20:.1f} MiB ({fmt}) in {time.perf_counter() - t:.1f}s")
        n, chars, peak, secs = measure(str(path))
        mem_ok = peak < args.limit_mb
        line = (f"load({path.name}): {n} documents, {chars:,} characters of text, {secs:.1f}s, peak RSS {peak:.0f} MiB "
                f"(target < {args.limit_mb:.0f} MiB): {'OK' if mem_ok else 'ABOVE TARGET'}")
        if fmt == "whatsapp":
            time_ok = secs < args.whatsapp_limit_s
            line += f"; time target < {args.whatsapp_limit_s:.0f} s: {'OK' if time_ok else 'ABOVE TARGET'}"
            mem_ok = mem_ok and time_ok
        print(line, flush=True)
        ok = ok and mem_ok
        if not args.keep:
            path.unlink()
    if not args.keep:
        shutil.rmtree(folder)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
