"""Issue 19, item 5 at the sign-in: a PC whose date looks wrong (set back to 2010 by a dead CMOS battery) opens
no duty shift until someone who typed a right PIN says the date is right, in the sign-in dialog itself; the
answer is remembered, so the opened desk and the walk-in form do not ask again."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from liaison_desk.db.models import DutyShift
from liaison_desk.services.desk import clock
from liaison_desk.services.desk.startup import read_start
from liaison_desk.ui.main_window import MainWindow
from liaison_desk.ui.session import DeskSession
from liaison_desk.ui.signin_dialog import SignInDialog

from .conftest import DEPUTY_NAME, DEPUTY_PIN


@pytest.fixture
def wrong_date(monkeypatch):
    """The PC's clock as the desk reads it: 4 January 2010, 10:00 station time."""
    monkeypatch.setattr(clock, "utcnow", lambda: dt.datetime(2010, 1, 4, 2, 0))
    monkeypatch.setattr(clock, "_GUARDED", set())
    monkeypatch.setattr(clock, "_CONFIRMED", {})


def _shifts(db) -> int:
    with db.session(write=False) as s:
        return s.scalar(select(func.count()).select_from(DutyShift).where(DutyShift.signed_in_at.is_not(None)))


def _type_pin(qtbot, dialog: SignInDialog) -> None:
    assert dialog.select_account(DEPUTY_NAME)
    dialog.pin_edit.clear()
    qtbot.keyClicks(dialog.pin_edit, DEPUTY_PIN)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)


def test_the_sign_in_dialog_asks_about_the_date_before_a_shift_is_written(qtbot, desk_db, data_dir, wrong_date):
    dialog = SignInDialog(DeskSession(desk_db, "zh", data_dir))
    qtbot.addWidget(dialog)
    dialog.show()
    _type_pin(qtbot, dialog)
    assert dialog.signed is None and _shifts(desk_db) == 0  # a right PIN, but no shift yet
    qtbot.waitUntil(dialog.asking_about_date)
    text = dialog.date_message.text()
    assert "2010年1月4日" in text and "看起来不对" in text and "发布日期" in text  # what it shows, what contradicts it
    assert dialog.date_ok_button.text() == "日期没错，继续签到" and dialog.date_fix_button.text() == "先去改电脑日期"
    assert dialog.date_panel.isVisible() and dialog.signed is None and _shifts(desk_db) == 0
    # nothing decides for the user: Enter presses neither answer, nor 签到 again
    assert not dialog.date_ok_button.autoDefault() and not dialog.date_ok_button.isDefault()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert dialog.asking_about_date() and dialog.signed is None and _shifts(desk_db) == 0

    qtbot.mouseClick(dialog.date_fix_button, Qt.MouseButton.LeftButton)  # 先去改电脑日期: nothing written
    assert not dialog.asking_about_date() and "没有签到" in dialog.error_text() and dialog.pin_edit.text() == ""
    assert dialog.signed is None and _shifts(desk_db) == 0
    assert clock.needs_confirmation(desk_db) is not None  # not remembered as confirmed

    _type_pin(qtbot, dialog)  # the date was not changed: asked again
    qtbot.waitUntil(dialog.asking_about_date)
    assert _shifts(desk_db) == 0
    qtbot.mouseClick(dialog.date_ok_button, Qt.MouseButton.LeftButton)  # 日期没错，继续签到
    qtbot.waitUntil(lambda: dialog.signed is not None)
    assert not dialog.isVisible() and _shifts(desk_db) == 1  # accepted
    assert dialog.signed.signed_in_at.date() == dt.date(2010, 1, 4)  # the date confirmed
    assert clock.needs_confirmation(desk_db) is None  # remembered for the session


def test_choosing_someone_else_drops_the_question(qtbot, desk_db, data_dir, wrong_date):
    dialog = SignInDialog(DeskSession(desk_db, "zh", data_dir))
    qtbot.addWidget(dialog)
    _type_pin(qtbot, dialog)
    assert dialog.signed is None and _shifts(desk_db) == 0
    qtbot.waitUntil(dialog.asking_about_date)
    other = next(i for i in range(dialog.accounts.count())
                 if dialog.accounts.item(i).data(Qt.ItemDataRole.UserRole + 2) != DEPUTY_NAME)
    dialog.accounts.setCurrentRow(other)
    assert not dialog.asking_about_date() and dialog.sign_in_button.isEnabled() and not dialog.pin_edit.isReadOnly()
    assert clock.needs_confirmation(desk_db) is not None and _shifts(desk_db) == 0


def test_a_confirmed_date_is_not_asked_again_in_the_opened_desk(qtbot, desk_db, data_dir, wrong_date, monkeypatch):
    win = MainWindow(None, "zh", start=read_start(data_dir), data_dir=data_dir, idle_ms=0)
    qtbot.addWidget(win)
    win.show()
    dialog = win.start_screen.dialog
    qtbot.waitUntil(lambda: win.start_screen.ready, timeout=20000)
    _type_pin(qtbot, dialog)
    assert dialog.signed is None and _shifts(desk_db) == 0  # no shift before the date is confirmed
    qtbot.waitUntil(dialog.asking_about_date)
    assert not hasattr(win, "tabs")  # still the start screen
    with qtbot.waitSignal(win.started, timeout=20000):
        qtbot.mouseClick(dialog.date_ok_button, Qt.MouseButton.LeftButton)
    assert win.session.actor.name == DEPUTY_NAME and win.session.shift_id is not None and _shifts(desk_db) == 1
    assert win.menus.date_box is None  # the start-up box does not ask a second time
    from liaison_desk.ui import date_check

    asked: list[str] = []
    monkeypatch.setattr(date_check, "ask", lambda _parent, message: asked.append(message) or False)
    assert date_check.before_dated_write(win.walkin, win.database) and asked == []  # nor the walk-in form
    win.close()


def test_a_right_date_is_not_asked_about(qtbot, desk_db, data_dir, monkeypatch):
    monkeypatch.setattr(clock, "_GUARDED", set())
    monkeypatch.setattr(clock, "_CONFIRMED", {})
    dialog = SignInDialog(DeskSession(desk_db, "zh", data_dir))
    qtbot.addWidget(dialog)
    _type_pin(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.signed is not None)
    assert not dialog.asking_about_date() and _shifts(desk_db) == 1
    assert str(desk_db.path) in clock._GUARDED  # the desk's sign-in turned the check on


def test_the_question_in_english(qtbot, qapp, desk_db, data_dir, wrong_date):
    from liaison_desk.ui import appearance

    translators = appearance.install_translators(qapp, "en")
    try:
        dialog = SignInDialog(DeskSession(desk_db, "en", data_dir))
        qtbot.addWidget(dialog)
        _type_pin(qtbot, dialog)
        qtbot.waitUntil(dialog.asking_about_date)
        assert dialog.date_ok_button.text() == "The date is right, sign in"
        assert dialog.date_message.text().startswith("This PC's date is 2010-01-04")
    finally:
        for tr in translators:
            qapp.removeTranslator(tr)


def test_the_date_message_is_never_cut_off_in_large_type(qtbot, desk_db, data_dir, wrong_date):
    """Seen on screen: in large type the panel was squeezed and the message's middle lines were clipped."""
    from PySide6.QtWidgets import QApplication

    from liaison_desk.ui.appearance import set_large_type

    app = QApplication.instance()
    set_large_type(app, True)
    try:
        dialog = SignInDialog(DeskSession(desk_db, "zh", data_dir))
        qtbot.addWidget(dialog)
        dialog.show()
        _type_pin(qtbot, dialog)
        qtbot.waitUntil(dialog.asking_about_date)
        label = dialog.date_message
        qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
        assert dialog.height() <= dialog.screen().availableGeometry().height()
    finally:
        set_large_type(app, False)
