"""The desk's lists with personal data are audited through their services (issue 17): showing the case list
and the 回访回电 list each leave one entry with the row count — not one per repaint, scroll or reload."""

from __future__ import annotations

from sqlalchemy import select

from liaison_desk.db.models_audit import AuditEntry
from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import EventKind
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.ui.callbacks_page import CallbacksPage
from liaison_desk.ui.case_list_page import CaseListPage

from .conftest import DEPUTY_NAME

PHONE = "13812345678"


def _lists(db):
    with db.session(write=False) as s:
        return [(e.target, e.detail, e.actor_name) for e in s.scalars(
            select(AuditEntry).where(AuditEntry.action == "view_list").order_by(AuditEntry.seq))]


def test_the_case_list_and_the_call_back_list_are_logged_once_per_showing(qtbot, deputy_session):
    db = deputy_session.db
    case_id = register_visit(db, deputy_session.actor, VisitInput("张大爷", visitor_phone=PHONE, village="柳树湾村"),
                             CaseInput("村东头灌溉渠堵了两个月")).case_id
    act_on_case(db, deputy_session.actor, case_id, EventKind.PROMISE_CALLBACK,
                {"callback_due": local_today().isoformat()})
    cases = CaseListPage(deputy_session)
    qtbot.addWidget(cases)
    cases.show()
    qtbot.waitExposed(cases)
    cases.table.viewport().repaint()
    cases.model.refresh()  # the list read again after an action, same rows: still one entry
    calls = CallbacksPage(lambda: deputy_session)
    qtbot.addWidget(calls)
    calls.show()
    qtbot.waitUntil(lambda: calls.loaded)
    calls.refresh()
    logged = _lists(db)
    assert ("案件列表", "1 行", DEPUTY_NAME) in logged and ("回访回电", "1 行（含完整电话）", DEPUTY_NAME) in logged
    assert len(logged) == 2
    assert PHONE not in repr(logged) and "张大爷" not in repr(logged)
