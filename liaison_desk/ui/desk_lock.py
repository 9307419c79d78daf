"""Who may see the desk: the idle lock (and the PIN that lifts it, perhaps another person's), and signing out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel

from .idle_lock import IdleWatcher

if TYPE_CHECKING:
    from .main_window import MainWindow


class DeskLock(QObject):
    """``locked`` / ``unlocked`` around a PIN; ``signed_out`` when the shift ended (the window then closes)."""

    locked = Signal()
    unlocked = Signal()
    signed_out = Signal()

    def __init__(self, window: MainWindow, idle_ms: int):
        super().__init__(window)
        self.window = window
        self.dialog: Any = None  # the PIN dialog while locked
        self.end_shift_dialog: Any = None
        self.cover = QLabel(self.tr("值班台已锁定，请输入密码解锁。"))
        self.cover.setObjectName("emptyState")
        self.cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle = IdleWatcher(idle_ms, self)
        self.idle.idle.connect(self.lock)

    def set_idle_minutes(self, minutes: float) -> None:
        self.idle.set_timeout_ms(IdleWatcher.minutes_to_ms(minutes))
        self.idle.restart()

    @property
    def is_locked(self) -> bool:
        return self.window.stack.currentWidget() is self.cover

    def lock(self) -> None:
        """Hide everything personal and ask for a PIN; the walk-in form's draft is saved first."""
        w = self.window
        if self.is_locked or w.session.actor is None:
            return
        from .signin_dialog import SignInDialog

        w.walkin.save_draft()
        self.idle.stop()
        for page in list(w.case_pages):
            page.close()
        # dialogs that show personal data or act as the signed-in person go too (the lock hides everything)
        w.menus.close_dialogs()
        if w.sync is not None:
            w.sync.close_dialogs()
        w.stack.setCurrentWidget(self.cover)
        w.menuBar().setEnabled(False)
        self.dialog = SignInDialog(w.session, locked_for=w.session.actor.name, parent=w)
        self.dialog.accepted.connect(self._unlock)
        self.dialog.rejected.connect(w.close)
        self.locked.emit()
        self.dialog.open()

    def _unlock(self) -> None:
        w = self.window
        signed, actor = self.dialog.signed, w.session.actor
        if signed is not None and (actor is None or signed.actor.name != actor.name
                                   or signed.shift_id != w.session.shift_id):
            w.set_session(w.session.with_actor(signed.actor, signed.shift_id))
        if signed is not None:
            w.session.publish(signed.changes)  # another deputy's shift opened (a resumed one changed nothing)
        self.dialog = None
        w.stack.setCurrentIndex(0)
        w.menuBar().setEnabled(True)
        self.idle.restart()
        w.refresh()
        self.unlocked.emit()

    def end_shift(self) -> None:
        if self.window.session.actor is None:
            return
        from .end_shift_dialog import EndShiftDialog

        self.end_shift_dialog = EndShiftDialog(self.window.session, self.window)
        self.end_shift_dialog.signed_out.connect(self._after_sign_out)
        self.end_shift_dialog.open()

    def _after_sign_out(self) -> None:
        w = self.window
        w.set_session(w.session.with_actor(None))
        self.idle.stop()
        self.signed_out.emit()
        w.close()
