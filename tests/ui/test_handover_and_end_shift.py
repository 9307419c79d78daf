"""Today's handover at the start of a shift, and the end-of-shift summary with its note and sign-out."""

from __future__ import annotations

from PySide6.QtCore import Qt

from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.desk.handover import handover_summary
from liaison_desk.ui import end_shift_dialog
from liaison_desk.ui.end_shift_dialog import EndShiftDialog
from liaison_desk.ui.handover_page import HandoverPage
from liaison_desk.ui.main_window import MainWindow
from liaison_desk.ui.session import DeskSession

from .conftest import DEPUTY_NAME
from .helpers import type_text


def test_handover_page_shows_the_service_summary(qtbot, demo_db):
    page = HandoverPage(DeskSession(demo_db, "zh"))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.refresh()  # read on a pool thread; the page says it is reading meanwhile
        assert page.is_loading() and page.busy.isVisibleTo(page)
    assert not page.busy.isVisibleTo(page)
    s = handover_summary(demo_db)
    assert s.overdue_total > 0
    assert page.sections["overdue"].model.rowCount() == len(s.overdue)
    assert f"{s.overdue_total}" in page.sections["overdue"].heading.text()
    assert s.next_duty_day.isoformat() in page.info.text()
    assert page.counts()["overdue"] == s.overdue_total


def test_end_of_shift_lists_the_work_saves_the_note_and_signs_out(qtbot, deputy_session):
    db = deputy_session.db
    register_visit(db, deputy_session.actor, VisitInput("张大爷"), CaseInput("路灯坏了三盏。"))
    win = MainWindow(db, session=deputy_session, idle_ms=0)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.handover.loaded, timeout=20_000):
        win.show()
    win.desk_lock.end_shift()
    dlg = win.desk_lock.end_shift_dialog
    assert "来访 1 批" in dlg.figures.text() and "新登记案件 1 件" in dlg.figures.text()
    type_text(qtbot, dlg.note_edit, "王大爷下午会来问路灯的事。")
    with qtbot.waitSignal(win.desk_lock.signed_out):
        qtbot.mouseClick(dlg.sign_out_button, Qt.MouseButton.LeftButton)
    assert win.isVisible() and win.desk_lock.is_locked  # back on the sign-in for the next deputy
    # The next deputy's handover shows the note and this shift as the previous one.
    nxt = handover_summary(db)
    assert nxt.shift is None
    assert nxt.previous_shift.deputy_name == DEPUTY_NAME and nxt.previous_shift.signed_out_at is not None
    assert nxt.previous_shift.handover_note == "王大爷下午会来问路灯的事。"
    page = HandoverPage(DeskSession(db, "zh"))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.refresh()
    assert "王大爷下午会来问路灯的事" in page.note.text()


def test_the_handover_sheet_opens_in_the_print_preview(qtbot, deputy_session, monkeypatch):
    shown = []
    from liaison_desk.ui import print_preview

    monkeypatch.setattr(print_preview, "open_preview",
                        lambda parent, pdf, title, **kw: shown.append((bytes(pdf[:4]), kw.get("document"))))
    dlg = EndShiftDialog(deputy_session)
    qtbot.addWidget(dlg)
    assert end_shift_dialog.print_handover(dlg, deputy_session) is None
    assert shown == [(b"%PDF", "handover")]


def test_printing_without_a_signed_in_person_is_refused_politely(qtbot, desk_db):
    dlg = EndShiftDialog(DeskSession(desk_db, "zh"))
    qtbot.addWidget(dlg)
    message = end_shift_dialog.print_handover(dlg, DeskSession(desk_db, "zh"))
    assert message == "请先签到。" and dlg.print_error.text() == message


# -- issue 13, item 8: ending a shift, quitting, locking ------------------------------------------------------
def _window(qtbot, session) -> MainWindow:
    win = MainWindow(session.db, session=session, idle_ms=0)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_signing_out_returns_to_the_sign_in_and_the_next_deputy_takes_over(qtbot, deputy_session):
    from tests.ui.test_start_screen import _second_deputy

    db = deputy_session.db
    _second_deputy(db, "李𠮷华", "8642", "D002")
    win = _window(qtbot, deputy_session)
    page = win.open_case(register_visit(db, deputy_session.actor, VisitInput("张大爷"),
                                        CaseInput("路灯坏了三盏。")).case_id)
    win.desk_lock.end_shift()
    dlg = win.desk_lock.end_shift_dialog
    type_text(qtbot, dlg.note_edit, "路灯的事已登记。")
    with qtbot.waitSignal(win.desk_lock.signed_out):
        qtbot.mouseClick(dlg.sign_out_button, Qt.MouseButton.LeftButton)
    # the program stays open, on the sign-in: the pages hidden, nobody signed in, the database open
    assert win.isVisible() and win.desk_lock.is_locked and not win.tabs.isVisible()
    assert win.session.actor is None and win.database is db and not page.isVisible()
    signin = win.desk_lock.dialog
    assert signin.isVisible() and "已签退" in signin.intro.text() and DEPUTY_NAME in signin.intro.text()
    assert signin.chosen() is None or signin.chosen().name != DEPUTY_NAME  # not the one who just left
    qtbot.keyClick(signin, Qt.Key.Key_Escape)
    assert signin.isVisible()
    assert signin.select_account("李𠮷华")
    with qtbot.waitSignal(win.desk_lock.unlocked, timeout=5000):
        type_text(qtbot, signin.pin_edit, "8642")
        qtbot.keyClick(signin.pin_edit, Qt.Key.Key_Return)
    assert win.session.actor.name == "李𠮷华" and win.session.shift_id is not None
    assert win.session.shift_id != deputy_session.shift_id
    assert not win.desk_lock.is_locked and win.tabs.currentWidget() is win.handover
    assert win.menus.end_shift_action.isEnabled() and "李𠮷华" in win.user_label.text()
    nxt = handover_summary(db)
    assert nxt.shift.deputy_name == "李𠮷华" and nxt.previous_shift.handover_note == "路灯的事已登记。"


def _quit_box(qtbot, win):
    win.menus.quit_action.trigger()  # Ctrl+Q
    box = win.desk_lock.quit_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    return box


def test_quitting_with_a_shift_open_asks_and_escape_cancels(qtbot, deputy_session):
    win = _window(qtbot, deputy_session)
    assert win.menus.quit_action.shortcut().toString() == "Ctrl+Q"
    box = _quit_box(qtbot, win)
    texts = [b.text() for b in box.buttons()]
    assert any("签退并退出" in t for t in texts) and any("不签退直接退出" in t for t in texts)
    assert box.defaultButton() is box.cancel_button  # Enter on the untouched box decides nothing
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.isVisible() and win.isVisible() and win.desk_lock.end_shift_dialog is None


def test_quitting_without_signing_out_leaves_the_shift_open(qtbot, deputy_session):
    win = _window(qtbot, deputy_session)
    box = _quit_box(qtbot, win)
    box.leave_button.click()
    qtbot.waitUntil(lambda: not win.isVisible())
    assert handover_summary(deputy_session.db).shift.signed_out_at is None  # resumed at the next start


def test_sign_out_and_quit_goes_through_the_end_of_shift_dialog(qtbot, deputy_session):
    win = _window(qtbot, deputy_session)
    box = _quit_box(qtbot, win)
    box.sign_out_button.click()
    dlg = win.desk_lock.end_shift_dialog
    qtbot.waitUntil(dlg.isVisible)
    assert win.isVisible()
    qtbot.mouseClick(dlg.sign_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not win.isVisible())
    assert handover_summary(deputy_session.db).shift is None  # signed out


def test_the_window_close_button_asks_too(qtbot, deputy_session):
    from PySide6.QtGui import QCloseEvent

    class UserClose(QCloseEvent):  # what the window's close button sends (Qt marks it spontaneous)
        def spontaneous(self) -> bool:
            return True

    win = _window(qtbot, deputy_session)
    event = UserClose()
    win.closeEvent(event)
    assert not event.isAccepted() and win.isVisible()
    qtbot.waitUntil(win.desk_lock.quit_box.isVisible)
    win.desk_lock.quit_box.cancel_button.click()
    assert win.isVisible()


def test_a_manual_lock_says_who_locked_it_and_not_that_they_were_away(qtbot, deputy_session):
    win = _window(qtbot, deputy_session)
    win.menus.lock_action.trigger()  # Ctrl+L
    dlg = win.desk_lock.dialog
    assert "值班台已锁定" in dlg.intro.text() and DEPUTY_NAME in dlg.intro.text()
    assert "离开时间较长" not in dlg.intro.text() and "自动" not in dlg.intro.text()
    assert "锁定" in win.desk_lock.cover.text()
    dlg.done(0)


def test_the_idle_lock_says_nobody_used_the_desk(qtbot, deputy_session):
    win = MainWindow(deputy_session.db, session=deputy_session, idle_ms=150)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.desk_lock.locked, timeout=5000):
        pass
    dlg = win.desk_lock.dialog
    assert "自动锁定" in dlg.intro.text() and DEPUTY_NAME in dlg.intro.text()
    dlg.done(0)
