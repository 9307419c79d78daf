"""Starting a shift: pick yourself, sign in with a PIN, the shift is recorded; the idle lock and unlocking."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog

from liaison_desk.services.desk.handover import handover_summary
from liaison_desk.ui.idle_lock import IdleWatcher
from liaison_desk.ui.main_window import MainWindow
from liaison_desk.ui.session import DeskSession
from liaison_desk.ui.signin_dialog import SignInDialog

from .conftest import DEPUTY_NAME, DEPUTY_PIN
from .helpers import CJK, type_text


def _dialog(qtbot, db, **kw) -> SignInDialog:
    dlg = SignInDialog(DeskSession(db, "zh"), **kw)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def test_the_list_offers_the_deputy_and_the_administrator_with_accessible_names(qtbot, desk_db):
    dlg = _dialog(qtbot, desk_db)
    names = [dlg.accounts.item(i).data(Qt.ItemDataRole.UserRole + 2) for i in range(dlg.accounts.count())]
    assert DEPUTY_NAME in names and "管理员" in names
    for widget in (dlg.code_edit, dlg.accounts, dlg.pin_edit, dlg.sign_in_button, dlg.quit_button):
        assert CJK.search(widget.accessibleName()), widget


def test_typing_the_card_code_picks_the_deputy_and_a_right_pin_opens_the_shift(qtbot, desk_db):
    dlg = _dialog(qtbot, desk_db)
    type_text(qtbot, dlg.code_edit, "d001")
    qtbot.keyClick(dlg.code_edit, Qt.Key.Key_Return)  # a scanner ends with Enter
    assert dlg.accounts.currentItem().data(Qt.ItemDataRole.UserRole + 2) == DEPUTY_NAME
    assert dlg.focusWidget() is dlg.pin_edit  # the dialog's focus child, whether or not it is active
    type_text(qtbot, dlg.pin_edit, DEPUTY_PIN)
    qtbot.keyClick(dlg.pin_edit, Qt.Key.Key_Return)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert dlg.signed.actor.name == DEPUTY_NAME and dlg.signed.shift_id is not None
    shift = handover_summary(desk_db).shift
    assert shift is not None and shift.deputy_name == DEPUTY_NAME and shift.signed_in_at is not None


def test_a_wrong_pin_is_explained_the_pin_cleared_and_nothing_signed_in(qtbot, desk_db):
    dlg = _dialog(qtbot, desk_db)
    dlg.select_account(DEPUTY_NAME)
    type_text(qtbot, dlg.pin_edit, "0000")
    qtbot.mouseClick(dlg.sign_in_button, Qt.MouseButton.LeftButton)
    assert dlg.result() != QDialog.DialogCode.Accepted and dlg.signed is None
    assert "密码不正确" in dlg.error_text()
    assert dlg.pin_edit.text() == ""
    assert handover_summary(desk_db).shift is None


def test_an_empty_pin_is_asked_for(qtbot, desk_db):
    dlg = _dialog(qtbot, desk_db)
    qtbot.mouseClick(dlg.sign_in_button, Qt.MouseButton.LeftButton)
    assert dlg.error_text() == "请输入密码。"


def test_idle_watcher_fires_after_the_timeout_and_input_pushes_it_back(qtbot, qapp):
    watcher = IdleWatcher(150)
    watcher.restart()
    target = QDialog()
    qtbot.addWidget(target)
    # Input restarts the countdown: keep "moving the mouse" and it stays armed.
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(1, 1), QPointF(1, 1), Qt.MouseButton.NoButton,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, move)
    assert watcher.is_armed()
    with qtbot.waitSignal(watcher.idle, timeout=3000):
        pass
    assert not watcher.is_armed()
    watcher.detach()


def test_idle_lock_of_zero_minutes_never_arms(qapp):
    watcher = IdleWatcher(IdleWatcher.minutes_to_ms(0))
    watcher.restart()
    assert not watcher.is_armed()
    watcher.detach()


def test_the_window_locks_when_idle_hides_the_cases_and_unlocks_with_the_pin(qtbot, deputy_session):
    win = MainWindow(deputy_session.db, session=deputy_session, idle_ms=200)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    type_text(qtbot, win.walkin.name_edit, "张三")
    with qtbot.waitSignal(win.desk_lock.locked, timeout=5000):
        pass
    assert win.desk_lock.is_locked and not win.tabs.isVisible()
    dlg = win.desk_lock.dialog
    assert dlg.isVisible() and DEPUTY_NAME in dlg.intro.text() and "锁定" in dlg.windowTitle()
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)  # a locked desk cannot be dismissed
    assert dlg.isVisible()
    assert dlg.accounts.currentItem().data(Qt.ItemDataRole.UserRole + 2) == DEPUTY_NAME
    with qtbot.waitSignal(win.desk_lock.unlocked, timeout=5000):
        type_text(qtbot, dlg.pin_edit, DEPUTY_PIN)
        qtbot.keyClick(dlg.pin_edit, Qt.Key.Key_Return)
    assert not win.desk_lock.is_locked
    assert win.walkin.name_edit.text() == "张三"  # what was typed before the lock is still there
    assert win.session.actor.name == DEPUTY_NAME
    assert win.desk_lock.idle.is_armed()
    win.desk_lock.idle.stop()
