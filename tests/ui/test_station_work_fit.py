"""The 站务 pages and their dialogs fit a station PC (1366×728 available), in normal and large type, with the
desk's own font and style sheet: nothing wider or taller than the screen, no button cut off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from liaison_desk.ui import appearance
from liaison_desk.ui.main_window import MainWindow
from liaison_desk.ui.station_work_tab import StationWorkTab

ROOM_W, ROOM_H = 1366 - appearance.WINDOW_FRAME.width(), 728 - appearance.WINDOW_FRAME.height()


@pytest.fixture(params=[False, True], ids=["normal", "large"])
def station_screen(request, qapp, monkeypatch):
    monkeypatch.setattr(appearance, "available_geometry", lambda widget=None: QRect(0, 0, 1366, 728))
    font, sheet = QApplication.font(), qapp.styleSheet()
    appearance.apply_font(qapp, appearance.load_bundled_font())
    qapp.setStyleSheet(appearance.style_sheet(appearance.FONT_POINT_SIZE))
    appearance.set_large_type(qapp, request.param)
    yield request.param
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


def _settle():
    for _ in range(3):
        QApplication.processEvents()


def _cut_buttons(window: QWidget) -> list[str]:
    out = []
    for b in window.findChildren(QAbstractButton):
        if not b.isVisible() or b.window() is not window:
            continue
        top_left = b.mapTo(window, b.rect().topLeft())
        if not window.rect().contains(QRect(top_left, b.size())):
            out.append(b.text())
    return out


def _check(window: QWidget, name: str, shot: str) -> list[str]:
    window.show()
    _settle()
    problems = []
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    if least.width() > ROOM_W or least.height() > ROOM_H:
        problems.append(f"{name}: needs at least {least.width()}×{least.height()}")
    if window.width() > ROOM_W or window.height() > ROOM_H:
        problems.append(f"{name}: opened at {window.width()}×{window.height()}")
    cut = _cut_buttons(window)
    if cut:
        problems.append(f"{name}: buttons cut off {cut}")
    window.grab().save(shot)
    return problems


def test_the_station_work_pages_and_dialogs_fit(qtbot, admin_session, station_screen):
    win = MainWindow(admin_session.db, session=admin_session, idle_ms=0)
    qtbot.addWidget(win)
    win.resize(ROOM_W, ROOM_H)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.figures.stats is not None and not win.handover.is_loading(), timeout=20_000)
    tab = win.tabs.findChild(StationWorkTab, "stationWorkTab")
    win.tabs.setCurrentWidget(tab)
    suffix = "_large" if station_screen else ""
    problems = []
    activities = tab.section("活动登记")
    problems += _check(win, "活动登记", f"/tmp/sw_activities{suffix}.png")
    dialog = activities.new_activity()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("household_visits"))
    problems += _check(dialog, "登记活动", f"/tmp/sw_activity_dialog{suffix}.png")
    dialog.close()
    deputies = tab.section("代表名单")
    problems += _check(win, "代表名单", f"/tmp/sw_deputies{suffix}.png")
    deputies.table.selectRow(0)
    for make, name in ((deputies.new_deputy, "新增代表"), (deputies.end_term, "办理离任"),
                       (deputies.reset_pin, "重置密码")):
        d = make()
        problems += _check(d, name, f"/tmp/sw_{make.__name__}{suffix}.png")
        d.close()
    assert not problems, "\n".join(problems)
