"""值班安排 on the roster calendar (issue 13 item 7): staff generate a period (preview first, then save), swap
two slots, put a substitute on a slot, and record a deputy's leave, then re-plan or substitute the slots it
touches. Before, all of this was command-line only."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from liaison_desk.domain.roster import DutyPattern
from liaison_desk.domain.workflow import Role
from liaison_desk.services.changes import ROSTER
from liaison_desk.services.context import SYSTEM_ADMIN, Actor
from liaison_desk.services.duty import roster as R
from liaison_desk.services.duty.deputies import DeputyInput, create_deputy
from liaison_desk.ui.roster_dialogs import GenerateRosterDialog, LeaveDialog, SubstituteDialog, SwapDialog
from liaison_desk.ui.roster_view import RosterView
from liaison_desk.ui.session import DeskSession, DeskSignals
from tests.duty.helpers import make_deputies

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def station(db):
    deps = make_deputies(db, 3)
    create_deputy(db, SYSTEM_ADMIN, DeputyInput("钱一", "township", code="N1"))  # no sign-in account
    R.set_duty_pattern(db, SYSTEM_ADMIN, DutyPattern(frozenset({2}), ("am", "pm")))  # Wednesdays
    return db, deps


def session_for(db, role=Role.STAFF, signals=None):
    return DeskSession(db, "zh", None, Actor(role, "李干事"), signals=signals)


def view_for(qtbot, db, role=Role.STAFF, signals=None):
    view = RosterView(db, today=TODAY, session=session_for(db, role, signals))
    qtbot.addWidget(view)
    view.show_month(2026, 12)
    return view


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def set_date(edit, day: dt.date):
    from PySide6.QtCore import QDate

    edit.setDate(QDate(day.year, day.month, day.day))


def choose(combo, data):
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i) == data))


def pick(combo, text: str):
    i = next(i for i in range(combo.count()) if text in combo.itemText(i))
    combo.setCurrentIndex(i)


def test_only_staff_and_administrators_see_the_roster_actions(qtbot, station):
    db, _ = station
    view = view_for(qtbot, db)
    view.show()
    assert view.manage_bar.isVisible()
    assert [a.text() for a in view.context_menu(view.model.index_of(dt.date(2026, 12, 9))).actions()] == \
        ["生成排班…", "调班…", "替班…", "请假…"]
    deputy = view_for(qtbot, db, Role.DUTY_DEPUTY)
    deputy.show()
    assert not deputy.manage_bar.isVisible() and deputy.context_menu(deputy.model.index_of(dt.date(2026, 12, 9))) is None
    nobody = RosterView(db, today=TODAY)
    qtbot.addWidget(nobody)
    nobody.show()
    assert not nobody.manage_bar.isVisible() and nobody.open_generate() is None


def test_generate_previews_first_then_saves_and_says_who_has_no_account(qtbot, station):
    db, _ = station
    signals = DeskSignals()
    view = view_for(qtbot, db, signals=signals)
    dialog = view.open_generate()
    assert isinstance(dialog, GenerateRosterDialog) and dialog.isVisible()
    assert not dialog.save_button.isEnabled() and not dialog.save_button.isDefault()
    assert dialog.preview_button.isDefault()
    set_date(dialog.from_edit, dt.date(2026, 12, 1))
    set_date(dialog.to_edit, dt.date(2026, 12, 31))
    click(qtbot, dialog.preview_button)
    assert R.planned_slots(db, dt.date(2026, 12, 1), dt.date(2026, 12, 31)) == []  # a preview saves nothing
    assert "以下代表没有值班账号，未排班：钱一" in dialog.summary.text()
    assert "钱一" not in dialog.preview_text.toPlainText() and "12月2日" in dialog.preview_text.toPlainText()
    assert dialog.save_button.isEnabled()
    set_date(dialog.to_edit, dt.date(2026, 12, 20))  # changed after the preview: preview again first
    assert not dialog.save_button.isEnabled()
    click(qtbot, dialog.preview_button)
    with qtbot.waitSignal(signals.changed) as sig:
        click(qtbot, dialog.save_button)
    assert ROSTER in sig.args[0].lists and not dialog.isVisible()
    saved = R.planned_slots(db, dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert len(saved) == 6 and max(p.date for p in saved) == dt.date(2026, 12, 16)  # three Wednesdays × 2
    assert "上午" in view.model.data(view.model.index_of(dt.date(2026, 12, 2)))  # the calendar shows the plan


def test_a_bad_period_is_said_at_its_field_and_the_dialog_stays_open(qtbot, station):
    db, _ = station
    view = view_for(qtbot, db)
    dialog = view.open_generate()
    set_date(dialog.from_edit, dt.date(2026, 12, 20))
    set_date(dialog.to_edit, dt.date(2026, 12, 1))
    click(qtbot, dialog.preview_button)
    assert dialog.isVisible() and "结束日期不能早于开始日期" in dialog.errors.text("date_to")
    assert not dialog.save_button.isEnabled()
    assert dialog.to_edit.date().day() == 1  # nothing typed is lost


def test_the_spring_festival_is_said_in_the_preview(qtbot, station):
    db, _ = station
    view = view_for(qtbot, db)
    dialog = view.open_generate()
    set_date(dialog.from_edit, dt.date(2027, 2, 1))
    set_date(dialog.to_edit, dt.date(2027, 2, 28))
    click(qtbot, dialog.preview_button)
    assert "节假日不排班：2月10日（周三）春节" in dialog.summary.text()
    assert "2月10日" not in dialog.preview_text.toPlainText()


@pytest.fixture
def planned(station):
    db, deps = station
    R.generate_and_save(db, SYSTEM_ADMIN, dt.date(2026, 12, 1), dt.date(2026, 12, 31), today=TODAY)
    return db, deps


def test_swap_two_slots(qtbot, planned):
    db, _ = planned
    view = view_for(qtbot, db)
    dialog = view.open_swap()
    assert isinstance(dialog, SwapDialog)
    assert dialog.first_combo.currentData() is None and dialog.second_combo.currentData() is None
    before = R.planned_slots(db, dt.date(2026, 12, 2), dt.date(2026, 12, 9))
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter on the untouched dialog records nothing
    assert dialog.isVisible() and R.planned_slots(db, dt.date(2026, 12, 2), dt.date(2026, 12, 9)) == before
    click(qtbot, dialog.ok_button)  # untouched: nothing recorded, said at the field
    assert dialog.isVisible() and "请选择第一个班次" in dialog.errors.text("first")
    am2 = next(p for p in before if p.date == dt.date(2026, 12, 2) and p.slot == "am")
    other = next(p for p in before if p.deputy_id != am2.deputy_id and p.date == dt.date(2026, 12, 9))
    choose(dialog.first_combo, am2)
    choose(dialog.second_combo, other)
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    after = R.planned_slots(db, dt.date(2026, 12, 2), dt.date(2026, 12, 9))
    assert any(p.date == am2.date and p.slot == "am" and p.deputy_id == other.deputy_id and p.source == "swap"
               for p in after)
    assert "［换班］" in view.model.data(view.model.index_of(dt.date(2026, 12, 2)))


def test_a_refused_swap_stays_open_with_the_reason(qtbot, planned):
    db, _ = planned
    view = view_for(qtbot, db)
    dialog = view.open_swap()
    slots = R.planned_slots(db, dt.date(2026, 12, 2), dt.date(2026, 12, 31))
    a = slots[0]
    same = next(p for p in slots[1:] if p.deputy_id == a.deputy_id)
    choose(dialog.first_combo, a)
    choose(dialog.second_combo, same)
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "两位不同的代表" in dialog.form_error.text()


def test_substitute_from_a_calendar_slot(qtbot, planned):
    db, _ = planned
    view = view_for(qtbot, db)
    view.show()
    slots = R.planned_slots(db, dt.date(2026, 12, 30), dt.date(2026, 12, 30))
    target = slots[-1]
    dialog = view.open_substitute()
    assert isinstance(dialog, SubstituteDialog) and dialog.deputy_combo.currentData() is None
    assert all("钱一" not in dialog.deputy_combo.itemText(i) for i in range(dialog.deputy_combo.count()))
    choose(dialog.slot_combo, target)
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "请选择替班代表" in dialog.errors.text("deputy")
    busy = {p.deputy_id for p in slots}
    free = next(d for d in R.duty_deputies(db) if d.has_account and d.id not in busy)
    pick(dialog.deputy_combo, free.name)
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert f"{free.name}［替班］" in view.model.data(view.model.index_of(dt.date(2026, 12, 30)))


def test_leave_then_replan_the_days_it_touches(qtbot, planned):
    db, _ = planned
    view = view_for(qtbot, db)
    view.table.setCurrentIndex(view.model.index_of(dt.date(2026, 12, 2)))
    dialog = view.open_leave()
    assert isinstance(dialog, LeaveDialog) and dialog.deputy_combo.currentData() is None
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter on the untouched dialog records nothing
    assert dialog.isVisible() and not dialog.after.isVisible()
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "请选择请假的代表" in dialog.errors.text("deputy_id")
    mine = R.planned_slots(db, dt.date(2026, 12, 1), dt.date(2026, 12, 31))[0]
    pick(dialog.deputy_combo, mine.deputy_name)
    set_date(dialog.from_edit, dt.date(2026, 12, 1))
    set_date(dialog.to_edit, dt.date(2026, 12, 16))
    dialog.reason_edit.setText("秋收")
    click(qtbot, dialog.ok_button)
    assert dialog.after.isVisible() and "已排班" in dialog.affected_label.text()
    assert not dialog.ok_button.isEnabled()  # recorded once
    assert dialog.later_button.hasFocus() or not dialog.replan_button.isDefault()
    click(qtbot, dialog.replan_button)
    left = R.planned_slots(db, dt.date(2026, 12, 1), dt.date(2026, 12, 16), mine.deputy_id)
    assert left == [] and "已重新排好" in dialog.affected_label.text()
    assert len(R.planned_slots(db, dt.date(2026, 12, 1), dt.date(2026, 12, 16))) == 6  # every seat filled again


def test_leave_then_substitute_slot_by_slot(qtbot, planned):
    db, _ = planned
    view = view_for(qtbot, db)
    dialog = view.open_leave()
    mine = R.planned_slots(db, dt.date(2026, 12, 1), dt.date(2026, 12, 31))[0]
    pick(dialog.deputy_combo, mine.deputy_name)
    set_date(dialog.from_edit, mine.date)
    set_date(dialog.to_edit, mine.date)
    click(qtbot, dialog.ok_button)
    sub = dialog.substitute_next()
    assert sub.slot_combo.currentData() == mine  # the slot the leave touches, chosen by the user's leave
    free = next(d for d in R.duty_deputies(db) if d.has_account and d.id != mine.deputy_id
                and not R.planned_slots(db, mine.date, mine.date, d.id))
    pick(sub.deputy_combo, free.name)
    click(qtbot, sub.ok_button)
    assert "都已安排替班" in dialog.affected_label.text()
    assert [p.deputy_id for p in R.planned_slots(db, mine.date, mine.date) if p.slot == mine.slot] == [free.id]


def test_a_leave_refused_for_its_dates_is_said_at_the_field(qtbot, planned):
    db, _ = planned
    view = view_for(qtbot, db)
    dialog = view.open_leave()
    pick(dialog.deputy_combo, "张三")
    set_date(dialog.from_edit, dt.date(2026, 12, 20))
    set_date(dialog.to_edit, dt.date(2026, 12, 10))
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.errors.text("date_to") and not dialog.after.isVisible()
    assert dialog.deputy_combo.isEnabled()


def test_the_dialogs_fit_the_station_screen(qtbot, planned):
    db, _ = planned
    view = view_for(qtbot, db)
    for open_ in (view.open_generate, view.open_swap, view.open_substitute, view.open_leave):
        dialog = open_()
        assert dialog.width() <= 1366 and dialog.height() <= 728
        dialog.reject()


def test_in_the_desk_window_staff_get_the_roster_actions_and_a_deputy_does_not(qtbot, admin_session, deputy_session):
    from liaison_desk.ui.main_window import MainWindow

    win = MainWindow(admin_session.db, session=admin_session, idle_ms=0)
    qtbot.addWidget(win)
    win.show()
    win.tabs.setCurrentWidget(win.roster_tab)
    view = win.roster_tab.view
    assert view.manage_bar.isVisibleTo(win) and view.open_generate() is not None
    view.dialog.reject()
    win.set_session(deputy_session)  # another person signs in after the lock
    view.refresh()
    assert not view.manage_bar.isVisibleTo(win) and view.open_generate() is None
