"""The 打印 menu's deputy and case documents (履职登记册, 述职报告, 交办函, 督办通知) and the case page's letter
buttons: asked for, built off the UI thread, logged (a second copy is 补打), previewed."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox

from liaison_desk.domain.workflow import EventKind
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.desk import lookups
from liaison_desk.services.printing.log import copies_so_far
from liaison_desk.ui import print_preview
from liaison_desk.ui.case_page import CasePage
from liaison_desk.ui.main_window import MainWindow
from liaison_desk.ui.print_menu import CaseNumberDialog, DeputyYearDialog

from .conftest import DEPUTY_NAME
from .helpers import CJK, type_text

YEAR = dt.date.today().year


@pytest.fixture
def previews(monkeypatch):
    shown = []
    def printed(parent, pdf, title, *, document, receipt_width=None, on_delivered=None):
        shown.append((document, pdf, title))
        if on_delivered is not None:
            on_delivered()  # the user printed it: now it is in the print log

    monkeypatch.setattr(print_preview, "open_preview", printed)
    return shown


@pytest.fixture
def window(qtbot, admin_session):
    win = MainWindow(admin_session.db, session=admin_session, idle_ms=0)
    win.menus.print_menu.quiet = True
    qtbot.addWidget(win)
    return win


@pytest.fixture
def deputy_id(admin_session) -> uuid.UUID:
    return next(d.id for d in lookups.list_active_deputies(admin_session.db) if d.name == DEPUTY_NAME)


@pytest.fixture
def assigned(admin_session):
    """A case accepted and assigned to 县水利局."""
    db, actor = admin_session.db, admin_session.actor
    reg = register_visit(db, actor, VisitInput("张大爷", visitor_phone="13812345678", village="柳树湾村"),
                         CaseInput("村东头灌溉渠堵了两个月，希望尽快疏通。", triage="yellow"))
    office = next(d for d in lookups.list_departments(db) if d.name == "县水利局")
    act_on_case(db, actor, reg.case_id, EventKind.ACCEPT)
    act_on_case(db, actor, reg.case_id, EventKind.ASSIGN, {"department_id": office.id,
                                                           "deadline": dt.date.today() + dt.timedelta(days=20)})
    return reg


def answer(qtbot, menu, fill) -> None:
    """Answer the menu's next question without blocking: once its dialog is up, ``fill(dialog)``; a failed
    ``fill`` still closes the dialog, so a broken test fails instead of waiting forever."""
    def go():
        box = menu.dialog
        if box is None or not box.isVisible():
            QTimer.singleShot(10, go)
            return
        try:
            fill(box)
        finally:
            if box.isVisible():
                box.reject()
    QTimer.singleShot(0, go)


def test_the_menu_offers_every_document_with_a_keyboard_letter(window):
    entries = [a.text() for a in window.menus.print_menu.menu.actions() if not a.isSeparator()]
    assert len(entries) == 8 and all("&" in t and CJK.search(t) for t in entries)
    for word in ("来访登记簿", "台账", "公示表", "值班表", "履职登记册", "述职报告", "交办函", "督办通知"):
        assert any(word in t for t in entries), word
    letters = [t[t.index("&") + 1].lower() for t in entries]
    assert len(set(letters)) == len(letters)  # no two entries share an access key


def test_record_book_from_the_menu_asks_deputy_and_year_then_previews_a_logged_book(qtbot, window, previews,
                                                                                    deputy_id):
    menu = window.menus.print_menu
    action = next(a for a in menu.menu.actions() if "履职登记册" in a.text())

    def fill(box):
        assert isinstance(box, DeputyYearDialog) and box.deputy.count() == 1
        box.deputy.setCurrentIndex(0)
        box.year.setValue(YEAR)
        box.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer(qtbot, menu, fill)
    action.trigger()
    assert [d for d, *_ in previews] == ["record_book"] and previews[0][1].startswith(b"%PDF")
    assert menu.last_error is None and menu.dialog is None
    assert menu.record_book((deputy_id, YEAR))  # again, without asking: the same book
    assert copies_so_far(window.session.db, "record_book", f"{deputy_id}:{YEAR}") == 2


def test_cancelling_the_question_prints_nothing(qtbot, window, previews):
    menu = window.menus.print_menu
    answer(qtbot, menu, lambda box: box.reject())
    assert menu.record_book() is None
    answer(qtbot, menu, lambda box: box.reject())
    assert menu.letter() is None
    assert previews == [] and menu.last_error is None


def test_report_prints_the_draft_or_the_edited_text(qtbot, window, previews, deputy_id):
    menu = window.menus.print_menu
    draft = menu.report((deputy_id, YEAR, None))
    edited = f"{YEAR}年度履职情况报告\n\n各位选民：\n\n今年我进站接待群众十次。\n\n报告人：{DEPUTY_NAME}"
    own = menu.report((deputy_id, YEAR, edited))
    assert draft and own and draft != own
    assert [d for d, *_ in previews] == ["report", "report"]
    again = menu.report((deputy_id, YEAR, edited))
    assert again and menu.last_error is None
    # the edited text: 1 then 2 copies; the draft is its own document
    from liaison_desk.services.printing.record_book import report_reference

    assert copies_so_far(window.session.db, "report", report_reference(deputy_id, YEAR, edited)) == 2


def test_report_dialog_loads_an_editable_draft_and_forgets_it_for_another_year(qtbot, window, deputy_id):
    from liaison_desk.services.printing.record_book import report_text, station_deputies

    db = window.session.db
    box = DeputyYearDialog(window, "述职", station_deputies(db),
                           draft=lambda i, y: report_text(db, i, y))
    qtbot.addWidget(box)
    box.show()
    assert box.text is not None and box.text.accessibleName() and box.load_button.accessibleName()
    assert box.choice() == (deputy_id, YEAR, None)  # nothing typed: the draft is printed
    box.year.setValue(YEAR - 1)
    assert box.load_draft() and f"{YEAR - 1}年度履职情况报告" in box.text.toPlainText()
    box.year.setValue(YEAR)  # unedited: the other year's draft goes
    assert box.text.toPlainText() == ""
    assert box.load_draft()
    box.text.appendPlainText("明年多走访。")
    box.year.setValue(YEAR - 1)  # edited: kept
    assert "明年多走访。" in box.text.toPlainText() and box.choice()[2].endswith("明年多走访。")


def test_deputy_is_found_by_typed_card_code_and_a_wrong_name_is_refused_in_place(qtbot, window, deputy_id):
    from liaison_desk.services.printing.record_book import station_deputies

    box = DeputyYearDialog(window, "登记册", station_deputies(window.session.db))
    qtbot.addWidget(box)
    box.show()
    assert box.deputy.accessibleName() and box.year.accessibleName() and box.text is None
    box.deputy.lineEdit().clear()
    type_text(qtbot, box.deputy.lineEdit(), "d001")
    assert box.deputy_id() == deputy_id
    box.deputy.lineEdit().clear()
    type_text(qtbot, box.deputy.lineEdit(), "没有这个人")
    box.accept()
    assert box.isVisible() and box.error.isVisible() and CJK.search(box.error.text())
    english = DeputyYearDialog(window, "Record book", station_deputies(window.session.db), lang="en")
    qtbot.addWidget(english)
    assert "County" in english.deputy.itemText(0) and "县" not in english.deputy.itemText(0)  # the level in English
    empty = DeputyYearDialog(window, "登记册", [])
    qtbot.addWidget(empty)
    assert not empty.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled() and empty.error.text()


def test_letter_and_notice_from_the_menu_by_case_number(qtbot, window, previews, admin_session, assigned):
    menu = window.menus.print_menu

    def fill(box):
        assert isinstance(box, CaseNumberDialog) and box.number.accessibleName()
        type_text(qtbot, box.number, assigned.case_number.lower())  # typed as it comes
        qtbot.keyClick(box.number, Qt.Key.Key_Return)

    answer(qtbot, menu, fill)
    assert menu.letter() and menu.last_error is None
    act_on_case(admin_session.db, admin_session.actor, assigned.case_id, EventKind.SUPERVISE, {"text": "请加快。"})
    answer(qtbot, menu, fill)
    assert menu.supervision_notice()
    assert [d for d, *_ in previews] == ["letter", "letter"]
    assert "交办函" in previews[0][2] and "督办通知" in previews[1][2]


def test_a_letter_for_an_unassigned_case_is_refused_in_chinese(qtbot, window, previews, admin_session):
    reg = register_visit(admin_session.db, admin_session.actor, VisitInput("李四"), CaseInput("路灯坏了。"))
    assert window.menus.print_menu.letter(reg.case_number) is None
    assert "还没有交办" in window.menus.print_menu.last_error and previews == []
    assert copies_so_far(admin_session.db, "letter", f"交办:{reg.case_number}") == 0


def test_case_number_dialog_wants_a_number(qtbot, window):
    box = CaseNumberDialog(window, "交办函")
    qtbot.addWidget(box)
    box.show()
    box.accept()
    assert box.isVisible() and box.error.isVisible() and CJK.search(box.error.text())


def _page(qtbot, session, case_id) -> CasePage:
    page = CasePage(session, case_id)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_case_page_offers_the_letter_once_assigned_and_the_notice_once_supervised(qtbot, admin_session, previews,
                                                                                  assigned):
    page = _page(qtbot, admin_session, assigned.case_id)
    letter, notice = page.letter_buttons["assignment"], page.letter_buttons["supervision"]
    assert letter.isVisible() and not notice.isVisible()
    assert CJK.search(letter.accessibleName()) and "&" in letter.text()
    qtbot.mouseClick(letter, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(previews) == 1)
    assert previews[0][0] == "letter" and not page.error.isVisible()
    act_on_case(admin_session.db, admin_session.actor, assigned.case_id, EventKind.SUPERVISE, {"text": "请加快。"})
    page.reload()
    assert notice.isVisible()
    assert page.print_letter("supervision") and previews[-1][0] == "letter"
    assert page.print_letter("assignment")  # the second 交办函 of the same assignment: a 补打
    db = admin_session.db
    from sqlalchemy import select

    from liaison_desk.db.models import PrintRecord

    with db.session(write=False) as s:
        copies = sorted(s.execute(select(PrintRecord.reference, PrintRecord.copy_no)).all())
    assert [n for r, n in copies if r.startswith("交办")] == [1, 2]
    assert [n for r, n in copies if r.startswith("督办")] == [1]


def test_case_page_hides_the_letters_before_assignment(qtbot, deputy_session):
    r = register_visit(deputy_session.db, deputy_session.actor, VisitInput("张大爷"), CaseInput("路灯坏了。"))
    page = _page(qtbot, deputy_session, r.case_id)
    assert not any(b.isVisible() for b in page.letter_buttons.values())
