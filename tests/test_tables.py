"""The old import paths (clientcomm.tables, clientcomm.loaders.report) still work, with a DeprecationWarning."""
from __future__ import annotations

import importlib
import sys

import pytest


@pytest.mark.parametrize("old,new,name", [("clientcomm.tables", "clientcomm.io", "write_table"),
                                          ("clientcomm.loaders.report", "clientcomm.loaders.load_report",
                                           "format_report")])
def test_old_module_warns_and_re_exports(old, new, name):
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=new.replace(".", r"\.")):
        mod = importlib.import_module(old)
    assert getattr(mod, name) is getattr(importlib.import_module(new), name)
