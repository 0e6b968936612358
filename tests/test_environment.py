"""environment.yml (conda) and pyproject.toml (pip) must declare the same dependencies."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10: the test extra declares tomli there
    import tomli as tomllib

# Same package, different name in the two ecosystems.
CONDA_NAMES = {"dask[dataframe]": "dask"}


def _split(req: str) -> tuple[str, str]:
    req = req.split(";", 1)[0]  # an environment marker is pip's business, not a different package
    m = re.match(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*(.*)$", req)
    name, spec = m.group(1).lower(), m.group(2).replace(" ", "")
    return CONDA_NAMES.get(name, name).replace("_", "-"), spec


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    proj = data["project"]
    reqs = list(proj["dependencies"])
    for extra in ("notebooks", "dask", "test"):
        reqs += proj["optional-dependencies"].get(extra, [])
    return dict(_split(r) for r in reqs)


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            if item.startswith("-e") or item in ("pip",) or item.startswith("python"):
                continue
            name, spec = _split(item)
            out[name] = spec
    return out


def test_same_packages():
    pp, env = _pyproject(), _environment()
    assert sorted(set(pp) - set(env)) == [], "in pyproject.toml but not environment.yml"
    assert sorted(set(env) - set(pp)) == [], "in environment.yml but not pyproject.toml"


def test_same_lower_bounds():
    pp, env = _pyproject(), _environment()
    diff = {k: (pp[k], env[k]) for k in pp if k in env and pp[k] != env[k]}
    assert diff == {}


def test_conda_forge_channel():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
