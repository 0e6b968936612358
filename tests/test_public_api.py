"""The package's public names: each resolves to what its module defines, imported on first use."""
from __future__ import annotations

import subprocess
import sys

import clientcomm


def test_every_public_name_resolves_to_its_modules_object():
    import importlib

    for name in clientcomm.__all__:
        value = getattr(clientcomm, name)
        if name == "__version__":
            assert isinstance(value, str)
            continue
        where = clientcomm._LAZY.get(name)
        if where is not None:
            assert value is getattr(importlib.import_module(f"clientcomm.{where}"), name)
        assert callable(value), name
        assert name in dir(clientcomm)


def test_names_shared_with_submodules_are_the_functions():
    # clientcomm.segment and clientcomm.redact are also modules; the package attribute is the function
    import clientcomm.redact  # noqa: F401  (importing the module again must not replace the function)
    import clientcomm.segment  # noqa: F401

    assert clientcomm.segment.__module__.startswith("clientcomm.segment")
    assert callable(clientcomm.redact) and callable(clientcomm.segment)


def test_unknown_name_is_an_attribute_error():
    try:
        clientcomm.no_such_helper
    except AttributeError as e:
        assert "no_such_helper" in str(e)
    else:
        raise AssertionError("an unknown name must raise AttributeError")


def test_import_does_not_load_statistics_or_conversations():
    code = ("import sys, clientcomm; "
            "print(sorted(m for m in ('clientcomm.stats', 'clientcomm.conversations', 'clientcomm.clean') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    code = "import clientcomm; clientcomm.kwic; import sys; print('clientcomm.stats' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"


def test_star_import_gives_every_public_name():
    ns: dict = {}
    exec("from clientcomm import *", ns)
    assert set(clientcomm.__all__) <= set(ns)
