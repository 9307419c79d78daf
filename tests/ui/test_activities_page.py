"""活动登记 (issue 13, item 7): deputy activities are entered at the desk, and the record book and scores count
them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from liaison_desk.domain.timeutil import local_today
from liaison_desk.services.duty.activities import ActivityInput, list_activities, record_activity
from liaison_desk.services.duty.deputies import list_deputy_records
from liaison_desk.services.duty.record import deputy_year
from liaison_desk.services.duty.scores import deputy_year_score
from liaison_desk.ui.activities_page import ActivitiesPage, ActivityTableModel
from liaison_desk.ui.activity_dialog import ActivityDialog
from liaison_desk.ui.main_window import MainWindow
from liaison_desk.ui.station_work_tab import StationWorkTab

from .conftest import DEPUTY_NAME
from .helpers import type_text


def _deputy_id(db) -> str:
    return next(d.id for d in list_deputy_records(db) if d.name == DEPUTY_NAME)


def _page(qtbot, session) -> ActivitiesPage:
    page = ActivitiesPage(session)
    qtbot.addWidget(page)
    page.resize(1300, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def _save(qtbot, dialog: ActivityDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_a_household_visit_recorded_at_the_desk_counts_in_the_record_book_and_the_score(qtbot, admin_session):
    """The journey: 站务 → 活动登记 → 登记活动, 走访选民 with 12 households for the deputy; the year counts it."""
    db = admin_session.db
    deputy = _deputy_id(db)
    year = local_today().year
    before = deputy_year(db, deputy, year)
    score_before = deputy_year_score(db, deputy, year).total
    assert before.counts.get("households", 0) == 0

    win = MainWindow(db, session=admin_session, idle_ms=0)
    qtbot.addWidget(win)
    win.show()
    tab = win.tabs.findChild(StationWorkTab, "stationWorkTab")
    win.tabs.setCurrentWidget(tab)
    page = tab.section("活动登记")
    assert isinstance(page, ActivitiesPage)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.kind_combo.currentData() is None and dialog.kind_combo.currentText() == "（请选择）"
    assert not dialog.households_edit.isVisibleTo(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("household_visits"))
    assert dialog.households_edit.isVisibleTo(dialog)
    type_text(qtbot, dialog.title_edit, "走访河口村困难户")
    type_text(qtbot, dialog.place_edit, "河口村")
    type_text(qtbot, dialog.households_edit, "12")
    type_text(qtbot, dialog.search_edit, DEPUTY_NAME[:1])
    dialog.check_deputy(DEPUTY_NAME)
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)

    assert page.model.rowCount() == 1
    row = page.model.activity_at(0)
    assert row.households == 12 and row.kind == "household_visits"
    assert page.model.index(0, 0).data().endswith("）")  # the weekday beside the date
    after = deputy_year(db, deputy, year)
    assert after.counts["households"] == 12
    assert after.activities == {"走访选民": 1}
    assert deputy_year_score(db, deputy, year).total > score_before


def test_enter_on_the_untouched_dialog_records_nothing_and_says_what_is_missing(qtbot, admin_session):
    page = _page(qtbot, admin_session)
    dialog = page.new_activity()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors.text("kind") == "请选择活动类型。"
    today = local_today()
    assert list_activities(admin_session.db, today - dt.timedelta(days=400), today + dt.timedelta(days=400)) == []


def test_household_visits_need_the_households_and_errors_sit_at_their_fields(qtbot, admin_session):
    page = _page(qtbot, admin_session)
    dialog = page.new_activity()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("household_visits"))
    type_text(qtbot, dialog.title_edit, "走访")
    dialog.check_deputy(DEPUTY_NAME)
    _save(qtbot, dialog)
    assert dialog.isVisible() and "走访户数" in dialog.errors.text("households")
    type_text(qtbot, dialog.households_edit, "十二")
    _save(qtbot, dialog)
    assert dialog.isVisible() and "整数" in dialog.errors.text("households")
    assert dialog.title_edit.text() == "走访"  # nothing typed is lost
    dialog.households_edit.setText("12")
    dialog.check_deputy(DEPUTY_NAME, False)
    _save(qtbot, dialog)
    assert dialog.isVisible() and "至少选择一位" in dialog.errors.text("deputy_ids")
    # another kind: the households are not asked and not sent
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("inspection"))
    assert not dialog.households_edit.isVisibleTo(dialog)
    dialog.check_deputy(DEPUTY_NAME)
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert page.model.activity_at(0).households is None and page.model.activity_at(0).kind_zh == "视察"


def test_an_activity_is_corrected_and_withdrawn_after_a_confirmation_that_defaults_to_no(qtbot, admin_session):
    db = admin_session.db
    deputy = _deputy_id(db)
    today = local_today()
    record_activity(db, admin_session.actor, ActivityInput("symposium", "与水利局座谈", today, (deputy,), "站里"))
    page = _page(qtbot, admin_session)
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    dialog = page.edit_activity()
    assert dialog is not None and dialog.kind() == "symposium" and dialog.chosen_ids() == (deputy,)
    dialog.title_edit.setText("与县水利局座谈灌溉问题")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert page.model.activity_at(0).title == "与县水利局座谈灌溉问题"

    page.table.selectRow(0)
    box = page.cancel_activity()
    assert box is not None and box.defaultButton().text() == "不撤销"
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter keeps it
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    box = page.cancel_activity()
    yes = next(b for b in box.buttons() if b.text() == "撤销这次活动")
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    assert deputy_year(db, deputy, today.year).activities == {}


def test_the_list_is_filtered_by_month(qtbot, admin_session):
    db = admin_session.db
    deputy = _deputy_id(db)
    today = local_today()
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    record_activity(db, admin_session.actor, ActivityInput("training", "代表培训", last_month, (deputy,)))
    page = _page(qtbot, admin_session)
    assert page.model.rowCount() == 0 and "还没有登记活动" in page.summary.text()
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    assert page.month() == (last_month.year, last_month.month)
    assert page.model.rowCount() == 1 and page.model.activity_at(0).title == "代表培训"
    assert "1 次活动" in page.summary.text()


def test_a_duty_deputy_records_an_activity_but_does_not_correct_or_withdraw(qtbot, deputy_session):
    page = _page(qtbot, deputy_session)
    assert page.new_button.isVisible()
    assert not page.edit_button.isVisible() and not page.cancel_button.isVisible()
    dialog = page.new_activity()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("report_to_voters"))
    type_text(qtbot, dialog.title_edit, "向选民述职")
    dialog.check_deputy(DEPUTY_NAME)
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert page.model.rowCount() == 1


def test_a_suggestion_asks_for_its_outcome_only(qtbot, admin_session):
    page = _page(qtbot, admin_session)
    dialog = page.new_activity()
    assert not dialog.outcome_combo.isVisibleTo(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("suggestion"))
    assert dialog.outcome_combo.isVisibleTo(dialog) and dialog.outcome_combo.currentData() is None
    type_text(qtbot, dialog.title_edit, "关于修缮村道的建议")
    dialog.check_deputy(DEPUTY_NAME)
    _save(qtbot, dialog)  # the outcome is said, never assumed
    assert dialog.isVisible() and "办理中" in dialog.errors.text("outcome")
    dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findData("adopted"))
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert page.model.activity_at(0).outcome == "adopted"


def test_the_activity_model(qtmodeltester, admin_session):
    db = admin_session.db
    deputy = _deputy_id(db)
    today = local_today()
    rows = [record_activity(db, admin_session.actor, ActivityInput("household_visits", "走访", today, (deputy,),
                                                                   households=5)),
            record_activity(db, admin_session.actor, ActivityInput("inspection", "视察", today, (deputy,)))]
    model = ActivityTableModel(rows)
    qtmodeltester.check(model)
    assert model.index(0, 5).data() == "5" and model.index(1, 5).data() == ""


@pytest.mark.parametrize("large", [False, True])
def test_the_dialog_fits_the_station_screen(qtbot, admin_session, qapp, large):
    from liaison_desk.ui import appearance

    font = qapp.font()
    try:
        if large:
            f = qapp.font()
            f.setPointSize(appearance.LARGE_POINT_SIZE)
            qapp.setFont(f)
        page = _page(qtbot, admin_session)
        dialog = page.new_activity()
        qtbot.waitExposed(dialog)
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("household_visits"))
        QApplication.processEvents()
        hint = dialog.sizeHint()
        assert hint.width() <= 1366 and hint.height() <= 728 - 30, hint
        dialog.grab().save(f"/tmp/activity_dialog{'_large' if large else ''}.png")
    finally:
        qapp.setFont(font)


def test_correcting_the_participants_moves_the_count_from_one_deputy_to_another(admin_session):
    from liaison_desk.services.duty.activities import update_activity
    from liaison_desk.services.duty.deputies import DeputyInput, create_deputy

    db, actor = admin_session.db, admin_session.actor
    first = _deputy_id(db)
    second = create_deputy(db, actor, DeputyInput("张国庆", level="county")).id
    today = local_today()
    a = record_activity(db, actor, ActivityInput("household_visits", "走访", today, (first,), households=12))
    a = update_activity(db, actor, a.id, ActivityInput("household_visits", "走访", today, (second,), households=10))
    assert [d for d, _ in a.participants] == [second]
    assert deputy_year(db, first, today.year).counts.get("households", 0) == 0
    assert deputy_year(db, second, today.year).counts["households"] == 10
    a = update_activity(db, actor, a.id, ActivityInput("household_visits", "走访", today, (first, second), households=10))
    assert {d for d, _ in a.participants} == {first, second}  # the first one's participation came back
    assert deputy_year(db, first, today.year).counts["households"] == 10


def test_a_deputy_who_left_office_stays_on_an_activity_they_took_part_in(qtbot, admin_session):
    from liaison_desk.services.duty.deputies import DeputyInput, create_deputy, end_term

    db, actor = admin_session.db, admin_session.actor
    today = local_today()
    gone = create_deputy(db, actor, DeputyInput("张国庆", level="county")).id
    record_activity(db, actor, ActivityInput("inspection", "视察", today, (gone,)))
    end_term(db, actor, gone, today - dt.timedelta(days=1))
    page = _page(qtbot, admin_session)
    page.table.selectRow(0)
    dialog = page.edit_activity()
    assert dialog.chosen_ids() == (gone,)
    new = page.new_activity()
    assert "张国庆" not in [i.text() for i in new.items()]  # a new activity lists deputies in office only
