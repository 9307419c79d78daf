"""The action dialog renders the workflow's table of each action's fields (domain.workflow.ACTION_FIELDS): one
input per field, in the table's order, the optional ones marked; a required one left empty is refused by the
service, next to its input."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit

from liaison_desk.domain.workflow import ACTION_FIELDS, COUNTY_ONLY_KINDS, EventKind
from liaison_desk.ui.action_dialog import ActionDialog, needs_dialog


@pytest.mark.parametrize("kind", [k for k in EventKind if k is not EventKind.REGISTER and k not in COUNTY_ONLY_KINDS])
def test_the_dialog_asks_what_the_table_says(qtbot, admin_session, kind):
    fields = ACTION_FIELDS[kind]
    assert needs_dialog(kind) == bool(fields)
    dialog = ActionDialog(admin_session, uuid.uuid4(), kind)
    qtbot.addWidget(dialog)
    expected = ["workdays" if f.name == "deadline" else f.name for f in fields]
    assert list(dialog.inputs) == expected
    for f in fields:
        widget = dialog.inputs["workdays" if f.name == "deadline" else f.name]
        if isinstance(widget, QComboBox) and f.name in ("resolution", "satisfaction", "outcome"):
            # a judgement is never pre-filled: the first entry is "not chosen" (不填, or 请选择 when required)
            assert widget.currentIndex() == 0 and widget.itemData(0) is None, (kind, f.name)
            assert ("请选择" in widget.itemText(0)) == f.required, (kind, f.name)
        if isinstance(widget, QPlainTextEdit):
            caption = next(label.text() for label in dialog.findChildren(QLabel) if label.buddy() is widget)
            assert ("可不填" in caption) == (not f.required), kind


def test_a_required_field_left_empty_is_refused_next_to_it(qtbot, admin_session):
    from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit

    reg = register_visit(admin_session.db, admin_session.actor, VisitInput(visitor_names="刘大妈"),
                         CaseInput(content="村口的路灯坏了"))
    act_on_case(admin_session.db, admin_session.actor, reg.case_id, EventKind.ACCEPT)
    dialog = ActionDialog(admin_session, reg.case_id, EventKind.WITHDRAW)
    qtbot.addWidget(dialog)
    assert not dialog.submit()  # 说明 is required to withdraw
    assert "说明" in dialog.errors.text("text")


@pytest.mark.parametrize(("kind", "field"), [(EventKind.FOLLOW_UP, "satisfaction"), (EventKind.REPLY, "resolution")])
def test_enter_on_an_untouched_judgement_records_nothing(qtbot, admin_session, kind, field):
    """Issue 13, item 2: 回访 opened with 满意 and 答复 with 已解决, so one Enter fed the 满意率. Now the villager's
    answer must be chosen: the dialog as it opens is refused next to the judgement, and nothing is recorded."""
    from liaison_desk.services.cases.actions import (
        CaseInput,
        VisitInput,
        act_on_case,
        get_case,
        register_visit,
    )

    db, actor = admin_session.db, admin_session.actor
    reg = register_visit(db, actor, VisitInput(visitor_names="刘大妈"), CaseInput(content="村口的路灯坏了"))
    for step in (EventKind.ACCEPT, EventKind.START):
        act_on_case(db, actor, reg.case_id, step)
    if kind is EventKind.FOLLOW_UP:
        act_on_case(db, actor, reg.case_id, EventKind.REPLY, {"resolution": "solved", "text": "已修好"})
    before = get_case(db, reg.case_id).status
    dialog = ActionDialog(admin_session, reg.case_id, kind)
    qtbot.addWidget(dialog)
    if "text" in dialog.inputs:
        dialog.inputs["text"].setPlainText("电话回访")
    assert not dialog.submit()
    assert dialog.errors.text(field)
    assert get_case(db, reg.case_id).status == before
