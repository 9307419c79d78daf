"""基础资料 in the 站务 tab (issue 13 item 7): departments, categories, villages and holidays kept from the desk
(before: command line or nothing): list, add, rename, stop using (never delete), and the holiday calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from liaison_desk.domain.workflow import Role
from liaison_desk.services.changes import LOOKUPS, ROSTER
from liaison_desk.services.context import Actor
from liaison_desk.services.desk import lookups
from liaison_desk.services.desk import reference as ref
from liaison_desk.ui.reference_page import HolidaysModel, ReferencePage, RefItemsModel
from liaison_desk.ui.session import DeskSession, DeskSignals
from tests.ui.helpers import type_text

TODAY = dt.date(2026, 12, 7)


@pytest.fixture
def page(qtbot, db):
    signals = DeskSignals()
    session = DeskSession(db, "zh", None, Actor(Role.STAFF, "李干事"), signals=signals)
    lookups.add_department(db, session.actor, "县水利局", "水利局")
    p = ReferencePage(session, today=TODAY)
    qtbot.addWidget(p)
    p.resize(1300, 640)
    p.show()
    return p, signals


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def row_of(section, name):
    return next(r for r in range(section.model.rowCount()) if section.model.row_at(r).name == name)


def test_models_pass_the_qt_model_tester(qtmodeltester, db):
    model = RefItemsModel("department")
    model.set_rows(ref.list_items(db, "category"))
    qtmodeltester.check(model, force_py=True)
    holidays = HolidaysModel()
    holidays.set_rows(ref.list_holidays(db, 2027))
    qtmodeltester.check(holidays, force_py=True)


def test_add_a_department_and_the_form_offers_it(qtbot, page):
    p, signals = page
    s = p.departments
    assert s.model.rowCount() == 1 and s.model.data(s.model.index(0, 1)) == "水利局"
    type_text(qtbot, s.name_edit, "县交通运输局")
    type_text(qtbot, s.detail_edit, "交通局")
    with qtbot.waitSignal(signals.changed) as sig:
        click(qtbot, s.add_button)
    assert LOOKUPS in sig.args[0].lists
    assert "县交通运输局" in {c.name for c in lookups.list_departments(p.session.db)}
    assert s.model.rowCount() == 2 and s.name_edit.text() == "" and "已添加" in s.done_label.text()


def test_a_duplicate_name_is_said_at_the_field_and_kept(qtbot, page):
    p, _ = page
    s = p.departments
    type_text(qtbot, s.name_edit, "县水利局")
    click(qtbot, s.add_button)
    assert "已经在名单中" in s.errors.text("name") and s.name_edit.text() == "县水利局"
    s.name_edit.clear()
    click(qtbot, s.add_button)
    assert s.errors.text("name")  # empty: said, nothing added
    assert s.model.rowCount() == 1


def test_stop_using_a_village_and_bring_it_back(qtbot, page):
    p, _ = page
    s = p.villages
    p.tabs.setCurrentWidget(s)
    type_text(qtbot, s.name_edit, "东山村")
    click(qtbot, s.add_button)
    assert not s.toggle_button.isEnabled()  # nothing selected: nothing to stop
    s.table.selectRow(row_of(s, "东山村"))
    assert s.toggle_button.text() == "停用"
    click(qtbot, s.toggle_button)
    assert "东山村" not in {c.name for c in lookups.list_villages(p.session.db)}
    r = row_of(s, "东山村")
    assert s.model.data(s.model.index(r, 1)) == "已停用" and s.toggle_button.text() == "恢复使用"
    click(qtbot, s.toggle_button)
    assert "东山村" in {c.name for c in lookups.list_villages(p.session.db)}


def test_rename_a_category_in_its_dialog(qtbot, page):
    p, _ = page
    s = p.categories
    first = s.model.row_at(0)
    s.table.selectRow(0)
    dialog = s.open_rename()
    assert dialog.name_edit.text() == first.name
    dialog.name_edit.clear()
    click(qtbot, dialog.save_button)
    assert dialog.isVisible() and dialog.errors.text("name")  # refused at the field, the dialog stays
    type_text(qtbot, dialog.name_edit, "水利灌溉（改）")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert "水利灌溉（改）" in {c.name for c in lookups.list_categories(p.session.db)}
    assert first.id in {c.id for c in lookups.list_categories(p.session.db)}  # the same entry, renamed


def test_holidays_show_the_spring_festival_and_take_a_station_day(qtbot, page):
    p, signals = page
    h = p.holidays
    p.tabs.setCurrentWidget(h)
    h.year_spin.setValue(2027)
    texts = [h.model.data(h.model.index(r, 2)) for r in range(h.model.rowCount())]
    assert "春节" in texts and "春节调休上班" in texts
    assert h.kind_combo.currentData() is None  # nothing decided for the user
    click(qtbot, h.save_button)
    assert "请选择" in h.errors.text("kind")
    h.date_edit.setDate(QDate(2027, 3, 3))
    h.kind_combo.setCurrentIndex(1)  # 放假
    type_text(qtbot, h.name_edit, "村里庙会")
    with qtbot.waitSignal(signals.changed) as sig:
        click(qtbot, h.save_button)
    assert ROSTER in sig.args[0].lists
    r = next(r for r in range(h.model.rowCount()) if h.model.row_at(r).date == dt.date(2027, 3, 3))
    assert h.model.data(h.model.index(r, 3)) == "本站设置"
    h.table.selectRow(r)
    assert h.remove_button.isEnabled()
    click(qtbot, h.remove_button)
    assert dt.date(2027, 3, 3) not in {d.date for d in ref.list_holidays(p.session.db, 2027)}


def test_the_section_is_in_the_station_work_tab_for_staff_only():
    from liaison_desk.ui.station_work_tab import SECTIONS, STAFF_ROLES

    (section,) = [s for s in SECTIONS if s.title == "基础资料"]
    assert section.roles == STAFF_ROLES


def test_the_page_fits_the_station_screen(qtbot, page):
    p, _ = page
    p.resize(1366, 560)  # the 站务 tab's room under the window's header, tabs and status bar
    for section in (p.departments, p.holidays):
        p.tabs.setCurrentWidget(section)
        assert section.minimumSizeHint().height() <= 560 and section.minimumSizeHint().width() <= 1366


def test_staff_open_it_from_the_station_work_tab(qtbot, db):
    from liaison_desk.ui.station_work_tab import StationWorkTab

    tab = StationWorkTab(DeskSession(db, "zh", None, Actor(Role.ADMIN, "管理员")))
    qtbot.addWidget(tab)
    tab.show()
    assert isinstance(tab.section("基础资料"), ReferencePage)
    deputy = StationWorkTab(DeskSession(db, "zh", None, Actor(Role.DUTY_DEPUTY, "王𠮷明")))
    qtbot.addWidget(deputy)
    assert "基础资料" not in [s.title for s in deputy.visible_sections]
