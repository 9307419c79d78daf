"""The desk's 打印 menu: registers and sheets built off the UI thread, recorded, then previewed."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.printing.log import copies_so_far
from liaison_desk.ui import print_preview
from liaison_desk.ui.main_window import MainWindow


@pytest.fixture
def previews(monkeypatch):
    shown = []
    def printed(parent, pdf, title, *, document, receipt_width=None, on_delivered=None):
        shown.append((document, pdf))
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


def test_the_menu_is_in_the_menu_bar_with_every_document(window):
    titles = [a.text() for a in window.menus.print_menu.menu.actions() if not a.isSeparator()]
    assert window.menus.print_menu.menu.menuAction() in window.menuBar().actions()
    assert len(titles) == 8 and any("来访登记簿" in t for t in titles) and any("台账" in t for t in titles)


def test_register_ledger_and_notice_are_built_recorded_and_previewed(window, admin_session, previews):
    db = admin_session.db
    register_visit(db, admin_session.actor, VisitInput("张三", visitor_phone="13812345678"), CaseInput("村口路灯坏了"))
    today = dt.date.today()
    assert window.menus.print_menu.register((today - dt.timedelta(days=1), today + dt.timedelta(days=1)))
    assert window.menus.print_menu.ledger()
    assert window.menus.print_menu.notice((today.replace(day=1), today))
    assert window.menus.print_menu.roster(dt.date(2026, 12, 1)) is None  # no plan yet: refused in words
    assert "还没有排班" in window.menus.print_menu.last_error
    from tests.printing.test_roster_print import plan_december

    plan_december(db)
    assert window.menus.print_menu.roster(dt.date(2026, 12, 1))
    assert [d for d, _ in previews] == ["register", "ledger", "notice", "roster"]
    assert all(pdf.startswith(b"%PDF") for _, pdf in previews)
    start, end = today - dt.timedelta(days=1), today + dt.timedelta(days=1)
    assert copies_so_far(db, "register", f"{start:%Y-%m-%d}..{end:%Y-%m-%d}") == 1  # every print is recorded


def test_a_refusal_is_shown_in_chinese_and_nothing_is_previewed(window, previews):
    today = dt.date.today()
    assert window.menus.print_menu.register((today, today - dt.timedelta(days=3))) is None  # end before start
    assert window.menus.print_menu.last_error and not previews
