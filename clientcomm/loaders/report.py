"""Deprecated name of :mod:`clientcomm.loaders.load_report` (renamed for clarity, issue 15); re-exports it."""
from __future__ import annotations

import warnings

from .load_report import *  # noqa: F401,F403 - the old import path keeps working
from .load_report import __all__  # noqa: F401

warnings.warn("clientcomm.loaders.report is deprecated: import clientcomm.loaders.load_report",
              DeprecationWarning, stacklevel=2)
