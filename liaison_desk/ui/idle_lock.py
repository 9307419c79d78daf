"""Idle lock: a timer restarted by every key press, click or mouse move anywhere in the application.

A shared station PC is often left unattended with a deputy signed in; after N minutes without input the
desk locks and asks for a PIN again. The watcher only says "idle"; the main window decides what locking means.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

# Events that mean a person is at the keyboard. Paint, timer and focus events do not count: they happen
# on their own and would keep an abandoned desk unlocked forever.
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.InputMethod, QEvent.Type.TabletPress,
})


class IdleWatcher(QObject):
    """Emits ``idle`` once after ``timeout_ms`` without user input; ``restart()`` arms it again.

    A timeout of 0 switches the lock off (an administrator's choice for a PC in a locked office).
    """

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._enabled = int(timeout_ms) > 0
        self._timer.setInterval(max(1, int(timeout_ms)))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @staticmethod
    def minutes_to_ms(minutes: float) -> int:
        return max(0, int(minutes * 60_000))

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def set_timeout_ms(self, ms: int) -> None:
        self._enabled = int(ms) > 0
        self._timer.setInterval(max(1, int(ms)))
        if not self._enabled:
            self._timer.stop()
        elif self._timer.isActive():
            self._timer.start()

    def restart(self) -> None:
        if self._enabled:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_armed(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()  # any input pushes the lock further away
        return False  # never swallow the event

    def detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()
