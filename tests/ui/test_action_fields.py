"""The action dialog renders the workflow's table of each action's fields (domain.workflow.ACTION_FIELDS): one
input per field, in the table's order, the optional ones marked; a required one left empty is refused by the
service, next to its input."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit

from liaison_desk.domain.workflow import ACTION_FIELDS, EventKind
from liaison_desk.ui.action_dialog import ActionDialog, needs_dialog


@pytest.mark.parametrize("kind", [k for k in EventKind if k is not EventKind.REGISTER])
def test_the_dialog_asks_what_the_table_says(qtbot, admin_session, kind):
    fields = ACTION_FIELDS[kind]
    assert needs_dialog(kind) == bool(fields)
    dialog = ActionDialog(admin_session, uuid.uuid4(), kind)
    qtbot.addWidget(dialog)
    expected = ["workdays" if f.name == "deadline" else f.name for f in fields]
    assert list(dialog.inputs) == expected
    for f in fields:
        widget = dialog.inputs["workdays" if f.name == "deadline" else f.name]
        if isinstance(widget, QComboBox) and f.name in ("resolution", "satisfaction"):
            # an optional choice can be left out; a required one has no empty entry
            assert (widget.itemData(0) is None) == (not f.required), (kind, f.name)
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
