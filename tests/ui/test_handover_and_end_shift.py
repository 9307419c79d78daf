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
    assert not win.isVisible()
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
