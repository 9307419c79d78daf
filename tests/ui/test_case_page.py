"""Following a case: its page shows the timeline and only the actions the workflow allows now, each asking
only for what it needs, recorded with who did it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import ACTION_FIELDS, COUNTY_ONLY_KINDS, EventKind
from liaison_desk.services.cases.actions import CaseInput, VisitInput, get_case, register_visit
from liaison_desk.services.desk import lookups
from liaison_desk.services.desk.workdays import work_calendar
from liaison_desk.ui.brief_model import CaseBriefModel
from liaison_desk.ui.case_page import CasePage

from .conftest import DEPUTY_NAME
from .helpers import CJK, type_text


@pytest.fixture
def case_id(deputy_session):
    r = register_visit(deputy_session.db, deputy_session.actor, VisitInput("张大爷", village="柳树湾村"),
                       CaseInput("村东头灌溉渠堵了两个月，希望尽快疏通。", triage="yellow"))
    return r.case_id


def _page(qtbot, session, case_id) -> CasePage:
    page = CasePage(session, case_id)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_a_new_case_offers_only_what_a_duty_deputy_may_do_now(qtbot, deputy_session, case_id):
    page = _page(qtbot, deputy_session, case_id)
    offered = set(page.action_buttons)
    assert EventKind.ACCEPT in offered and EventKind.WITHDRAW in offered
    assert EventKind.ASSIGN not in offered  # assigning to a department is the office's step
    assert EventKind.CLOSE not in offered and EventKind.REPLY not in offered
    assert page.timeline.count() == 1 and "登记" in page.timeline.item(0).text()
    assert DEPUTY_NAME in page.timeline.item(0).text()
    for button in page.action_buttons.values():
        assert CJK.search(button.accessibleName())


def test_accept_needs_no_questions_and_is_recorded_with_who_did_it(qtbot, deputy_session, case_id):
    page = _page(qtbot, deputy_session, case_id)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.action_buttons[EventKind.ACCEPT], Qt.MouseButton.LeftButton)
    assert page.action_dialog is None  # nothing was asked
    assert page.fact_labels["status"].text() == "已受理"
    assert page.timeline.count() == 2 and "受理" in page.timeline.item(1).text()
    assert DEPUTY_NAME in page.timeline.item(1).text()
    assert EventKind.ACCEPT not in page.action_buttons


def test_assign_asks_department_and_working_days_and_sets_the_deadline(qtbot, deputy_session, admin_session,
                                                                       case_id):
    _page(qtbot, deputy_session, case_id).start_action(EventKind.ACCEPT)
    page = _page(qtbot, admin_session, case_id)
    page.start_action(EventKind.ASSIGN)
    dlg = page.action_dialog
    assert set(dlg.inputs) == {"department_id", "workdays", "text"}  # only what assigning needs
    dlg.inputs["department_id"].setCurrentIndex(dlg.inputs["department_id"].findText("县水利局"))
    dlg.inputs["workdays"].setValue(10)
    expected = work_calendar(admin_session.db).add_working_days(local_today(), 10)
    assert dlg.deadline_label.text().startswith(expected.isoformat()) and "星期" in dlg.deadline_label.text()
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    view = get_case(admin_session.db, case_id)
    assert view.status == "assigned" and view.department == "县水利局" and view.deadline == expected
    assert page.fact_labels["deadline"].text().startswith(expected.isoformat())
    assert "期限" in page.timeline.item(2).text()


def test_a_missing_required_answer_keeps_the_dialog_open_with_a_chinese_message(qtbot, deputy_session, case_id):
    page = _page(qtbot, deputy_session, case_id)
    page.start_action(EventKind.WITHDRAW)
    dlg = page.action_dialog
    assert set(dlg.inputs) == {"text"}
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible()
    assert "说明" in (dlg.errors.text("text") or dlg.form_error.text())
    type_text(qtbot, dlg.inputs["text"], "群众已自行解决，申请撤回。")
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert get_case(deputy_session.db, case_id).status == "withdrawn"
    assert not page.action_buttons.keys() - {EventKind.LINK_DUPLICATE, EventKind.NOTE}


def test_a_mistyped_duplicate_number_is_explained(qtbot, deputy_session, case_id):
    page = _page(qtbot, deputy_session, case_id)
    page.start_action(EventKind.LINK_DUPLICATE)
    dlg = page.action_dialog
    type_text(qtbot, dlg.inputs["duplicate_of"], "LX01-261122-0007-X")
    assert not dlg.submit()
    assert CJK.search(dlg.errors.text("duplicate_of") or dlg.form_error.text())


def test_every_action_dialog_has_labelled_inputs(qtbot, deputy_session, case_id):
    from liaison_desk.ui.action_dialog import ActionDialog

    for kind in ACTION_FIELDS:
        dlg = ActionDialog(deputy_session, case_id, kind)
        qtbot.addWidget(dlg)
        for widget in dlg.inputs.values():
            assert CJK.search(widget.accessibleName()), (kind, widget)


def test_brief_model_contract(qtmodeltester, demo_db):
    from liaison_desk.services.desk.handover import handover_summary

    model = CaseBriefModel()
    qtmodeltester.check(model)
    rows = handover_summary(demo_db).overdue
    assert rows
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == rows[0].number


def test_timeline_lists_events_in_order(deputy_session, case_id):
    events = lookups.case_timeline(deputy_session.db, case_id)
    assert [e.kind for e in events] == ["register"] and events[0].actor_name == DEPUTY_NAME


def test_the_receipt_can_be_printed_again_marked_as_a_reprint(qtbot, deputy_session, case_id, monkeypatch):
    from liaison_desk.ui import print_preview

    shown = []
    monkeypatch.setattr(print_preview, "open_preview", lambda parent, pdf, title, **kw: shown.append((pdf, kw)))
    page = _page(qtbot, deputy_session, case_id)
    qtbot.mouseClick(page.receipt_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and shown[0][0].startswith(b"%PDF") and shown[0][1]["document"] == "receipt"
    assert not page.error.isVisibleTo(page)


def _public_dialog(qtbot, page):
    qtbot.mouseClick(page.public_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.public_dialog is not None and page.public_dialog.isVisible())
    return page.public_dialog


def test_staff_approve_the_public_summary_from_the_case_page(qtbot, deputy_session, admin_session, case_id):
    """公示摘要 (issue 14): only staff and administrators see the button; the dialog is prefilled with what the
    wall notice prints now, and the approved wording is saved and published like the page's other writes."""
    from dataclasses import replace

    from liaison_desk.ui.session import DeskSignals

    assert not _page(qtbot, deputy_session, case_id).public_button.isVisible()
    signals = DeskSignals()
    session = replace(admin_session, signals=signals)
    page = _page(qtbot, session, case_id)
    assert page.public_button.isVisible() and CJK.search(page.public_button.accessibleName())
    dialog = _public_dialog(qtbot, page)
    assert "柳树湾村" in dialog.textValue() and "灌溉渠" not in dialog.textValue()  # the default, not the text
    dialog.setTextValue("柳树湾村灌溉渠清淤，正在办理")
    with qtbot.waitSignal(signals.changed) as blocker:
        dialog.accept()
    assert blocker.args[0].concerns_case(case_id)
    assert get_case(session.db, case_id).public_summary == "柳树湾村灌溉渠清淤，正在办理"
    assert not page.error.isVisible()
    qtbot.waitUntil(lambda: not page.public_dialog.isVisible())
    assert _public_dialog(qtbot, page).textValue() == "柳树湾村灌溉渠清淤，正在办理"


def test_the_visitors_name_in_the_public_summary_is_refused_on_the_page(qtbot, admin_session, case_id):
    page = _page(qtbot, admin_session, case_id)
    dialog = _public_dialog(qtbot, page)
    default = dialog.textValue()
    dialog.setTextValue("张大爷反映的灌溉渠已疏通")
    dialog.accept()
    qtbot.waitUntil(page.error.isVisible)
    assert "姓名" in page.error.text()
    assert get_case(admin_session.db, case_id).public_summary is None
    dialog = _public_dialog(qtbot, page)
    assert dialog.textValue() == default
    with qtbot.waitSignal(page.changed):
        dialog.accept()  # the default kept as it is stays the default (it follows the result)
    assert get_case(admin_session.db, case_id).public_summary is None


# -- issue 13, items 3, 9 and 10: who came, keys, plain wording ------------------------------------------------


def _phone_case(session, **kw):
    r = register_visit(session.db, session.actor, VisitInput("张秀英", visitor_phone="13812345678", village="柳树湾村",
                                                             **kw),
                       CaseInput("村东头灌溉渠堵了两个月，希望尽快疏通。"))
    return r.case_id


def test_the_case_page_says_who_came_and_the_number_to_call(qtbot, deputy_session):
    import uuid

    from liaison_desk.services.context import Actor
    from liaison_desk.services.duty import deputies

    admin = Actor(deputy_session.actor.role.ADMIN, "管理员")
    receiver = deputies.create_deputy(deputy_session.db, admin, deputies.DeputyInput(name="陈代表", level="county",
                                                                                      code="D077"))
    case_id = _phone_case(deputy_session, received_by_id=uuid.UUID(str(receiver.id)))
    page = _page(qtbot, deputy_session, case_id)
    f = page.fact_labels
    assert f["visitor"].text() == "张秀英" and f["phone"].text() == "13812345678"  # on screen, to call back
    assert f["received_by"].text() == "陈代表" and f["village"].text() == "柳树湾村"
    assert f["registered_at"].text().startswith(local_today().isoformat())


def test_the_call_back_dialog_shows_whom_to_call(qtbot, deputy_session):
    page = _page(qtbot, deputy_session, _phone_case(deputy_session))
    page.start_action(EventKind.PROMISE_CALLBACK)
    dlg = page.action_dialog
    assert "张秀英" in dlg.callee.text() and "13812345678" in dlg.callee.text()
    assert "星期" in dlg.inputs["callback_due"].text()  # the day is said with its weekday


def test_every_action_button_and_ok_have_a_key_of_their_own(qtbot, admin_session, deputy_session):
    from liaison_desk.ui.action_dialog import ActionDialog
    from liaison_desk.ui.case_page import ACTION_KEYS

    case_id = _phone_case(deputy_session)
    page = _page(qtbot, deputy_session, case_id)
    fixed = [page.receipt_button, page.close_button, page.public_button, *page.letter_buttons.values()]
    taken = [b.text().split("&")[1][0].upper() for b in fixed if "&" in b.text()]
    keys = list(ACTION_KEYS.values())
    assert len(set(keys)) == len(keys) and not set(keys) & set(taken)
    assert set(ACTION_KEYS) >= {k for k in EventKind if k is not EventKind.REGISTER and k not in COUNTY_ONLY_KINDS}
    for kind, button in page.action_buttons.items():
        assert f"&{ACTION_KEYS[kind]}" in button.text(), kind
    dlg = ActionDialog(admin_session, case_id, EventKind.NOTE)
    qtbot.addWidget(dlg)
    assert "&" in dlg.ok_button.text()


def test_supervision_level_and_dates_are_said_in_words(qtbot, admin_session):
    from liaison_desk.services.cases.actions import act_on_case

    db, actor = admin_session.db, admin_session.actor
    case_id = _phone_case(admin_session)
    act_on_case(db, actor, case_id, EventKind.ACCEPT)
    dep = next(d for d in lookups.list_departments(db) if d.name == "县水利局")
    act_on_case(db, actor, case_id, EventKind.ASSIGN, {"department_id": str(dep.id), "working_days": 5})
    act_on_case(db, actor, case_id, EventKind.SUPERVISE, {"text": "请加快"})
    page = _page(qtbot, admin_session, case_id)
    assert page.fact_labels["escalation"].text() == "第1级"
    assert "星期" in page.fact_labels["deadline"].text()
    page.start_action(EventKind.SUPERVISE)
    assert page.action_dialog.inputs["escalation_level"].text() == "第2级"


def test_an_error_keeps_the_dialog_open_with_what_was_typed(qtbot, deputy_session):
    case_id = _phone_case(deputy_session)
    page = _page(qtbot, deputy_session, case_id)
    page.start_action(EventKind.LINK_DUPLICATE)
    dlg = page.action_dialog
    type_text(qtbot, dlg.inputs["duplicate_of"], "LX01-261122-0007-X")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and dlg.inputs["duplicate_of"].text() == "LX01-261122-0007-X"
    assert dlg.errors.text("duplicate_of") and dlg.focusWidget() is dlg.inputs["duplicate_of"]
