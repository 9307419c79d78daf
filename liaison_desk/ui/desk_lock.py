"""Who may see the desk: the lock (by hand, Ctrl+L, or after idle minutes) and the PIN that lifts it, perhaps
another person's; ending a shift (签退交班: the desk goes back to the sign-in for the next deputy, the program
stays open); and quitting with a shift open (asked first: 签退并退出 / 不签退直接退出 / 取消)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox

from .idle_lock import IdleWatcher

if TYPE_CHECKING:
    from .main_window import MainWindow


class QuitBox(QMessageBox):
    """退出值班台 with a shift open: three plain answers; Enter and Escape press 取消 (nothing decided)."""

    def __init__(self, name: str, parent: Any):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("退出值班台"))
        self.setText(self.tr("{0} 的值班还没有签退。退出前要签退交班吗？").format(name))
        self.setInformativeText(self.tr("签退并退出：写好交班留言、签退，再关闭值班台。\n"
                                        "不签退直接退出：这一班仍算签到，下次打开值班台时接着值班。"))
        self.sign_out_button = self.addButton(self.tr("签退并退出(&S)…"), QMessageBox.ButtonRole.ActionRole)
        self.leave_button = self.addButton(self.tr("不签退直接退出(&L)"), QMessageBox.ButtonRole.ActionRole)
        self.cancel_button = self.addButton(self.tr("取消(&C)"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)


class DeskLock(QObject):
    """``locked`` / ``unlocked`` around a PIN; ``signed_out`` when the shift ended (the sign-in for the next
    deputy follows, in the same window)."""

    locked = Signal()
    unlocked = Signal()
    signed_out = Signal()

    def __init__(self, window: MainWindow, idle_ms: int):
        super().__init__(window)
        self.window = window
        self.dialog: Any = None  # the PIN dialog while locked
        self.end_shift_dialog: Any = None
        self.quit_box: QuitBox | None = None
        self._quitting = False  # 签退并退出 / 不签退直接退出 chosen: the next close goes through
        self.cover = QLabel(self.tr("值班台已锁定，请输入密码解锁。"))
        self.cover.setObjectName("emptyState")
        self.cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cover.setWordWrap(True)
        self.idle = IdleWatcher(idle_ms, self)
        self.idle.idle.connect(lambda: self.lock(idle=True))

    def set_idle_minutes(self, minutes: float) -> None:
        self.idle.set_timeout_ms(IdleWatcher.minutes_to_ms(minutes))
        self.idle.restart()

    @property
    def is_locked(self) -> bool:
        return self.window.stack.currentWidget() is self.cover

    def _hide_desk(self, cover_text: str) -> None:
        """Everything personal goes out of sight: the walk-in form's draft saved, the case pages and the
        dialogs that act as the signed-in person closed, the pages covered, the menus off."""
        w = self.window
        w.walkin.save_draft()
        self.idle.stop()
        for page in list(w.case_pages):
            page.close()
        w.menus.close_dialogs()
        if w.sync is not None:
            w.sync.close_dialogs()
        self.cover.setText(cover_text)
        w.stack.setCurrentWidget(self.cover)
        w.menuBar().setEnabled(False)

    def lock(self, idle: bool = False) -> None:
        """Hide everything personal and ask for a PIN. ``idle``: nobody used the desk for the idle minutes (the
        message says so); else someone locked it by hand (Ctrl+L)."""
        w = self.window
        if self.is_locked or w.session.actor is None:
            return
        from .signin_dialog import SignInDialog

        name = w.session.actor.name
        if idle:
            text = self.tr("{0} 离开时间较长，值班台已自动锁定，请输入密码解锁。").format(name)
        else:
            text = self.tr("值班台已锁定（由 {0} 锁定），请输入密码解锁。").format(name)
        self._hide_desk(text)
        minutes = round(self.idle.timeout_ms / 60_000) if idle else 0
        self.dialog = SignInDialog(w.session, locked_for=name, parent=w, idle=idle, idle_minutes=minutes or None)
        self.dialog.accepted.connect(self._unlock)
        self.dialog.rejected.connect(w.close)
        self.locked.emit()
        self.dialog.open()

    def _unlock(self) -> None:
        w = self.window
        signed, actor = self.dialog.signed, w.session.actor
        other = signed is not None and (actor is None or signed.actor.name != actor.name
                                        or signed.shift_id != w.session.shift_id)
        if other:
            w.set_session(w.session.with_actor(signed.actor, signed.shift_id))
        if signed is not None:
            w.session.publish(signed.changes)  # another deputy's shift opened (a resumed one changed nothing)
        self.dialog = None
        w.stack.setCurrentIndex(0)
        w.menuBar().setEnabled(True)
        if actor is None:  # a new shift after 签退交班: it starts on today's handover
            w.show_page(w.handover)
        self.idle.restart()
        w.refresh()
        self.unlocked.emit()

    # -- ending the shift -----------------------------------------------------------------------------------
    def end_shift(self) -> None:
        if self.window.session.actor is None:
            return
        from .end_shift_dialog import EndShiftDialog

        self.end_shift_dialog = EndShiftDialog(self.window.session, self.window)
        self.end_shift_dialog.signed_out.connect(self._after_sign_out)
        self.end_shift_dialog.rejected.connect(self._stay)
        self.end_shift_dialog.open()

    def _stay(self) -> None:
        self._quitting = False  # 继续值班: the quit that asked for the sign-out is off

    def _after_sign_out(self) -> None:
        """The shift is closed: back to the sign-in for the next deputy (the database stays open), or, when
        签退并退出 was asked for, the window closes."""
        w = self.window
        name = w.session.actor.name if w.session.actor else ""
        w.set_session(w.session.with_actor(None))
        self._hide_desk(self.tr("{0} 已签退交班。请下一位值班人员签到。").format(name))
        if self._quitting:
            self.signed_out.emit()
            w.close()
            return
        from .signin_dialog import SignInDialog

        self.dialog = SignInDialog(w.session, parent=w, after=name)
        self.dialog.accepted.connect(self._unlock)
        self.dialog.rejected.connect(w.close)
        self.dialog.open()
        self.signed_out.emit()

    # -- quitting -------------------------------------------------------------------------------------------
    def _must_ask(self) -> bool:
        s = self.window.session
        return s.actor is not None and s.shift_id is not None and not self.is_locked and not self._quitting

    def quit(self) -> None:
        """退出 (Ctrl+Q): with a shift open, asked first; else the window closes."""
        if self._must_ask():
            self._ask_quit()
        else:
            self.window.close()

    def may_close(self, event: QCloseEvent) -> bool:
        """For the window's closeEvent: False (the event ignored) while the question is asked. The window's
        close button (a spontaneous close) asks like 退出; a close by the program itself goes through."""
        if event.spontaneous() and self._must_ask():
            event.ignore()
            self._ask_quit()
            return False
        return True

    def _ask_quit(self) -> None:
        w = self.window
        if self.quit_box is not None and self.quit_box.isVisible():
            self.quit_box.raise_()
            return
        assert w.session.actor is not None
        self.quit_box = QuitBox(w.session.actor.name, w)
        self.quit_box.buttonClicked.connect(self._quit_answered)
        self.quit_box.open()

    def _quit_answered(self, button: QAbstractButton) -> None:
        box = self.quit_box
        if box is None:
            return
        if button is box.leave_button:  # the shift stays open: resumed at the next start
            self._quitting = True
            self.window.close()
        elif button is box.sign_out_button:
            self._quitting = True
            self.end_shift()
