"""Reading the package's YAML data files (dictionaries, cue lists, weights) with libyaml's C parser.

``yaml.safe_load`` runs PyYAML's pure-Python parser: about 0.2 s of every
worker's start-up went to the two dictionaries alone. ``CSafeLoader`` (PyYAML
built with libyaml, as its wheels are) builds the same documents with the same
safe constructors, several times faster; without libyaml the pure-Python
``SafeLoader`` is used.

>>> import io
>>> load_yaml(io.StringIO("labels: [a, b]"))
{'labels': ['a', 'b']}
"""
from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import yaml

__all__ = ["load_yaml"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: str | Path | IO[str]) -> Any:
    """The YAML document in ``source`` (a path or an open text file), read with the safe constructors."""
    if isinstance(source, (str, Path)):
        with open(source, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)  # noqa: S506 (a safe loader)
    return yaml.load(source, Loader=_LOADER)  # noqa: S506 (a safe loader)
