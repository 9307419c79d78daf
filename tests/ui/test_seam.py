"""The seam between the screens and the services (docs/ARCHITECTURE.md, Layers): screens call typed services
directly. There is no pass-through port, no duck-typed lookup, and every service function a screen calls says
what it returns (a frozen dataclass, a plain value), never ``Any``.

Read from the source with ``ast`` (no Qt needed), then checked against the imported service objects.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import importlib
import inspect
import typing
from pathlib import Path

import pytest

import liaison_desk

PACKAGE = Path(liaison_desk.__file__).parent
UI = PACKAGE / "ui"

# getattr/hasattr with a literal name on something a service did not return: an exception's optional field,
# Qt/Python internals. Anything else is a screen guessing the shape of a service's result.
NOT_SERVICE_DATA = {"field", "__name__", "__orig_import__", "_gc_guard", "name", "print_error"}


def _ui_modules() -> list[Path]:
    return sorted(UI.glob("*.py"))


def _module_name(path: Path) -> str:
    return "liaison_desk.ui." + path.stem if path.stem != "__init__" else "liaison_desk.ui"


def _absolute(node: ast.ImportFrom) -> str:
    """``from ..services.desk import x`` inside liaison_desk.ui.* → liaison_desk.services.desk."""
    if node.level == 0:
        return node.module or ""
    base = ["liaison_desk", "ui"][: 3 - node.level] if node.level <= 2 else []
    return ".".join([*base, *(node.module.split(".") if node.module else [])])


def _service_uses(path: Path) -> set[tuple[str, str]]:
    """(module, name) of every services object the file uses: imported by name, or read off an imported
    services module (``lookups.list_villages``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    uses: set[tuple[str, str]] = set()
    module_aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            mod = _absolute(node)
            if not mod.startswith("liaison_desk.services"):
                continue
            for alias in node.names:
                full = f"{mod}.{alias.name}"
                try:
                    importlib.import_module(full)
                except ImportError:
                    uses.add((mod, alias.name))
                else:  # a module: its attributes are collected below
                    module_aliases[alias.asname or alias.name] = full
        # ``listing = _OnFirstUse("..services.cases.listing")``: a services module loaded at first use
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and node.value.args
                and isinstance(node.value.args[0], ast.Constant) and isinstance(node.value.args[0].value, str)
                and node.value.args[0].value.startswith("..services.")):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    module_aliases[target.id] = "liaison_desk" + node.value.args[0].value[1:]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in module_aliases:
            uses.add((module_aliases[node.value.id], node.attr))
    return uses


def _all_service_uses() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for path in _ui_modules():
        for use in _service_uses(path):
            found.setdefault(use, []).append(path.name)
    return found


def test_no_pass_through_port():
    assert not (UI / "backend.py").exists(), "ui/backend.py is gone: screens call typed services directly"
    for path in _ui_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert "backend" not in {a.name for a in node.names} and "backend" not in (node.module or ""), \
                    f"{path.name} imports the old backend"


def test_screens_use_services():
    """The walk finds what the screens use (so the checks below are not vacuous)."""
    uses = _all_service_uses()
    names = {name for _mod, name in uses}
    assert {"act_on_case", "get_case", "list_villages", "sign_in_as", "handover_summary", "print_letter",
            "desk_queue"} <= names, sorted(names)


def _type_checking_names(module_name: str) -> dict[str, object]:
    """The names a module imports under ``if TYPE_CHECKING:`` (to keep its import light), for resolving its
    annotations."""
    module = importlib.import_module(module_name)
    names: dict[str, object] = {"__name__": module.__name__, "__package__": module.__package__}
    for node in ast.parse(inspect.getsource(module)).body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            exec(compile(ast.Module(body=node.body, type_ignores=[]), module.__file__ or "", "exec"), names)
    return names


def _bad_return(obj: object) -> str | None:
    try:
        hints = typing.get_type_hints(obj, localns=_type_checking_names(obj.__module__))
    except Exception as exc:  # noqa: BLE001 - an annotation that does not resolve is as bad as none
        return f"annotations do not resolve ({exc})"
    if "return" not in hints:
        return "no return annotation"
    ret = hints["return"]
    if ret is typing.Any or typing.Any in typing.get_args(ret):
        return f"returns {ret}"
    return None


def test_every_service_a_screen_calls_is_typed():
    problems = []
    for (mod, name), files in sorted(_all_service_uses().items()):
        obj = getattr(importlib.import_module(mod), name, None)
        where = f"{mod}.{name} (used by {', '.join(sorted(files))})"
        if obj is None:
            problems.append(f"{where}: does not exist")
        elif inspect.isclass(obj):
            if issubclass(obj, (enum.Enum, Exception)):
                continue
            # a dataclass (results are frozen; a form's input may be filled in) or a value class that declares
            # its attributes (PrintedPdf: bytes with pages and warnings)
            declared = ({f.name: f.type for f in dataclasses.fields(obj)} if dataclasses.is_dataclass(obj)
                        else inspect.get_annotations(obj))
            if not declared:
                problems.append(f"{where}: a class a screen uses declares its attributes")
            elif any("Any" in str(t) for t in declared.values()):
                problems.append(f"{where}: has an attribute typed Any")
        elif callable(obj):
            bad = _bad_return(obj)
            if bad:
                problems.append(f"{where}: {bad}")
    assert not problems, "\n".join(problems)


def test_no_duck_typed_lookups():
    """No ``_get(obj, *names)`` helper, no getattr/hasattr guessing at a service result's attributes."""
    problems = []
    for path in _ui_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.args.vararg is not None and any(
                    isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("getattr", "hasattr")
                    for n in ast.walk(node)):
                problems.append(f"{path.name}:{node.lineno} {node.name}(*{node.args.vararg.arg}) looks names up")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("getattr", "hasattr") and len(node.args) >= 2
                    and isinstance(node.args[1], ast.Constant) and node.args[1].value not in NOT_SERVICE_DATA
                    and (node.func.id == "hasattr" or len(node.args) == 3)):
                problems.append(f"{path.name}:{node.lineno} {node.func.id}(…, {node.args[1].value!r}) guesses a shape")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["CaseBrief", "DeskSettings", "SignedIn", "DeputyChoice"])
def test_one_class_per_name(name):
    """A dataclass name means one thing: the services' classes are not re-declared with other fields."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(PACKAGE)}:{n.lineno}" for n in ast.walk(tree)
                  if isinstance(n, ast.ClassDef) and n.name == name]
    assert len(found) <= 1, found
