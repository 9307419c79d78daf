"""Python's cycle collector runs only on the UI thread.

CPython's cyclic garbage collector runs in whichever thread happens to allocate when a threshold is crossed. If
that is a pool thread (a background search, a PDF build, a sync round) and the garbage holds Qt objects that
belong to the UI thread, their C++ destructors run on the wrong thread, which can crash the process. The usual
remedy for PyQt/PySide programs: switch automatic collection off and collect from a timer on the UI thread.
Reference counting still frees almost everything at once; only cycles wait for the timer.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadCollector(QObject):
    """Call ``install(app)`` once; collects young generations often and everything now and then."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 2000):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)

    def start(self) -> None:
        gc.disable()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()

    def collect(self) -> None:
        # the same policy as the automatic collector, by its own thresholds, but on this (the UI) thread
        threshold = gc.get_threshold()
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > threshold[generation]:
                gc.collect(generation)
                return


def install(app: QObject) -> MainThreadCollector:
    collector = MainThreadCollector(app)
    collector.start()
    return collector
