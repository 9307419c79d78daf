"""A walk-in: one keyboard-friendly form registers the visit and the case and opens the receipt in one step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.cases.listing import CaseFilter, count_cases
from liaison_desk.services.desk import lookups
from liaison_desk.services.desk.drafts import read_form_draft
from liaison_desk.services.printing.log import copies_so_far
from liaison_desk.ui import walkin_form
from liaison_desk.ui.walkin_form import WalkInForm

from .conftest import DEPUTY_NAME
from .helpers import CJK, type_text


@pytest.fixture
def receipts(monkeypatch):
    """Capture the receipt preview instead of opening the (modal) print dialog."""
    shown = []

    def fake_open_preview(parent, pdf, title, *, document, receipt_width=None, on_delivered=None):
        shown.append({"pdf": pdf, "title": title, "document": document, "width": receipt_width})
        if on_delivered is not None:
            on_delivered()  # the slip was printed: now it is in the print log

    from liaison_desk.ui import print_preview

    monkeypatch.setattr(print_preview, "open_preview", fake_open_preview)
    return shown


def _form(qtbot, session) -> WalkInForm:
    form = WalkInForm(session)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def _fill(qtbot, form, *, name="张大爷", phone="13912345678", village="柳树湾村",
          content="村东头灌溉渠堵了两个月，春灌放不下水，希望尽快疏通。"):
    for edit, text in ((form.name_edit, name), (form.phone_edit, phone), (form.village_edit, village)):
        edit.clear()
        type_text(qtbot, edit, text)
    form.content_edit.clear()
    type_text(qtbot, form.content_edit, content)


def test_every_input_has_a_label_an_accessible_name_and_a_sensible_tab_order(qtbot, deputy_session):
    form = _form(qtbot, deputy_session)
    inputs = [form.name_edit, form.phone_edit, form.village_edit, form.headcount_spin, form.channel_combo,
              form.deputy_combo, form.content_edit, form.category_combo, form.urgency_combo, form.triage_combo,
              form.save_button, form.clear_button]
    for widget in inputs:
        assert CJK.search(widget.accessibleName()), widget
    chain, w = [], form.name_edit
    for _ in range(len(inputs) - 1):
        w = w.nextInFocusChain()
        while w.focusPolicy() == Qt.FocusPolicy.NoFocus or not isinstance(w, QWidget) or w not in inputs:
            w = w.nextInFocusChain()
        chain.append(w)
    assert chain == inputs[1:]
    assert form.deputy_combo.currentText() == DEPUTY_NAME  # the deputy on duty receives by default


def test_village_completion_offers_the_station_villages(qtbot, deputy_session):
    register_visit(deputy_session.db, deputy_session.actor, VisitInput("李四", village="柳树湾村"),
                   CaseInput("路灯坏了"))
    form = _form(qtbot, deputy_session)
    form.reload_lists()
    completer = form.village_edit.completer()
    completer.setCompletionPrefix("树湾")  # typing part of the name, anywhere in it
    assert completer.currentCompletion() == "柳树湾村"


def test_saving_registers_the_case_and_opens_the_receipt(qtbot, deputy_session, receipts):
    db = deputy_session.db
    form = _form(qtbot, deputy_session)
    _fill(qtbot, form)
    form.category_combo.setCurrentIndex(form.category_combo.findText("农田灌溉"))
    form.triage_combo.setCurrentIndex(form.triage_combo.findData("blue"))
    with qtbot.waitSignal(form.registered) as blocker:
        qtbot.keyClick(form.save_button, Qt.Key.Key_Space)  # Tab reaches it after the triage colour
    number = blocker.args[0]
    assert count_cases(db, CaseFilter()) == 1
    assert number.startswith("LX01-") and number in form.saved_label.text()
    assert receipts and receipts[0]["document"] == "receipt" and receipts[0]["pdf"].startswith(b"%PDF")
    assert number in receipts[0]["title"]
    assert copies_so_far(db, "receipt", number) == 1  # the slip handed over is in the print log
    assert form.is_blank() and read_form_draft(deputy_session.data_dir, walkin_form.DRAFT_KEY) is None
    assert "柳树湾村" in [c.name for c in lookups.list_villages(db)]


def test_a_bad_phone_is_shown_on_the_field_and_nothing_typed_is_lost(qtbot, deputy_session, receipts):
    form = _form(qtbot, deputy_session)
    _fill(qtbot, form, phone="12345")
    assert form.save() is None
    assert "电话" in form.errors.text("phone")
    assert form.name_edit.text() == "张大爷" and "灌溉渠" in form.content_edit.toPlainText()
    assert count_cases(deputy_session.db, CaseFilter()) == 0
    assert not receipts
    form.phone_edit.clear()
    type_text(qtbot, form.phone_edit, "0551-62612345")
    assert form.save() is not None


def test_missing_content_is_asked_for(qtbot, deputy_session):
    form = _form(qtbot, deputy_session)
    _fill(qtbot, form, content="")
    assert form.save() is None
    assert form.errors.text("content") == "请填写群众反映的内容。"


def test_a_draft_survives_a_crash_and_is_offered_back(qtbot, deputy_session):
    form = _form(qtbot, deputy_session)
    _fill(qtbot, form)
    qtbot.waitUntil(lambda: read_form_draft(deputy_session.data_dir, walkin_form.DRAFT_KEY) is not None,
                    timeout=5000)  # saved while typing, with no button pressed
    form.deleteLater()  # the program dies here: nothing is saved by closing
    again = _form(qtbot, deputy_session)
    assert again.restore_draft()
    assert again.name_edit.text() == "张大爷" and again.phone_edit.text() == "13912345678"
    assert "灌溉渠" in again.content_edit.toPlainText()
    assert "恢复" in again.form_error.text()


def test_without_sign_in_nothing_is_registered(qtbot, desk_db, data_dir):
    from liaison_desk.ui.session import DeskSession

    form = _form(qtbot, DeskSession(desk_db, "zh", data_dir))
    _fill(qtbot, form)
    assert form.save() is None
    assert "签到" in form.form_error.text()


def test_a_returning_visitor_is_recognised_by_phone(qtbot, deputy_session, receipts):
    first = register_visit(deputy_session.db, deputy_session.actor,
                           VisitInput("张大爷", visitor_phone="13912345678", village="柳树湾村"),
                           CaseInput("路灯坏了三盏，晚上出行不便。"))
    form = _form(qtbot, deputy_session)
    type_text(qtbot, form.phone_edit, "139 1234 5678")
    form.check_visitor()
    assert form.visitor_box.isVisibleTo(form)
    assert "张大爷" in form.visitor_label.text()
    assert first.case_number in form.visitor_list.item(0).text()
    assert form.name_edit.text() == "张大爷" and form.village_edit.text() == "柳树湾村"


def test_similar_open_cases_are_offered_before_a_duplicate_is_made(qtbot, deputy_session, receipts):
    text = "村东头灌溉渠堵了两个月，春灌放不下水，希望尽快疏通。"
    earlier = register_visit(deputy_session.db, deputy_session.actor, VisitInput("王五", village="柳树湾村"),
                             CaseInput(text))
    form = _form(qtbot, deputy_session)
    _fill(qtbot, form, content="灌溉渠堵了，春灌放不下水")
    assert form.save() is None  # first press: look at the similar cases first
    assert form.similar_box.isVisibleTo(form)
    assert earlier.case_number in form.similar_list.item(0).text()
    assert count_cases(deputy_session.db, CaseFilter()) == 1
    assert form.save() is not None  # a second press: it really is a new matter
    assert count_cases(deputy_session.db, CaseFilter()) == 2
