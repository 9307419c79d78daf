"""All Qt code of the desk.

Importing PySide6 replaces Python's ``__import__`` with shiboken's ``__feature_import__``, which serves the
opt-in ``from __feature__ import snake_case`` syntax by reading the *source file* of every module imported
afterwards (``inspect.getsource``). The desk never uses ``__feature__``; the hook only slowed every later
import (SQLAlchemy and the services are loaded after the window is up) and crashed the process
(``none_dealloc``) when a module was imported on a pool thread while the UI thread ran (the desk now
imports on the UI thread only, see ``start_screen``). So the hook is taken out once PySide6 is loaded: the
import function it wraps goes back in place (PySide6's own lazy loader ``__orig_import__``, which keeps
``from PySide6.X import *`` complete; else Python's own); a test checks it stays so.
"""

import builtins
import importlib

import PySide6.QtCore  # noqa: F401  (installs the hook that is taken out again below)

from .. import ORIGINAL_IMPORT


def _is_feature_import(fn) -> bool:
    return getattr(fn, "__name__", "") == "__feature_import__"


def restore_import() -> None:
    if _is_feature_import(builtins.__import__):
        # PySide6 may have been imported before this package (a test runner's plugin, say): then the
        # function taken at start is the hook itself, and importlib's equivalent stands in for it.
        # PySide6 ≥ 6.7 keeps the import function it wraps (its lazy loader, which also serves
        # ``from PySide6.X import *``) as ``__orig_import__``: that is the one to go back to when present.
        fallback = importlib.__import__ if _is_feature_import(ORIGINAL_IMPORT) else ORIGINAL_IMPORT
        builtins.__import__ = getattr(builtins, "__orig_import__", fallback)


restore_import()
