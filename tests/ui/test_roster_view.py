"""The roster calendar: the month's plan against sign-ins, paging, errors shown in the widget, model checks."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from liaison_desk.domain.roster import DutyPattern
from liaison_desk.services.context import SYSTEM_ADMIN
from liaison_desk.services.duty import roster as R
from liaison_desk.ui.roster_view import (
    COLOURS,
    DATE_ROLE,
    ENTRIES_ROLE,
    OFF_DAY,
    RosterMonthModel,
    RosterView,
)
from tests.duty.helpers import make_deputies, sign_shift

TODAY = dt.date(2026, 12, 10)


@pytest.fixture
def planned(db):
    deps = make_deputies(db, 3)
    R.set_duty_pattern(db, SYSTEM_ADMIN, DutyPattern(frozenset({2}), ("am", "pm")))
    plan = R.generate_and_save(db, SYSTEM_ADMIN, dt.date(2026, 12, 1), dt.date(2026, 12, 31),
                               today=dt.date(2026, 11, 30))
    return db, deps, plan


def test_model_passes_qt_model_tester(qtmodeltester, planned):
    db, _, _ = planned
    model = RosterMonthModel()
    model.set_month(R.roster_month(db, 2026, 12, today=TODAY))
    qtmodeltester.check(model, force_py=True)
    model.set_month(None)
    qtmodeltester.check(model, force_py=True)


def test_calendar_shows_plan_against_actual(qtbot, planned):
    db, _, plan = planned
    first, second = plan.roster.assignments[:2]  # Wednesday 2 December, morning and afternoon
    sign_shift(db, first.deputy_id, first.date, first.slot)
    view = RosterView(db, today=TODAY)
    qtbot.addWidget(view)
    assert (view.year, view.month) == (2026, 12) and "2026年12月" in view.title.text()
    m = view.model
    assert (m.rowCount(), m.columnCount()) == (5, 7)
    wed = m.index_of(dt.date(2026, 12, 2))
    assert wed.column() == 2 and m.data(wed, DATE_ROLE) == dt.date(2026, 12, 2)
    text = m.data(wed)
    names = plan.names
    assert text.splitlines()[0] == "2"
    assert f"上午 {names[first.deputy_id]}✓" in text and f"下午 {names[second.deputy_id]}✗" in text
    assert m.data(wed, Qt.ItemDataRole.BackgroundRole) == COLOURS["missed"]
    assert "缺勤" in m.data(wed, Qt.ItemDataRole.ToolTipRole) and "已到岗" in m.data(wed, Qt.ItemDataRole.ToolTipRole)
    assert len(m.data(wed, ENTRIES_ROLE)) == 2
    thursday = m.index_of(dt.date(2026, 12, 3))
    assert m.data(thursday, Qt.ItemDataRole.BackgroundRole) == OFF_DAY and m.data(thursday) == "3\n休息"
    assert not m.flags(m.index(0, 0))  # 30 November: outside the month, empty and disabled
    later = m.data(m.index_of(dt.date(2026, 12, 30)))
    assert "✓" not in later and "✗" not in later  # still to come
    assert "本月缺勤 3 班" in view.legend.text()  # 2 Dec pm and both slots of 9 Dec


def test_paging_and_day_activation(qtbot, planned):
    db, _, _ = planned
    view = RosterView(db, today=TODAY)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.monthChanged) as sig:
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert sig.args == [2027, 1] and view.model.month.days[dt.date(2027, 1, 6)] == ()
    qtbot.mouseClick(view.prev_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.prev_button, Qt.MouseButton.LeftButton)
    assert (view.year, view.month) == (2026, 11)
    qtbot.mouseClick(view.today_button, Qt.MouseButton.LeftButton)
    assert (view.year, view.month) == (2026, 12)
    with qtbot.waitSignal(view.dayActivated) as sig:
        view.table.activated.emit(view.model.index_of(dt.date(2026, 12, 9)))
    assert sig.args == [dt.date(2026, 12, 9)]


def test_a_refused_month_is_a_message_not_a_crash(qtbot, planned):
    db, _, _ = planned
    view = RosterView(db, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    view.show_month(1800, 1)
    assert view.model.rowCount() == 0
    qtbot.waitUntil(lambda: view.message.isVisible())
    assert "无效" in view.message.text()


def test_substitution_is_marked_and_refresh_picks_it_up(qtbot, planned):
    db, deps, plan = planned
    view = RosterView(db, today=TODAY)
    qtbot.addWidget(view)
    a = plan.roster.assignments[-1]  # the last Wednesday afternoon
    other = next(d for d in deps if d not in {a.deputy_id, plan.roster.assignments[-2].deputy_id})
    R.substitute(db, SYSTEM_ADMIN, a.date, a.slot, a.deputy_id, other, "生病")
    view.refresh()
    cell = view.model.index_of(a.date)
    assert f"{plan.names[other]}［替班］" in view.model.data(cell)
    assert "［替班］" in view.model.data(cell, Qt.ItemDataRole.ToolTipRole)


# -- issue 20: the calendar is named, and says its non-reception days in words ---------------------------------

def test_the_calendar_table_has_an_accessible_name(qtbot, planned):
    db, _, _ = planned
    view = RosterView(db, today=TODAY)
    qtbot.addWidget(view)
    assert "值班日历" in view.table.accessibleName() and "2026年12月" in view.table.accessibleName()
    view.show_month(2027, 1)
    assert "2027年1月" in view.table.accessibleName()


def test_non_reception_days_are_said_in_words_not_only_grey(qtbot, planned):
    db, _, _ = planned
    view = RosterView(db, today=TODAY)
    qtbot.addWidget(view)
    m = view.model
    thursday = m.index_of(dt.date(2026, 12, 3))
    assert "休息" in m.data(thursday)
    assert "休息" in m.data(thursday, Qt.ItemDataRole.AccessibleTextRole)
    assert "12月3日" in m.data(thursday, Qt.ItemDataRole.AccessibleTextRole)
    assert "灰色" not in view.legend.text()
    view.show_month(2027, 2)  # nothing planned yet; 10 February is in the bundled 春节
    feb10 = m.index_of(dt.date(2027, 2, 10))
    assert "节假日：春节" in m.data(feb10) and "节假日：春节" in m.data(feb10, Qt.ItemDataRole.ToolTipRole)
    assert "未排班" in m.data(m.index_of(dt.date(2027, 2, 17)))  # a reception day with no plan
    assert "休息" in m.data(m.index_of(dt.date(2027, 2, 18)))


def test_a_week_is_never_shorter_than_its_fullest_day(qtbot, planned):
    # In large type on a 768 px screen the stretched weeks cut the afternoon's deputy off; now the calendar
    # scrolls instead.
    db, _, _ = planned
    view = RosterView(db, today=TODAY)
    qtbot.addWidget(view)
    lines = 3  # "2", 上午 …, 下午 …
    assert view.table.verticalHeader().minimumSectionSize() >= view.table.fontMetrics().lineSpacing() * lines
