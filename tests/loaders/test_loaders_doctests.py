"""The examples in the loaders' and redaction's docstrings run and give what they show."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["clientcomm.loaders", "clientcomm.loaders.base", "clientcomm.loaders.load_report", "clientcomm.loaders.textio",
           "clientcomm.loaders.tables", "clientcomm.loaders.email", "clientcomm.loaders.telegram",
           "clientcomm.loaders.whatsapp", "clientcomm.loaders.text", "clientcomm.loaders.dates",
           "clientcomm.loaders.folder", "clientcomm.loaders.manifest", "clientcomm.redact", "clientcomm.decoding",
           "clientcomm.io"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
