"""The desk's screens leave the audit trail issue 17 asks for: opening a case page is a view (once, not once
per reload), typing in the case list's search box is a search logged by its kind, never its text."""

from __future__ import annotations

from sqlalchemy import select

from liaison_desk.db.models_audit import AuditEntry
from liaison_desk.services.admin import audit
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.ui.case_list_page import CaseListPage
from liaison_desk.ui.case_page import CasePage

from .conftest import DEPUTY_NAME

PHONE = "13812345678"


def _entries(db):
    with db.session(write=False) as s:
        return [(e.action, e.target, e.detail, e.actor_name) for e in s.scalars(select(AuditEntry)
                                                                                .order_by(AuditEntry.seq))]


def test_opening_a_case_page_is_logged_once(qtbot, deputy_session):
    db = deputy_session.db
    r = register_visit(db, deputy_session.actor, VisitInput("张大爷", visitor_phone=PHONE, village="柳树湾村"),
                       CaseInput("村东头灌溉渠堵了两个月，希望尽快疏通。", triage="yellow"))
    before = len(_entries(db))
    page = CasePage(deputy_session, r.case_id)
    qtbot.addWidget(page)
    page.reload()  # after an action the page reads the case again: still one view
    views = [e for e in _entries(db)[before:] if e[0] == "view_case"]
    assert views == [("view_case", r.case_number, "完整电话", DEPUTY_NAME)]
    assert audit.verify(db).ok


def test_a_search_typed_in_the_case_list_is_logged_without_its_text(qtbot, deputy_session):
    db = deputy_session.db
    page = CaseListPage(deputy_session)
    qtbot.addWidget(page)
    before = len(_entries(db))
    page.search_edit.setText(PHONE)
    page.go_to_results()
    page.go_to_results()  # Enter again: the same search, nothing new
    logged = _entries(db)[before:]
    # the search by its kind, and the list it showed by its row count (issue 17: a list of personal data)
    assert logged == [("search", "", "按电话搜索", DEPUTY_NAME), ("view_list", "案件列表", "0 行，按电话搜索", DEPUTY_NAME)]
