"""Walk a folder for :func:`clientcomm.load`: every entry is read or reported, symbolic links included.

A symbolic link to a file is read (its ``source`` is the link's path) unless
the file it points to was already read through another path, which is
reported as a duplicate; a link to a folder is followed unless that folder
was already walked (a loop, or a second path to it), which is reported;
a broken link, a FIFO or a socket is reported and never opened (opening a
FIFO would block forever). Hidden files are reported one by one, a hidden
folder as one entry. Nothing is dropped without a report entry.

>>> import tempfile, os
>>> d = Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("x")
>>> os.symlink(d, d / "loop")
>>> os.symlink(d / "a.txt", d / "b.txt")
>>> files, problems = walk(d)
>>> [s for _, s in files], [(s, r.split(":")[0]) for s, r in problems]
(['a.txt'], [('b.txt', 'symbolic link to a file already read as a.txt'), ('loop', 'symbolic link to a folder already read')])
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["walk"]


def walk(folder: str | Path, recursive: bool = True) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """``(files, problems)``: files to read as ``(path, source)`` and ``(source, reason)`` of entries not read.

    Both are sorted by ``source`` (the path relative to ``folder``, with ``/``).
    """
    root = Path(folder)
    found: list[tuple[Path, str]] = []
    problems: list[tuple[str, str]] = []
    seen_dirs = {root.resolve()}

    def visit(d: Path, rel: str) -> None:
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            problems.append((rel or ".", f"folder cannot be listed ({type(exc).__name__}: {exc.strerror or exc})"))
            return
        for e in entries:
            src = f"{rel}/{e.name}" if rel else e.name
            p = Path(e.path)
            if e.name.startswith("."):
                problems.append((src, "hidden folder: not read" if e.is_dir() else "hidden file"))
                continue
            link = e.is_symlink()
            try:
                st = os.stat(p)  # follows links
            except OSError:
                target = os.readlink(p) if link else "?"
                problems.append((src, f"broken symbolic link (to {target})" if link else "cannot be read"))
                continue
            if stat.S_ISDIR(st.st_mode):
                if not recursive:
                    continue
                real = p.resolve()
                if real in seen_dirs:
                    problems.append((src, "symbolic link to a folder already read: " + _rel(real, root)))
                    continue
                seen_dirs.add(real)
                visit(p, src)
            elif stat.S_ISREG(st.st_mode):
                found.append((p, src))
            else:
                problems.append((src, "not a regular file (FIFO, socket or device): not opened"))

    visit(root, "")
    found.sort(key=lambda f: f[1])
    files: list[tuple[Path, str]] = []
    first: dict[Path, str] = {}
    links = []
    real_root = root.resolve()
    for p, src in found:  # plain paths first, so the copy kept is the real file's
        (links if p.resolve() != real_root / src else files).append((p, src))
    for p, src in files:
        first.setdefault(p.resolve(), src)
    kept = [(p, s) for p, s in files]
    for p, src in links:
        real = p.resolve()
        if real in first:
            problems.append((src, f"symbolic link to a file already read as {first[real]}"))
        else:
            first[real] = src
            kept.append((p, src))
    kept.sort(key=lambda f: f[1])
    problems.sort()
    return kept, problems


def _rel(p: Path, root: Path) -> str:
    try:
        return p.relative_to(root.resolve()).as_posix() or "."
    except ValueError:
        return str(p)
