"""Running a slow service call off the UI thread, so the window keeps painting and answering the user."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..domain.errors import DomainError

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Lives in the UI thread; signals emitted from the pool thread are queued to the UI thread's slots."""

    progress = Signal(str)
    finished = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception


class Task(QRunnable):
    """``fn(*args, **kwargs)`` on a pool thread. With ``progress=True`` it gets a ``progress`` callback too."""

    def __init__(self, fn: Callable[..., Any], *args: Any, progress: bool = False, **kwargs: Any):
        super().__init__()
        self.signals = TaskSignals()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        if progress:
            self._kwargs["progress"] = self.signals.progress.emit

    def run(self) -> None:
        try:
            result = self._fn(*self._args, **self._kwargs)
        except DomainError as exc:  # the user's input or state: shown to them, not a bug
            log.info("background task refused: %s", exc.code)
            self._emit(self.signals.failed, exc)
        except Exception as exc:  # a pool thread must never die silently
            log.exception("background task failed")
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.finished, result)

    @staticmethod
    def _emit(signal, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the window that asked was closed meanwhile: nobody is waiting for the answer
            log.debug("background task finished after its receiver was gone")


# Tasks in flight. Python must keep each task (and so its signals object) alive until its result has been
# *delivered* on the UI thread: a queued signal whose sender object is gone is silently dropped, so a caller
# that did not keep the task would never hear back. Released by a slot connected after the caller's own,
# hence run after them.
_running: set[Task] = set()


def start(task: Task, pool: QThreadPool | None = None) -> Task:
    """Run ``task`` on the pool; connect its signals *before* calling this."""
    _running.add(task)
    task.signals.finished.connect(lambda *_: _running.discard(task))
    task.signals.failed.connect(lambda *_: _running.discard(task))
    (pool or QThreadPool.globalInstance()).start(task)
    return task
