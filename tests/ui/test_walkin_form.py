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
from .helpers import CJK, choose_judgements, type_text


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
    choose_judgements(form)  # judgements: the deputy chooses


def test_urgency_and_triage_are_never_chosen_for_the_deputy(qtbot, deputy_session, receipts):
    """Enter on a form whose judgements were not touched records nothing and asks for them at their fields."""
    _known_village(deputy_session)
    form = _form(qtbot, deputy_session)
    for edit, text in ((form.name_edit, "张大爷"), (form.phone_edit, "13912345678"), (form.village_edit, "柳树湾村")):
        type_text(qtbot, edit, text)
    type_text(qtbot, form.content_edit, "村东头灌溉渠堵了两个月。")
    assert form.urgency_combo.currentData() is None and form.triage_combo.currentData() is None
    assert form.save() is None
    assert count_cases(deputy_session.db, CaseFilter()) == 0
    assert "请选择紧急程度" in form.errors.labels["urgency"].text()
    assert "请选择分办颜色" in form.errors.labels["triage"].text()
    form.urgency_combo.setCurrentIndex(form.urgency_combo.findData("urgent"))
    form.triage_combo.setCurrentIndex(form.triage_combo.findData("yellow"))
    assert not form.errors.labels["triage"].text()  # fixed: the message goes
    assert form.save() is not None
    assert count_cases(deputy_session.db, CaseFilter()) == 1


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
    _known_village(deputy_session)
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
    _known_village(deputy_session)
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
    assert form.duplicate_box.isVisibleTo(form)
    assert earlier.case_number in form.duplicate_list.item(0).text()
    assert count_cases(deputy_session.db, CaseFilter()) == 1
    assert form.save() is None  # pressing save again is no answer
    qtbot.mouseClick(form.new_button, Qt.MouseButton.LeftButton)  # it really is a new matter
    assert count_cases(deputy_session.db, CaseFilter()) == 2


# -- issue 13, item 5: saving on the first press, errors at the field, the duplicate and village questions -----
def _known_village(session, name="柳树湾村"):
    """A village on the station's list (a visit without a matter, so no similar case is made)."""
    register_visit(session.db, session.actor, VisitInput("李四", village=name))


def _active_form(qtbot, session) -> WalkInForm:
    form = _form(qtbot, session)
    form.activateWindow()
    qtbot.waitUntil(lambda: form.isActiveWindow())
    return form


def _mnemonics(widget) -> list[str]:
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    found = []
    for w in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        found += [m.upper() for m in re.findall(r"&([^&\s])", w.text())]
    return found


def test_walkin_alt_keys_are_unique_and_leave_the_menu_bar_keys_alone(qtbot, deputy_session):
    form = _form(qtbot, deputy_session)
    keys = _mnemonics(form)
    assert len(keys) >= 10
    assert not set(keys) & set("DVPH"), keys  # 值班&D, 查看&V, 打印&P, 帮助&H in the main window's menu bar
    assert len(keys) == len(set(keys)), keys


def test_a_clean_form_saves_on_the_first_press(qtbot, deputy_session, receipts):
    _known_village(deputy_session)
    form = _form(qtbot, deputy_session)
    _fill(qtbot, form)
    with qtbot.waitSignal(form.registered):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert count_cases(deputy_session.db, CaseFilter()) == 1


def test_a_bad_field_is_marked_when_left_and_cleared_as_soon_as_it_is_fixed(qtbot, deputy_session, receipts):
    form = _active_form(qtbot, deputy_session)
    form.phone_edit.setFocus()
    type_text(qtbot, form.phone_edit, "12345")
    assert form.errors.text("phone") == ""  # not while typing
    qtbot.keyClick(form.phone_edit, Qt.Key.Key_Tab)  # leaving the field
    assert "电话" in form.errors.text("phone")
    form.phone_edit.setFocus()
    form.phone_edit.selectAll()
    type_text(qtbot, form.phone_edit, "13912345678")
    assert form.errors.text("phone") == ""  # fixed: the message goes at once, no save needed


def test_every_error_shows_on_the_first_press_even_with_a_similar_case(qtbot, deputy_session, receipts):
    _known_village(deputy_session)
    register_visit(deputy_session.db, deputy_session.actor, VisitInput("王五", village="柳树湾村"),
                   CaseInput("村东头灌溉渠堵了两个月，春灌放不下水，希望尽快疏通。"))
    form = _form(qtbot, deputy_session)
    _fill(qtbot, form, name="", phone="12345", content="灌溉渠堵了，春灌放不下水")
    assert form.save() is None
    assert "电话" in form.errors.text("phone") and "姓名" in form.errors.text("name")  # both, at once
    assert form.name_edit.text() == "" and form.phone_edit.text() == "12345"


def _scrolled(qtbot, session, height=480):
    """The form as the main window shows it at 1366×728: in a scroll area below the menus, figures and tabs."""
    from PySide6.QtWidgets import QScrollArea

    form = WalkInForm(session)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(form)
    qtbot.addWidget(area)
    area.resize(1366, height)
    area.show()
    qtbot.waitExposed(area)
    return area, form


def _seen(area, widget) -> bool:
    from PySide6.QtCore import QRect

    if not widget.isVisible():
        return False
    top_left = widget.mapTo(area.viewport(), widget.rect().topLeft())
    return area.viewport().rect().contains(QRect(top_left, widget.size()))


def _similar_case(session):
    _known_village(session)
    return register_visit(session.db, session.actor, VisitInput("王五", village="柳树湾村"),
                          CaseInput("村东头灌溉渠堵了两个月，春灌放不下水，希望尽快疏通。"))


def test_the_duplicate_question_is_two_visible_buttons_next_to_save(qtbot, deputy_session, receipts):
    from PySide6.QtWidgets import QApplication

    earlier = _similar_case(deputy_session)
    area, form = _scrolled(qtbot, deputy_session)
    _fill(qtbot, form, content="灌溉渠堵了，春灌放不下水")
    assert form.save() is None
    assert form.same_button.text() == "是同一件事（关联到原件）"
    assert form.new_button.text() == "是新的事（另行登记）"
    for widget in (form.same_button, form.new_button, form.duplicate_box, form.save_button):
        assert _seen(area, widget), widget  # on screen at 1366×728, right by the save button
    assert earlier.case_number in form.duplicate_box.findChild(type(form.similar_list)).item(0).text()
    for button in (form.same_button, form.new_button):
        assert not button.isDefault() and not button.autoDefault()
    qtbot.keyClick(QApplication.focusWidget() or form, Qt.Key.Key_Return)  # Enter picks neither
    assert form.save() is None  # nor does pressing save again
    assert count_cases(deputy_session.db, CaseFilter()) == 1
    assert form.duplicate_box.isVisible()


def test_an_unrelated_edit_does_not_re_ask_and_new_matter_saves_in_one_press(qtbot, deputy_session, receipts):
    _similar_case(deputy_session)
    form = _form(qtbot, deputy_session)
    _fill(qtbot, form, content="灌溉渠堵了，春灌放不下水")
    assert form.save() is None
    form.headcount_spin.setValue(3)
    form.urgency_combo.setCurrentIndex(1)
    type_text(qtbot, form.name_edit, "、李大娘")
    assert form.duplicate_box.isVisible()
    with qtbot.waitSignal(form.registered):
        qtbot.mouseClick(form.new_button, Qt.MouseButton.LeftButton)
    assert count_cases(deputy_session.db, CaseFilter()) == 2


def test_the_answer_is_kept_when_the_save_fails_for_another_reason(qtbot, deputy_session, receipts, monkeypatch):
    from liaison_desk.domain.errors import ValidationError

    _similar_case(deputy_session)
    form = _form(qtbot, deputy_session)
    _fill(qtbot, form, content="灌溉渠堵了，春灌放不下水")
    real = walkin_form.register_visit
    calls = []

    def once_refused(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise ValidationError("bad_headcount", "来访人数应在 1 到 999 之间。", field="headcount")
        return real(*args, **kwargs)

    monkeypatch.setattr(walkin_form, "register_visit", once_refused)
    assert form.save() is None
    qtbot.mouseClick(form.new_button, Qt.MouseButton.LeftButton)
    assert "来访人数" in form.errors.text("headcount") and form.isVisible()
    assert "灌溉渠" in form.content_edit.toPlainText()  # nothing typed is lost
    form.headcount_spin.setValue(2)
    assert form.errors.text("headcount") == ""
    assert form.save() is not None  # one press: the question was answered already
    assert count_cases(deputy_session.db, CaseFilter()) == 2


def test_same_matter_links_the_new_case_to_the_original(qtbot, deputy_session, receipts):
    from liaison_desk.services.cases.listing import CaseFilter as Filter

    earlier = _similar_case(deputy_session)
    form = _form(qtbot, deputy_session)
    _fill(qtbot, form, content="灌溉渠堵了，春灌放不下水")
    assert form.save() is None
    with qtbot.waitSignal(form.registered) as blocker:
        qtbot.mouseClick(form.same_button, Qt.MouseButton.LeftButton)
    number = blocker.args[0]
    assert count_cases(deputy_session.db, Filter()) == 2
    from liaison_desk.services.cases.listing import page_cases

    new_id = next(r.id for r in page_cases(deputy_session.db) if r.number == number)
    links = [e.data for e in lookups.case_timeline(deputy_session.db, new_id) if e.kind == "link_duplicate"]
    assert links == [{"duplicate_of": str(earlier.case_id)}]


def test_a_returning_visitors_open_case_is_asked_about_too(qtbot, deputy_session, receipts):
    _known_village(deputy_session)
    first = register_visit(deputy_session.db, deputy_session.actor,
                           VisitInput("张大爷", visitor_phone="13912345678", village="柳树湾村"),
                           CaseInput("路灯坏了三盏，晚上出行不便。"))
    form = _form(qtbot, deputy_session)
    _fill(qtbot, form)  # same phone, another matter (the irrigation ditch)
    form.check_visitor()
    assert form.save() is None
    assert form.duplicate_box.isVisible()
    assert first.case_number in form.duplicate_box.findChild(type(form.similar_list)).item(0).text()
    with qtbot.waitSignal(form.registered):
        qtbot.mouseClick(form.new_button, Qt.MouseButton.LeftButton)


def test_a_half_typed_village_is_never_added_silently(qtbot, deputy_session, receipts):
    from PySide6.QtWidgets import QApplication

    _known_village(deputy_session)
    form = _form(qtbot, deputy_session)
    _fill(qtbot, form, village="柳树")
    assert form.save() is None
    assert "新增村（社区）「柳树」？" in form.village_question.text()
    assert form.add_village_button.text() == "新增" and form.edit_village_button.text() == "返回修改"
    assert form.village_box.isVisible()
    for button in (form.add_village_button, form.edit_village_button):
        assert not button.isDefault() and not button.autoDefault()
    qtbot.keyClick(QApplication.focusWidget() or form, Qt.Key.Key_Return)
    assert count_cases(deputy_session.db, CaseFilter()) == 0
    qtbot.mouseClick(form.edit_village_button, Qt.MouseButton.LeftButton)
    assert not form.village_box.isVisible() and form.village_edit.text() == "柳树"
    assert [c.name for c in lookups.list_villages(deputy_session.db)] == ["柳树湾村"]
    assert count_cases(deputy_session.db, CaseFilter()) == 0
    assert form.save() is None  # still not on the list: asked again
    with qtbot.waitSignal(form.registered):
        qtbot.mouseClick(form.add_village_button, Qt.MouseButton.LeftButton)
    assert sorted(c.name for c in lookups.list_villages(deputy_session.db)) == ["柳树", "柳树湾村"]


def test_a_village_from_the_list_is_not_asked_about(qtbot, deputy_session, receipts):
    _known_village(deputy_session)
    form = _form(qtbot, deputy_session)
    _fill(qtbot, form, village=" 柳树湾村 ")
    assert form.save() is not None
    assert not form.village_box.isVisible()


@pytest.mark.parametrize("large", [False, True])
def test_in_the_main_window_at_1366x728_the_question_and_save_are_in_sight(qtbot, deputy_session, receipts,
                                                                           monkeypatch, large):
    """The desk at a station PC's size (1366×728 less the window frame): after save, the duplicate question and
    the save button are inside the window, scrolled into the walk-in tab's view."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    from liaison_desk.ui import appearance
    from liaison_desk.ui.main_window import MainWindow

    monkeypatch.setattr(appearance, "available_geometry", lambda widget=None: QRect(0, 0, 1366, 728))
    _similar_case(deputy_session)
    win = MainWindow(deputy_session.db, session=deputy_session, idle_ms=0)
    qtbot.addWidget(win)
    if large:
        appearance.set_large_type(QApplication.instance(), True)
        monkeypatch.setattr(appearance, "set_large_type", lambda *a: None)  # undone below, whatever happens
    try:
        win.resize(appearance.room(win))
        win.show()
        qtbot.waitExposed(win)
        win.new_visit()
        form = win.walkin
        _fill(qtbot, form, content="灌溉渠堵了，春灌放不下水")
        for _ in range(3):
            QApplication.processEvents()  # the large type is laid out, as it is long before anyone saves
        assert form.save() is None
        holder = form.parentWidget().parentWidget()  # the tab's scroll area (its viewport holds the form)
        for widget in (form.same_button, form.new_button, form.save_button):
            top_left = widget.mapTo(win, widget.rect().topLeft())
            assert win.rect().contains(QRect(top_left, widget.size())), widget.text()
            assert _seen(holder, widget), widget.text()
        with qtbot.waitSignal(form.registered):
            qtbot.mouseClick(form.new_button, Qt.MouseButton.LeftButton)
    finally:
        if large:
            monkeypatch.undo()
            appearance.set_large_type(QApplication.instance(), False)
        win.desk_lock.idle.stop()


def test_with_several_similar_cases_the_user_picks_which_one(qtbot, deputy_session, receipts):
    first = _similar_case(deputy_session)
    second = register_visit(deputy_session.db, deputy_session.actor, VisitInput("赵六", village="柳树湾村"),
                            CaseInput("灌溉渠堵了，春灌放不下水，地都干了"))
    form = _active_form(qtbot, deputy_session)
    _fill(qtbot, form, content="灌溉渠堵了，春灌放不下水")
    assert form.save() is None and form.duplicate_list.count() == 2
    assert form.duplicate_list.selectedItems() == [] and form.duplicate_list.currentRow() == -1  # none chosen
    qtbot.mouseClick(form.same_button, Qt.MouseButton.LeftButton)
    assert "哪一件" in form.duplicate_note.text() and count_cases(deputy_session.db, CaseFilter()) == 2
    row = next(i for i in range(2) if first.case_number in form.duplicate_list.item(i).text())
    form.duplicate_list.setCurrentRow(row)
    with qtbot.waitSignal(form.registered) as blocker:
        qtbot.mouseClick(form.same_button, Qt.MouseButton.LeftButton)
    from liaison_desk.services.cases.listing import page_cases

    new_id = next(r.id for r in page_cases(deputy_session.db) if r.number == blocker.args[0])
    links = [e.data for e in lookups.case_timeline(deputy_session.db, new_id) if e.kind == "link_duplicate"]
    assert links == [{"duplicate_of": str(first.case_id)}] and second.case_id != first.case_id
