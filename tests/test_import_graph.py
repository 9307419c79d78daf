"""No import cycles between the modules of ``liaison_desk``, function-level imports included.

import-linter's contracts keep the layers apart; inside a layer, two modules importing each other (often
hidden in a function-level import "to avoid a circular import") mean neither can be read, tested or moved
on its own. The graph is grimp's (import-linter's own library), which records imports wherever they are
written, in functions too. Imports under ``if TYPE_CHECKING:`` are left out: they never run.

A shared piece that two modules both need goes into a lower module they both import.
"""

from __future__ import annotations

import itertools
import sys
import textwrap

import grimp
import pytest


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """One cycle per group of modules that import each other (a strongly connected component), as the
    modules of its shortest chain, first module repeated at the end; sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        # Tarjan's algorithm, iterative: (module, the modules it imports still to visit)
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            module, todo = work[-1]
            nxt = next(todo, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.find_modules_directly_imported_by(nxt)))))
                elif nxt in on_stack:
                    low[module] = min(low[module], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1 or graph.direct_import_exists(importer=module, imported=module):
                    groups.append(sorted(group))
    return [_shortest_cycle(graph, group) for group in sorted(groups)]


def _shortest_cycle(graph: grimp.ImportGraph, group: list[str]) -> list[str]:
    """The shortest way from the group's first module back to itself, inside the group (breadth first)."""
    first, members = group[0], set(group)
    came_from: dict[str, str] = {}
    frontier = [first]
    while frontier:
        following = []
        for module in frontier:
            for nxt in sorted(graph.find_modules_directly_imported_by(module)):
                if nxt == first:
                    path = [module]
                    while path[-1] != first:
                        path.append(came_from[path[-1]])
                    return [first, *reversed(path[:-1]), first] if module != first else [first, first]
                if nxt in members and nxt not in came_from:
                    came_from[nxt] = module
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no way back to {first} in {group}")  # a strongly connected group always has one


def describe(graph: grimp.ImportGraph, cycle: list[str]) -> str:
    """``a -> b (a.py line 12: from .b import x) -> a (…)``."""
    parts = [cycle[0]]
    for importer, imported in itertools.pairwise(cycle):
        details = graph.get_import_details(importer=importer, imported=imported)
        where = f" (line {details[0]['line_number']}: {details[0]['line_contents']})" if details else ""
        parts.append(f"-> {imported}{where}")
    return "\n      ".join(parts)


def test_no_import_cycles_between_modules():
    graph = grimp.build_graph("liaison_desk", exclude_type_checking_imports=True, cache_dir=None)
    found = cycles(graph)
    assert not found, "Import cycles (function-level imports included); move the shared piece into a lower module:\n" + \
        "\n".join(f"  {n}. {describe(graph, c)}" for n, c in enumerate(found, 1))


def test_a_cycle_through_a_function_level_import_is_found(tmp_path, monkeypatch):
    """The check itself: a cycle hidden in a function body is reported, with the line that makes it."""
    pkg = tmp_path / "cyclepkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "low.py").write_text("VALUE = 1\n")
    (pkg / "a.py").write_text("from . import low\n\n\ndef f():\n    from .b import g\n    return g()\n")
    (pkg / "b.py").write_text("from .a import f\n\n\ndef g():\n    return 1\n")
    (pkg / "typed.py").write_text(textwrap.dedent("""
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from .low2 import X
        """))
    (pkg / "low2.py").write_text("from .typed import TYPE_CHECKING\nX = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("cyclepkg", exclude_type_checking_imports=True, cache_dir=None)
    found = cycles(graph)
    assert found == [["cyclepkg.a", "cyclepkg.b", "cyclepkg.a"]]
    text = describe(graph, found[0])
    assert "line 5: from .b import g" in text and "line 1: from .a import f" in text
    sys.modules.pop("cyclepkg", None)


@pytest.mark.parametrize("edges", [[("p.x", "p.x")], [("p.x", "p.y"), ("p.y", "p.z"), ("p.z", "p.x")]])
def test_self_imports_and_longer_circles_are_found(edges):
    graph = grimp.ImportGraph()
    for importer, imported in edges:
        graph.add_module(importer)
        graph.add_module(imported)
        graph.add_import(importer=importer, imported=imported)
    graph.add_module("p.free")
    found = cycles(graph)
    assert len(found) == 1 and found[0][0] == found[0][-1] == "p.x"
    assert set(found[0]) == {m for edge in edges for m in edge}
