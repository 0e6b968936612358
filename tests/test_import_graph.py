"""The package's import graph has no cycle, counting imports inside functions too.

Every module of ``clientcomm`` is parsed with :mod:`ast` (nothing is
imported); each ``import``/``from … import`` anywhere in the file, including
function bodies, is an edge to the module it names:

- relative imports are resolved against the importing module's package;
- ``from pkg import name`` where ``pkg.name`` is a submodule is an import of
  that submodule (else of ``pkg`` itself);
- importing ``a.b.c`` also runs ``a/b/__init__.py``, so it is an edge to the
  intermediate packages too, except the importer's own ancestors (Python
  has those half-initialised in ``sys.modules`` already);
- imports under ``if TYPE_CHECKING:`` never run and are not edges.

A cycle is reported as the chain of modules, e.g.
``clientcomm.pipeline -> clientcomm.parallel -> clientcomm.pipeline``.
"""
from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

PACKAGE = "clientcomm"
#: found without importing it (importing would run the very imports under test)
ROOT = Path(importlib.util.find_spec(PACKAGE).origin).resolve().parent


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def discover_modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package: dotted name → file."""
    return {_module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _import_nodes(tree: ast.AST):
    """Import statements anywhere in the tree (functions included), skipping ``if TYPE_CHECKING:`` blocks."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _with_parents(target: str, importer: str, modules: dict[str, Path]) -> set[str]:
    """``target`` and the packages on the way to it that the import runs (not the importer's ancestors)."""
    out = {target}
    parts = target.split(".")
    for k in range(1, len(parts)):
        pkg = ".".join(parts[:k])
        if pkg in modules and not (importer == pkg or importer.startswith(pkg + ".")):
            out.add(pkg)
    return out


def module_imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package modules that ``name`` imports, anywhere in its file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_pkg = path.name == "__init__.py"
    here = name.split(".") if is_pkg else name.split(".")[:-1]
    found: set[str] = set()
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                    target = alias.name
                    while target not in modules and "." in target:
                        target = target.rsplit(".", 1)[0]
                    found |= _with_parents(target, name, modules)
            continue
        if node.level:
            base = here[:len(here) - (node.level - 1)]
            full = ".".join(base + ([node.module] if node.module else []))
        else:
            full = node.module or ""
        if not (full == PACKAGE or full.startswith(PACKAGE + ".")):
            continue
        for alias in node.names:
            sub = f"{full}.{alias.name}"
            if sub in modules:
                found |= _with_parents(sub, name, modules)
            elif full in modules:  # a name defined in ``full`` (even an ancestor package: an explicit import)
                found |= _with_parents(full, name, modules)
    found.discard(name)
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    modules = discover_modules(root)
    return {name: module_imports(name, path, modules) for name, path in modules.items()}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a closed chain of module names) per strongly connected component that has one."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = [0]

    def strongconnect(v: str) -> None:  # Tarjan's algorithm
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                components.append(comp)

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return [_a_cycle_in(sorted(comp), graph) for comp in components]


def _a_cycle_in(comp: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest closed chain through the first module of a strongly connected component."""
    members = set(comp)
    start = comp[0]
    prev: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(graph[v] & members):
                if w == start:
                    chain = [v]
                    while chain[-1] != start:
                        chain.append(prev[chain[-1]])
                    return [start, *reversed(chain[:-1]), start]
                if w not in prev:
                    prev[w] = v
                    nxt.append(w)
        frontier = nxt
    return comp  # unreachable for a real component


def test_the_package_import_graph_has_no_cycle():
    graph = import_graph()
    assert "clientcomm.pipeline" in graph and len(graph) > 20
    cycles = find_cycles(graph)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_walker_sees_function_level_relative_and_submodule_imports(tmp_path):
    """The detector itself: a cycle hidden in a function, via ``from . import submodule``, is found."""
    pkg = tmp_path / PACKAGE
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from .a import f\n", encoding="utf-8")
    (pkg / "a.py").write_text("from .sub import b\n\ndef f():\n    return b\n", encoding="utf-8")
    (pkg / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "sub" / "b.py").write_text("def g():\n    from .. import a  # hidden\n    return a\n",
                                      encoding="utf-8")
    (pkg / "sub" / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                      "    from ..a import f\n", encoding="utf-8")
    graph = import_graph(pkg)
    assert graph[f"{PACKAGE}.a"] == {f"{PACKAGE}.sub", f"{PACKAGE}.sub.b"}
    assert graph[f"{PACKAGE}.sub.c"] == set()
    assert find_cycles(graph) == [[f"{PACKAGE}.a", f"{PACKAGE}.sub.b", f"{PACKAGE}.a"]]
