"""Execute every notebook of this folder in place, so their stored outputs are current.

    python notebooks/run_all.py            # all numbered notebooks, in order
    python notebooks/run_all.py 02 05      # some of them

Each notebook runs in a fresh kernel with its working directory set to this
folder, parameters at their defaults (01–06 and 09: the bundled corpus; 07–08:
the example conversations in ``corpora/examples``). Cell timing
metadata is not recorded, so a re-run on unchanged code and data leaves the
files unchanged apart from the PNG bytes of figures, which nbval does not compare.
Afterwards ``python -m pytest --nbval notebooks/`` must pass.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent


def run(path: Path, timeout: int = 600) -> float:
    """Execute one notebook in place; returns the wall-clock seconds it took."""
    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(HERE)}})
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, str(path))
    return elapsed


def main(argv: list[str]) -> int:
    import matplotlib.font_manager  # noqa: F401  build the font cache before kernels start (no stderr notice in outputs)
    from nbclient.exceptions import CellExecutionError

    paths = sorted(HERE.glob("[0-9][0-9]_*.ipynb"))
    if argv:
        paths = [p for p in paths if p.stem.split("_")[0] in argv or p.stem in argv]
    failed = []
    for p in paths:
        try:
            seconds = run(p)
        except CellExecutionError as exc:  # keep going; the file on disk is left as it was
            failed.append(p.name)
            last = [line for line in str(exc).splitlines() if line.strip()][-1:]
            print(f"{p.name}: FAILED ({last[0] if last else exc.__class__.__name__})", flush=True)
            continue
        print(f"{p.name}: {seconds:.1f} s{'  (over the 60 s budget)' if seconds > 60 else ''}", flush=True)
    if failed:
        print(f"{len(failed)} notebook(s) failed: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
