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
    dlg.select_account(DEPUTY_NAME)
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


# -- issue 13, item 4: sign-in traps ------------------------------------------------------------------------
def _on_duty_today(db, name: str, code: str, *, account: bool) -> None:
    """A deputy with a shift today (so 今日值班 on the list), with or without a desk account."""
    import datetime as dt

    from liaison_desk.domain.timeutil import to_local, utcnow
    from liaison_desk.services.context import SYSTEM_ADMIN
    from liaison_desk.services.duty.deputies import DeputyInput, create_deputy
    from tests.duty.helpers import give_accounts, sign_shift

    dep = create_deputy(db, SYSTEM_ADMIN, DeputyInput(name, "township", code=code)).id
    if account:
        give_accounts(db, dep)  # PIN 1357
    sign_shift(db, str(dep), to_local(utcnow()).date() + dt.timedelta(days=0), "full")


def _current_name(dlg) -> str | None:
    item = dlg.accounts.currentItem()
    return None if item is None else item.data(Qt.ItemDataRole.UserRole + 2)


def test_a_person_on_duty_today_is_chosen_and_the_pin_field_has_the_focus(qtbot, desk_db):
    _on_duty_today(desk_db, "李四", "D002", account=True)
    dlg = _dialog(qtbot, desk_db)
    assert _current_name(dlg) == "李四"
    assert dlg.focusWidget() is dlg.pin_edit  # a PIN typed at once goes into the masked field
    dlg.select_account(DEPUTY_NAME)  # picked from the list: the PIN field is next
    assert dlg.focusWidget() is dlg.pin_edit


def test_nobody_on_duty_today_chooses_nobody_and_the_search_has_the_focus(qtbot, desk_db):
    dlg = _dialog(qtbot, desk_db)
    assert _current_name(dlg) is None  # never someone else's account by default (a wrong PIN would count)
    assert dlg.focusWidget() is dlg.code_edit
    qtbot.mouseClick(dlg.sign_in_button, Qt.MouseButton.LeftButton)
    assert dlg.error_text() == "请先在名单中选择自己。"


def test_digits_typed_in_the_search_or_the_list_go_to_the_pin_never_in_clear(qtbot, desk_db):
    _on_duty_today(desk_db, "李四", "D002", account=True)
    dlg = _dialog(qtbot, desk_db)
    dlg.code_edit.setFocus()
    qtbot.keyClicks(dlg.code_edit, "13")
    assert dlg.code_edit.text() == "" and dlg.pin_edit.text() == "13"
    assert dlg.focusWidget() is dlg.pin_edit
    dlg.accounts.setFocus()
    qtbot.keyClicks(dlg.accounts, "57")
    assert dlg.pin_edit.text() == "1357" and _current_name(dlg) == "李四"
    qtbot.keyClick(dlg.pin_edit, Qt.Key.Key_Return)
    assert dlg.result() == QDialog.DialogCode.Accepted and dlg.signed.actor.name == "李四"


def test_a_card_code_still_types_into_the_search(qtbot, desk_db):
    _on_duty_today(desk_db, "李四", "D002", account=True)
    dlg = _dialog(qtbot, desk_db)
    dlg.code_edit.setFocus()
    qtbot.keyClicks(dlg.code_edit, "d001")  # a letter first: a code, its digits belong to it
    assert dlg.code_edit.text() == "d001" and dlg.pin_edit.text() == ""
    assert _current_name(dlg) == DEPUTY_NAME


def test_a_deputy_on_duty_without_an_account_is_not_chosen_and_says_what_to_do(qtbot, desk_db):
    _on_duty_today(desk_db, "赵六", "D006", account=False)
    dlg = _dialog(qtbot, desk_db)
    assert _current_name(dlg) != "赵六"  # not pre-selected although on duty today
    rows = [dlg.accounts.item(i) for i in range(dlg.accounts.count())]
    names = [r.data(Qt.ItemDataRole.UserRole + 2) for r in rows]
    assert names.index(DEPUTY_NAME) < names.index("管理员") < names.index("赵六")  # who can sign in first
    assert "无值班账号" in rows[names.index("赵六")].text()
    dlg.select_account("赵六")
    assert "管理员" in dlg.error_text() and "账号" in dlg.error_text()
    assert not dlg.pin_edit.isEnabled() and not dlg.sign_in_button.isEnabled()  # no PIN to be refused after
    assert "找不到" not in dlg.error_text()
    dlg.select_account(DEPUTY_NAME)
    assert dlg.error_text() == "" and dlg.pin_edit.isEnabled() and dlg.sign_in_button.isEnabled()


def test_the_service_says_to_ask_the_administrator_for_a_missing_account(desk_db):
    import pytest

    from liaison_desk.domain.errors import DomainError
    from liaison_desk.services.desk.startup import list_accounts, sign_in_as

    _on_duty_today(desk_db, "赵六", "D006", account=False)
    account = next(a for a in list_accounts(desk_db) if a.name == "赵六")
    with pytest.raises(DomainError) as e:  # (the dialog never sends it: a last guard, in plain words)
        sign_in_as(desk_db, account, "1357")
    assert e.value.code == "unknown_operator" and "管理员" in str(e.value) and "找不到" not in str(e.value)
