"""py3langid's naive Bayes model, unpacked once into the cache and memory-mapped.

py3langid ships its model as an lzma-compressed ``.npz`` (4.6 MB) that unpacks
to about 68 MB: the feature × language table (float16) and the byte automaton
that finds the features. Unpacking takes 0.5-1.5 s and gives every process its
own 68 MB copy. Here the arrays are unpacked once into ``.npy`` files in the
cache folder (:func:`clientcomm.language.wordlists.cache_root`) and opened with
``numpy.load(mmap_mode="r")``: instant, and processes share the pages.

The arrays are py3langid's own, so scores are identical to
``LanguageIdentifier.from_modelpath`` on the shipped file.

>>> identifier().rank("Vă mulțumesc pentru ajutor")[0][0]
'ro'
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

__all__ = ["FORMAT", "model_dir", "build", "identifier"]

#: Version of the unpacked layout (part of the folder name).
FORMAT = 2
#: Arrays kept; ``ptc`` is stored transposed (one row per language), so a model restricted to a
#: few languages reads only their rows of the 28 MB table.
_ARRAYS = ("ptc_t", "pc", "nextmove", "nextmove_row", "out_feat")


def model_dir() -> Path:
    """Folder of the unpacked model: ``<cache>/py3langid-v2/<py3langid version>/model``."""
    from importlib.metadata import version

    from .wordlists import cache_root

    return cache_root() / f"py3langid-v{FORMAT}" / version("py3langid") / "model"


def build() -> Path:
    """Unpack py3langid's shipped model into the cache unless done already; the folder."""
    from .wordlists import build_once

    def write(path: Path) -> None:
        import lzma

        import numpy as np
        from py3langid.langid import MODEL_DIR, MODEL_FILE

        path.mkdir()
        with lzma.open(MODEL_DIR / MODEL_FILE) as fh, np.load(fh, allow_pickle=False) as data:
            for name in _ARRAYS:
                a = np.ascontiguousarray(data["ptc"].T) if name == "ptc_t" else data[name]
                np.save(path / f"{name}.npy", a, allow_pickle=False)
            (path / "classes.json").write_text(json.dumps(data["classes"].tolist()), encoding="utf-8")

    return build_once(model_dir(), write)


@lru_cache(maxsize=1)
def identifier():
    """py3langid ``LanguageIdentifier`` (raw scores, ``norm_probs=False``) over the mapped arrays."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    folder = build()
    arr = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
    classes = json.loads((folder / "classes.json").read_text(encoding="utf-8"))
    # The automaton is read one cell at a time from Python: a memoryview of the mapped
    # array gives plain ints (as py3langid's own stdlib array does) without copying it.
    nextmove = memoryview(arr["nextmove"])
    return LanguageIdentifier(arr["ptc_t"].T, np.asarray(arr["pc"]), classes, nextmove, arr["out_feat"].tolist(),
                              norm_probs=False, tk_row=arr["nextmove_row"].tolist())
