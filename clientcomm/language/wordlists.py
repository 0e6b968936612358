"""simplemma's word lists as compact, memory-mapped MARISA tries (one file per language).

simplemma ships each language's form → lemma dictionary lzma-compressed; its
default factory decodes it into a Python dict (Russian: 1.4 million forms,
several hundred MB). Here each dictionary is turned once into a
``marisa_trie.BytesTrie`` file (Russian: about 9 MB) in a cache folder, and
every process maps that file read-only (``mmap``): opening it is instant, only
the pages a look-up touches are read, and worker processes share them through
the operating system's page cache.

The same keys and values as simplemma's dictionary, so look-ups give the same
answers: :func:`wordlist` serves membership (``"дякую" in wordlist("uk")``) for
the language detector and :class:`WordListFactory` plugs into
``simplemma.Lemmatizer`` for lemmas.

Where the files live: ``$CLIENTCOMM_CACHE`` if set, else the user cache folder
(``platformdirs.user_cache_dir("clientcomm")``, e.g. ``~/.cache/clientcomm`` on
Linux), in ``wordlists-v1/simplemma-<version>/<code>.marisa``. A missing file
is built at first use (Russian about 7 s, all thirteen lists about 30 s on a
2-core machine, once per machine and simplemma version); a file
lock lets one process build while others wait, and the file appears under its
final name only when complete (written to a temporary name, then renamed).
Build them all ahead of time with ``python -m clientcomm.language.wordlists``.

>>> "mulțumesc" in wordlist("ro"), "mulțumesc" in wordlist("ru")
(True, False)
>>> wordlist("en").get("clients")
'client'
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

__all__ = ["FORMAT", "DETECTOR_CODES", "WordList", "WordListFactory", "cache_root", "cache_dir", "wordlist_path",
           "build_once", "build", "build_all", "wordlist", "simplemma_version"]

#: Version of the file layout; part of the folder name, so a change never reads an old file.
FORMAT = 1
#: simplemma codes the language detector consults (see ``lexicon.LEXICON_CODES``).
DETECTOR_CODES = ("ru", "uk", "bg", "mk", "hbs", "en", "ro", "it", "es", "pt", "fr", "ca")


@lru_cache(maxsize=1)
def simplemma_version() -> str:
    """Installed simplemma version (from its metadata: importing simplemma itself takes 0.3 s)."""
    from importlib.metadata import version

    return version("simplemma")


def cache_root() -> Path:
    """clientcomm's cache folder: ``$CLIENTCOMM_CACHE`` if set, else the user cache folder
    (``~/.cache/clientcomm`` on Linux, ``~/Library/Caches/clientcomm`` on macOS,
    ``%LOCALAPPDATA%\\clientcomm\\Cache`` on Windows)."""
    root = os.environ.get("CLIENTCOMM_CACHE")
    if not root:
        from platformdirs import user_cache_dir  # small, imported only when a cached file is needed

        root = user_cache_dir("clientcomm", appauthor=False)
    return Path(root)


def cache_dir() -> Path:
    """Folder holding the word-list files.

    >>> cache_dir().parts[-2]
    'wordlists-v1'
    """
    return cache_root() / f"wordlists-v{FORMAT}" / f"simplemma-{simplemma_version()}"


def wordlist_path(code: str) -> Path:
    """Path of the trie file of simplemma language ``code`` (it may not exist yet)."""
    return cache_dir() / f"{code}.marisa"


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Exclusive lock on ``path`` (created if needed) for the duration of the block."""
    with open(path, "a+b") as fh:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def build_once(target: Path, write: Callable[[Path], None]) -> Path:
    """Create ``target`` with ``write(temporary path)`` unless it exists; ``target``.

    Safe when several processes ask at once: one writes under a file lock, the
    others wait and then find the finished result. ``write`` fills a temporary
    path in the same folder (a file or a folder), which is then renamed to
    ``target`` in one step, so a reader never sees a half-written result.
    """
    if target.exists():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OSError(f"cannot create the cache folder {target.parent} ({err.strerror}); "
                      "set CLIENTCOMM_CACHE to a writable folder") from err
    with _file_lock(target.parent / f".{target.name}.lock"):
        if target.exists():  # written by another process while this one waited
            return target
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        try:
            write(tmp / target.name)
            os.replace(tmp / target.name, target)  # atomic rename within one folder
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def build(code: str) -> Path:
    """Build the trie file of simplemma language ``code`` unless it exists; its path.

    Raises ValueError for a language simplemma has no dictionary for.
    """
    target = wordlist_path(code)
    if target.exists():
        return target
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    if code not in SUPPORTED_LANGUAGES:
        raise ValueError(f"simplemma {simplemma_version()} has no word list for {code!r}")

    def write(path: Path) -> None:
        import marisa_trie
        from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk

        raw = _load_dictionary_from_disk(code)  # bytes → bytes; the only time it is decoded
        marisa_trie.BytesTrie((k.decode(), v) for k, v in raw.items()).save(str(path))

    return build_once(target, write)


def build_all(codes: tuple[str, ...] = DETECTOR_CODES + ("pl",)) -> list[Path]:
    """Build every listed word list that is missing (default: the detector's and Polish); their paths."""
    return [build(c) for c in codes]


class WordList(Mapping[str, str]):
    """Read-only ``form → lemma`` mapping over a memory-mapped ``marisa_trie.BytesTrie``.

    >>> wl = wordlist("fr")
    >>> "bonjour" in wl, "bonjourx" in wl, len(wl) > 100_000
    (True, False, True)
    """

    __slots__ = ("code", "_trie")

    def __init__(self, code: str, path: str | Path) -> None:
        import marisa_trie

        self.code = code
        self._trie = marisa_trie.BytesTrie()
        self._trie.mmap(str(path))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._trie

    def get(self, key: str, default=None):
        value = self._trie.get(key) if isinstance(key, str) else None
        return value[0].decode() if value else default

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return self._trie.iterkeys()

    def __len__(self) -> int:
        return len(self._trie)

    def __repr__(self) -> str:
        return f"WordList({self.code!r}, {len(self)} forms)"


@lru_cache(maxsize=64)  # one entry per language (simplemma has 54); the mapping itself is a few KB
def wordlist(code: str) -> WordList:
    """The word list of simplemma language ``code``, built into the cache first if missing."""
    return WordList(code, build(code))


class WordListFactory:
    """simplemma ``DictionaryFactory`` serving :func:`wordlist` (same answers as simplemma's default).

    >>> from simplemma import Lemmatizer
    >>> from simplemma.strategies import DefaultStrategy
    >>> lem = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=WordListFactory()))
    >>> lem.lemmatize("clienții", "ro")
    'client'
    """

    __slots__ = ()

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        return wordlist(lang)


def main(argv: list[str] | None = None) -> int:
    """``python -m clientcomm.language.wordlists [CODE ...]``: build word lists ahead of first use."""
    import time

    codes = tuple(argv if argv is not None else sys.argv[1:]) or DETECTOR_CODES + ("pl",)
    for code in codes:
        t0 = time.perf_counter()
        existed = wordlist_path(code).exists()
        path = build(code)
        note = "already built" if existed else f"built in {time.perf_counter() - t0:.1f} s"
        print(f"{code}: {path} ({path.stat().st_size / 1e6:.1f} MB, {note})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
