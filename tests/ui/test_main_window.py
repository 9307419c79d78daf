"""The main window: title and training banner, summary figures, case list, filter, empty state, shortcuts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from liaison_desk import __version__
from liaison_desk.domain.workflow import Status
from liaison_desk.services.case_list import CaseFilter, count_cases
from liaison_desk.services.stats import compute_stats
from liaison_desk.ui.main_window import MainWindow

from .conftest import STATION_NAME


def _window(qtbot, db) -> MainWindow:
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_training_database_is_marked_clearly(qtbot, demo_db):
    win = _window(qtbot, demo_db)
    assert win.is_training
    assert "【培训库】" in win.windowTitle()
    assert win.windowTitle().startswith("联络站值班台 — ")
    assert win.training_banner.isVisible()
    assert "培训库" in win.training_banner.text()
    assert not win.cards["outbox"].isVisible()  # a training database never syncs


def test_real_station_has_no_banner_and_shows_the_empty_state(qtbot, db):
    win = _window(qtbot, db)
    assert win.windowTitle() == f"联络站值班台 — {STATION_NAME}"
    assert not win.training_banner.isVisible()
    assert win.empty_state_visible()
    assert "还没有登记任何案件" in win.empty_label.text()
    assert not win.table.isVisible()
    assert win.cards["total"].value.text() == "0"
    assert win.cards["closure_rate"].value.text() == "—"


def test_summary_strip_matches_the_statistics(qtbot, demo_db):
    win = _window(qtbot, demo_db)
    stats = compute_stats(demo_db)
    assert win.cards["total"].value.text() == f"{stats['cases']['total']:,}"
    assert win.cards["closed"].value.text() == f"{stats['cases']['by_status']['closed']:,}"
    rate = stats["rates"]["closure_rate"]
    assert win.cards["closure_rate"].value.text() == ("—" if rate is None else f"{rate:.1f}%")
    assert win.cards["total"].accessibleName().startswith("案件总数")


def test_case_list_loads_the_first_page_and_more_on_scroll(qtbot, demo_db):
    win = _window(qtbot, demo_db)
    total = count_cases(demo_db, CaseFilter())
    assert not win.empty_state_visible()
    assert win.model.total == total
    assert win.model.rowCount() <= total
    assert f"{total:,}" in win.count_label.text()
    win.table.scrollToBottom()
    qtbot.waitUntil(lambda: not win.model.canFetchMore(QModelIndex()) or win.model.rowCount() > 200, timeout=5000)
    assert win.model.rowCount() <= total


def test_status_filter_combo_resets_the_list(qtbot, demo_db):
    win = _window(qtbot, demo_db)
    assert win.filter_combo.itemText(0).startswith("全部")
    assert win.filter_combo.count() == 1 + len(Status)
    by_status = compute_stats(demo_db)["cases"]["by_status"]
    busy = max(by_status, key=by_status.get)
    with qtbot.waitSignal(win.model.modelReset, timeout=2000):
        win.filter_combo.setCurrentIndex(win.filter_combo.findData(busy))
    assert win.model.case_filter == CaseFilter(status=busy)
    assert win.model.total == by_status[busy]
    assert not win.empty_state_visible()

    empty = [s for s, n in by_status.items() if n == 0]
    if empty:
        win.set_status_filter(empty[0])
        assert win.empty_state_visible()
        assert "没有状态为" in win.empty_label.text()
    win.set_status_filter(None)
    assert win.model.total == count_cases(demo_db, CaseFilter())


def test_filter_combo_can_be_driven_by_keyboard(qtbot, demo_db):
    win = _window(qtbot, demo_db)
    win.focus_filter()
    qtbot.keyClick(win.filter_combo, Qt.Key.Key_Down)
    assert win.model.case_filter.status == win.filter_combo.itemData(1) == Status.REGISTERED.value


def test_shortcuts(qtbot, db):
    win = _window(qtbot, db)
    assert win.find_action.shortcut().toString() == "Ctrl+F"
    assert win.refresh_action.shortcut().toString() == "F5"
    win.activateWindow()
    win.table.setFocus()
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    if QApplication.focusWidget() is not win.filter_combo:  # some platforms deliver shortcuts only when active
        win.find_action.trigger()
    assert win.focusWidget() is win.filter_combo  # the window's focus child, whether or not it is active
    with qtbot.waitSignal(win.model.modelReset, timeout=2000):
        win.refresh_action.trigger()


def test_refresh_shows_new_cases(qtbot, empty_db):
    from liaison_desk.services.demo import generate_demo

    win = _window(qtbot, empty_db)
    assert win.empty_state_visible()
    generate_demo(empty_db, visits=60, seed=5)
    win.refresh()
    assert not win.empty_state_visible()
    assert win.model.total == count_cases(empty_db, CaseFilter()) > 0
    assert win.cards["total"].value.text() == f"{win.model.total:,}"


def test_about_shows_the_version_and_the_font_licence(qtbot, db, monkeypatch):
    win = _window(qtbot, db)
    shown = {}
    monkeypatch.setattr("liaison_desk.ui.main_window.QMessageBox.about",
                        lambda parent, title, text: shown.update(title=title, text=text))
    assert [a.text() for a in win.help_menu.actions()] == ["关于联络站值班台(&A)"]
    win.about_action.trigger()
    assert __version__ in shown["text"] and "关于" in shown["title"]
    assert "OFL" in shown["text"] or "开源字体许可证" in shown["text"]


@pytest.mark.parametrize("widget", ["filter_combo", "refresh_button", "table"])
def test_widgets_have_chinese_accessible_names(qtbot, db, widget):
    win = _window(qtbot, db)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in getattr(win, widget).accessibleName())
