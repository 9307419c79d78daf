"""The 站务 tab (issue 13, item 7): the station's work beyond walk-ins has a screen, shown by role and built
when first shown; sections come from one table."""

from __future__ import annotations

import subprocess
import sys

from liaison_desk.domain.workflow import Role
from liaison_desk.ui.main_window import MainWindow
from liaison_desk.ui.station_work_tab import SECTIONS, StationWorkTab, sections_for


def _window(qtbot, session) -> MainWindow:
    win = MainWindow(session.db, session=session, idle_ms=0)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _tab(win: MainWindow) -> StationWorkTab:
    tab = win.tabs.findChild(StationWorkTab, "stationWorkTab")
    assert tab is not None, "the desk has no 站务 tab"
    return tab


def _titles(tab: StationWorkTab) -> list[str]:
    assert tab.sections is not None
    return [tab.sections.tabText(i) for i in range(tab.sections.count())]


def test_an_administrator_finds_activities_and_the_deputy_list_on_the_station_work_tab(qtbot, admin_session):
    win = _window(qtbot, admin_session)
    tab = _tab(win)
    index = win.tabs.indexOf(tab)
    assert win.tabs.tabText(index) == "站务" and win.tabs.isTabVisible(index)
    assert tab.sections is None  # nothing built at the start of a shift
    win.tabs.setCurrentWidget(tab)
    assert tab.sections is not None and {"活动登记", "代表名单"} <= set(_titles(tab))
    assert tab.section("活动登记") is not None and tab.section("代表名单") is not None


def test_a_duty_deputy_sees_only_the_activities(qtbot, deputy_session):
    win = _window(qtbot, deputy_session)
    tab = _tab(win)
    win.tabs.setCurrentWidget(tab)
    assert _titles(tab) == ["活动登记"]


def test_nobody_signed_in_sees_no_station_work_and_a_sign_in_shows_it(qtbot, admin_session):
    win = _window(qtbot, admin_session.with_actor(None))
    tab = _tab(win)
    assert not win.tabs.isTabVisible(win.tabs.indexOf(tab))
    win.set_session(admin_session)  # what the lock does when someone signs in
    assert win.tabs.isTabVisible(win.tabs.indexOf(tab))
    win.tabs.setCurrentWidget(tab)
    assert "代表名单" in _titles(tab)


def test_sections_are_registered_in_one_table_by_role():
    assert [s.title for s in sections_for(Role.DUTY_DEPUTY)] == ["活动登记"]
    assert {"活动登记", "代表名单"} <= {s.title for s in sections_for(Role.STAFF)}
    assert sections_for(None) == []
    assert all(callable(s.factory) for s in SECTIONS)


def test_the_pages_load_no_duty_service_until_shown():
    """The start of a shift must not load these services: importing the desk's window brings none of them."""
    code = ("import sys; import liaison_desk.ui.main_window, liaison_desk.ui.station_work_tab; "
            "print([m for m in sys.modules if m.startswith(('liaison_desk.services.duty', "
            "'liaison_desk.ui.activities_page', 'liaison_desk.ui.deputies_page'))])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _alt_keys(window) -> dict[str, list[str]]:
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow, QTabBar, QWidget

    found: dict[str, list[str]] = {}

    def add(text: str) -> None:
        m = re.search(r"&(.)", text.replace("&&", ""))
        if m:
            found.setdefault(m.group(1).upper(), []).append(text)

    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.isVisible() and not action.isSeparator():
                add(action.text())
    for w in window.findChildren(QWidget):
        if w.window() is not window or not w.isVisibleTo(window):
            continue
        if isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and w.buddy() is not None):
            add(w.text())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.isTabVisible(i):
                    add(w.tabText(i))
    return {k: v for k, v in found.items() if len(v) > 1}


def test_every_alt_key_means_one_thing_on_the_station_work_pages_and_dialogs(qtbot, admin_session):
    win = _window(qtbot, admin_session)
    tab = _tab(win)
    win.tabs.setCurrentWidget(tab)
    activities = tab.section("活动登记")
    assert _alt_keys(win) == {}
    dialog = activities.new_activity()
    for kind in ("household_visits", "suggestion"):
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
        assert _alt_keys(dialog) == {}
    dialog.close()
    deputies = tab.section("代表名单")
    assert _alt_keys(win) == {}
    deputies.table.selectRow(0)
    for make in (deputies.new_deputy, deputies.end_term, deputies.reset_pin):
        d = make()
        assert _alt_keys(d) == {}, make.__name__
        d.close()


def test_a_deputy_added_elsewhere_shows_on_the_open_list(qtbot, admin_session):
    from liaison_desk.services.changes import LOOKUPS, lists
    from liaison_desk.services.duty.deputies import DeputyInput, create_deputy

    win = _window(qtbot, admin_session)
    tab = _tab(win)
    win.tabs.setCurrentWidget(tab)
    page = tab.section("代表名单")
    before = page.model.rowCount()
    create_deputy(admin_session.db, admin_session.actor, DeputyInput("钱多多", level="city"))
    win.session.publish(lists(LOOKUPS))  # what an import by the command line's sync or another page says
    assert page.model.rowCount() == before + 1


def test_after_the_lock_a_deputy_signing_in_sees_only_the_activities(qtbot, admin_session, deputy_session):
    win = _window(qtbot, admin_session)
    tab = _tab(win)
    win.tabs.setCurrentWidget(tab)
    assert "代表名单" in _titles(tab)
    win.set_session(deputy_session)
    assert _titles(tab) == ["活动登记"]
    page = tab.section("活动登记")
    assert page is not None and page.session.actor == deputy_session.actor
    win.set_session(deputy_session.with_actor(None))  # signed out: the tab goes, the desk shows another page
    assert not win.tabs.isTabVisible(win.tabs.indexOf(tab)) and win.tabs.currentWidget() is not tab
