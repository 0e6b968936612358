"""Deprecated name of :mod:`clientcomm.io` (renamed for clarity, issue 15); re-exports it."""
from __future__ import annotations

import warnings

from .io import *  # noqa: F401,F403 - the old import path keeps working
from .io import __all__  # noqa: F401

warnings.warn("clientcomm.tables is deprecated: import clientcomm.io (read_table, write_table)",
              DeprecationWarning, stacklevel=2)
