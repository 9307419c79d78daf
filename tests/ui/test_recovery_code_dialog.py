"""A station encrypted at an upgrade is shown its recovery code at the desk (issue 17): at the next start with
an administrator signed in, once, in a dialog that cannot be dismissed unread (no default button, Esc and the
close button ignored until 我已抄写保存 is ticked), with printing; confirmed, it is not shown again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from liaison_desk import paths
from liaison_desk.db import cipher
from liaison_desk.services.admin.recovery_notice import recovery_code_due
from liaison_desk.services.desk.startup import read_start
from liaison_desk.ui import recovery_code_dialog
from liaison_desk.ui.main_window import MainWindow
from liaison_desk.ui.recovery_code_dialog import RecoveryCodeDialog, offer_recovery_code

from .conftest import ADMIN_PIN, DEPUTY_PIN


def _upgraded(db) -> None:
    cipher.recovery_path(db.path).unlink()  # what encrypt_in_place leaves: no code was ever made


def _start(qtbot, data_dir, role: str, pin: str) -> MainWindow:
    start = read_start(data_dir)
    assert start is not None
    who = next(a.name for a in start.accounts if a.role == role)
    win = MainWindow(None, "zh", start=start, data_dir=data_dir, idle_ms=0)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    dialog = win.start_screen.dialog
    accounts = dialog.accounts
    row = next(i for i in range(accounts.count())
               if accounts.item(i).data(Qt.ItemDataRole.UserRole + 2) == who)
    accounts.setCurrentRow(row)
    dialog.pin_edit.setText(pin)
    with qtbot.waitSignal(win.started, timeout=20000):
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    return win


def test_the_administrators_next_start_shows_the_code_once(qtbot, desk_db, data_dir, monkeypatch):
    _upgraded(desk_db)
    printed: list[str] = []
    monkeypatch.setattr(recovery_code_dialog, "print_code", lambda parent, title, text: printed.append(text) or True)
    win = _start(qtbot, data_dir, "admin", ADMIN_PIN)
    qtbot.waitUntil(lambda: getattr(win, "recovery_dialog", None) is not None and win.recovery_dialog.isVisible())
    dialog: RecoveryCodeDialog = win.recovery_dialog
    code = dialog.code_label.text()
    key = cipher.stored_key(paths.database_path(data_dir))
    assert cipher.unwrap_recovery(paths.database_path(data_dir), code) == key  # the code opens this database
    # not dismissed unread: Enter, Esc and the close button leave it open; 关闭 waits for the tick
    for k in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
        qtbot.keyClick(dialog, k)
    dialog.close()
    assert dialog.isVisible() and not dialog.close_button.isEnabled()
    assert not any(b.isDefault() or b.autoDefault() for b in (dialog.print_button, dialog.close_button))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert printed == [code] and dialog.isVisible()
    dialog.saved_check.setChecked(True)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.confirmed and not recovery_code_due(desk_db)
    win.close()
    again = _start(qtbot, data_dir, "admin", ADMIN_PIN)  # remembered: not shown again
    assert getattr(again, "recovery_dialog", None) is None
    again.close()


def test_a_deputy_signing_in_is_not_shown_the_code(qtbot, desk_db, data_dir):
    _upgraded(desk_db)
    win = _start(qtbot, data_dir, "duty_deputy", DEPUTY_PIN)
    assert getattr(win, "recovery_dialog", None) is None and recovery_code_due(desk_db)
    win.close()


def test_a_new_station_and_an_unconfirmed_code(qtbot, desk_db, admin_session):
    host = MainWindow.__mro__[1]()  # a bare QMainWindow to hang the dialog on
    qtbot.addWidget(host)
    assert offer_recovery_code(host, desk_db, admin_session.actor) is None  # set-up showed it already
    _upgraded(desk_db)
    first = offer_recovery_code(host, desk_db, admin_session.actor)
    assert first is not None
    first.done(0)  # the desk closed before it was confirmed (a crash): a new code next time
    second = offer_recovery_code(host, desk_db, admin_session.actor)
    assert second is not None and second.code != first.code
    assert cipher.unwrap_recovery(desk_db.path, second.code) == cipher.stored_key(desk_db.path)
    second.done(0)
