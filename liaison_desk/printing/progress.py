"""Progress and cancellation of a long build, without a parameter on every builder and service.

A caller that wants them (the desk's ``PdfJob`` on a worker thread) wraps its call in ``build_hooks(...)``;
the long table reports rows laid out, and every finished page checks whether the caller gave up, raising
``BuildCancelled`` so ReportLab stops at once. Hooks live in a context variable, so two builds on two
threads never see each other's hooks, and a build with none pays one lookup per page.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


class BuildCancelled(Exception):
    """The caller cancelled the build; nothing was printed or recorded."""


@dataclass(frozen=True)
class Hooks:
    progress: Callable[[int, int], None] | None = None  # (rows done, rows in all)
    cancelled: Callable[[], bool] | None = None


_HOOKS: contextvars.ContextVar[Hooks | None] = contextvars.ContextVar("liaison_build_hooks", default=None)


@contextmanager
def build_hooks(progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> Iterator[None]:
    token = _HOOKS.set(Hooks(progress, cancelled))
    try:
        yield
    finally:
        _HOOKS.reset(token)


def report(done: int, total: int) -> None:
    """Tell the caller how far the build is (and stop it if it was cancelled)."""
    hooks = _HOOKS.get()
    if hooks is None:
        return
    if hooks.progress is not None:
        hooks.progress(done, total)
    check()


def check() -> None:
    hooks = _HOOKS.get()
    if hooks is not None and hooks.cancelled is not None and hooks.cancelled():
        raise BuildCancelled()
