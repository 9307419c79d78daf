"""回访回电 (issue 13, item 3): the list of whom to call today, with the full number, and one key per outcome on
the selected row: 1 打通, 2 未接 (没联系上: moved to the next working day), 3 满意, 4 基本满意, 5 不满意 (the key is
the choice: nothing is pre-chosen), 6 改期; Enter opens the case."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import EventKind
from liaison_desk.services.admin.stats import compute_stats
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, get_case, register_visit
from liaison_desk.services.desk.workdays import work_calendar
from liaison_desk.ui.callbacks_page import CallbackModel, CallbacksPage

PHONE = "13812345678"


def _case(session, name="张秀英"):
    return register_visit(session.db, session.actor, VisitInput(name, visitor_phone=PHONE, village="柳树湾村"),
                          CaseInput("村东头灌溉渠堵了两个月，希望尽快疏通。")).case_id


def _promised_today(session):
    case_id = _case(session)
    act_on_case(session.db, session.actor, case_id, EventKind.PROMISE_CALLBACK,
                {"callback_due": local_today().isoformat(), "text": "告诉她水利局哪天来"})
    return case_id


def _replied(session, name="刘大妈"):
    case_id = _case(session, name)
    for kind in (EventKind.ACCEPT, EventKind.START):
        act_on_case(session.db, session.actor, case_id, kind)
    act_on_case(session.db, session.actor, case_id, EventKind.REPLY, {"resolution": "solved", "text": "已疏通"})
    return case_id


def _page(qtbot, session) -> CallbacksPage:
    page = CallbacksPage(lambda: session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.loaded)
    return page


def _select(qtbot, page, case_id) -> int:
    row = next(i for i in range(page.model.rowCount()) if page.model.row_at(i).case_id == case_id)
    page.table.setCurrentIndex(page.model.index(row, 0))
    page.table.setFocus()
    return row


def test_the_model_contract(qtmodeltester, admin_session):
    from liaison_desk.services.cases.callbacks import callback_worklist

    _promised_today(admin_session)
    _replied(admin_session)
    model = CallbackModel()
    qtmodeltester.check(model)
    model.set_rows(callback_worklist(admin_session.db).rows)
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_a_call_back_due_today_appears_with_the_number_to_call(qtbot, admin_session):
    case_id = _promised_today(admin_session)
    page = _page(qtbot, admin_session)
    row = _select(qtbot, page, case_id)
    cells = [page.model.index(row, c).data() for c in range(page.model.columnCount())]
    text = " ".join(cells)
    assert "张秀英" in text and PHONE in text and "告诉她水利局哪天来" in text
    assert "今天" in text and "星期" in text
    assert get_case(admin_session.db, case_id).number in text


def test_an_overdue_call_back_says_so_in_words(qtbot, admin_session):
    from sqlalchemy import update

    from liaison_desk.db.models import Case

    case_id = _promised_today(admin_session)
    with admin_session.db.session() as s:
        s.execute(update(Case).where(Case.id == case_id).values(callback_due=local_today() - dt.timedelta(days=3)))
    page = _page(qtbot, admin_session)
    row = _select(qtbot, page, case_id)
    assert "超期3天" in " ".join(page.model.index(row, c).data() for c in range(page.model.columnCount()))


def test_pressing_2_records_not_reached_and_moves_the_call_to_the_next_working_day(qtbot, admin_session):
    case_id = _promised_today(admin_session)
    page = _page(qtbot, admin_session)
    _select(qtbot, page, case_id)
    qtbot.keyClick(page.table, Qt.Key.Key_2)
    expected = work_calendar(admin_session.db).next_working_day(local_today())
    qtbot.waitUntil(lambda: get_case(admin_session.db, case_id).callback_due == expected)
    view = get_case(admin_session.db, case_id)
    assert view.status == "registered" and view.satisfaction is None
    qtbot.waitUntil(lambda: any(page.model.row_at(i).due == expected for i in range(page.model.rowCount())))
    assert "未接" in page.message.text()


def test_pressing_3_on_a_replied_case_records_a_satisfied_follow_up(qtbot, admin_session):
    case_id = _replied(admin_session)
    before = compute_stats(admin_session.db)["rates"]["satisfaction_rate"]
    page = _page(qtbot, admin_session)
    _select(qtbot, page, case_id)
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: get_case(admin_session.db, case_id).status == "followed_up")
    assert get_case(admin_session.db, case_id).satisfaction == "satisfied"
    stats = compute_stats(admin_session.db)
    assert before is None and stats["rates"]["satisfaction_rate"] == 100.0 and stats["cases"]["rated"] == 1
    qtbot.waitUntil(lambda: case_id not in {page.model.row_at(i).case_id for i in range(page.model.rowCount())})


def test_an_answer_key_on_a_case_not_yet_replied_records_nothing_and_says_why(qtbot, admin_session):
    case_id = _promised_today(admin_session)
    page = _page(qtbot, admin_session)
    _select(qtbot, page, case_id)
    qtbot.keyClick(page.table, Qt.Key.Key_5)
    qtbot.waitUntil(page.error.isVisible)
    assert "回访" in page.error.text()
    assert get_case(admin_session.db, case_id).satisfaction is None


def test_key_1_opens_the_follow_up_with_nothing_chosen_and_enter_opens_the_case(qtbot, admin_session):
    case_id = _replied(admin_session)
    page = _page(qtbot, admin_session)
    _select(qtbot, page, case_id)
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    dlg = page.action_dialog
    assert dlg is not None and dlg.kind is EventKind.FOLLOW_UP
    assert dlg.inputs["satisfaction"].currentData() is None  # the villager's answer is still to be chosen
    assert PHONE in dlg.callee.text()
    dlg.reject()
    with qtbot.waitSignal(page.open_case) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args[0] == case_id


def test_it_follows_the_desk_changes(qtbot, admin_session):
    from dataclasses import replace

    from liaison_desk.services.changes import case_changed
    from liaison_desk.ui.session import DeskSignals

    session = replace(admin_session, signals=DeskSignals())
    page = _page(qtbot, session)
    assert page.model.rowCount() == 0
    case_id = _promised_today(session)
    session.publish(case_changed(case_id))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)


@pytest.mark.parametrize("large", [False, True])
def test_the_page_fits_the_station_screen(qtbot, admin_session, large):
    from liaison_desk.ui.appearance import FONT_POINT_SIZE

    _promised_today(admin_session)
    page = CallbacksPage(lambda: admin_session)
    qtbot.addWidget(page)
    if large:
        font = page.font()
        font.setPointSize(round(FONT_POINT_SIZE * 1.4))
        page.setFont(font)
    hint = page.minimumSizeHint()
    assert hint.width() <= 1300 and hint.height() <= 560


def test_the_desk_has_the_tab_and_a_case_opens_from_it(qtbot, deputy_session):
    from liaison_desk.ui.main_window import MainWindow

    case_id = _promised_today(deputy_session)
    win = MainWindow(deputy_session.db, session=deputy_session, idle_ms=0)
    qtbot.addWidget(win)
    win.show()
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert "回访回电" in titles
    page = win.tabs.widget(titles.index("回访回电"))
    assert isinstance(page, CallbacksPage) and not page.loaded  # read only when first shown
    win.tabs.setCurrentIndex(titles.index("回访回电"))
    qtbot.waitUntil(lambda: page.loaded and page.model.rowCount() == 1)
    _select(qtbot, page, case_id)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(p.case_id == case_id for p in win.case_pages))
    qtbot.keyClick(page.table, Qt.Key.Key_2)  # the desk's signal reloads the list
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).attempts == 1)
    for p in list(win.case_pages):
        p.close()


def test_key_1_on_a_promised_call_records_the_call_without_a_new_date(qtbot, admin_session):
    case_id = _promised_today(admin_session)
    page = _page(qtbot, admin_session)
    _select(qtbot, page, case_id)
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    dlg = page.action_dialog
    assert dlg.kind is EventKind.CALL_ATTEMPT and dlg.inputs["outcome"].currentData() == "reached"
    assert not dlg.inputs["callback_due"].isEnabled()  # got through: no next date to set
    dlg.inputs["text"].setPlainText("已告知水利局周四来")
    assert dlg.submit()
    assert get_case(admin_session.db, case_id).callback_due is None
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)


def test_an_answer_from_the_tab_moves_the_desk_satisfaction_card(qtbot, admin_session):
    """The journey of issue 13: 3 on a replied case, and the figures strip's 满意率 follows (an unreached villager,
    2, does not move it)."""
    from liaison_desk.ui.main_window import MainWindow

    answered, unreached = _replied(admin_session), _replied(admin_session, "赵叔")
    win = MainWindow(admin_session.db, session=admin_session, idle_ms=0)
    qtbot.addWidget(win)
    win.show()
    card = win.figures.cards["satisfaction_rate"]
    qtbot.waitUntil(lambda: win.figures.stats is not None)
    assert card.value.text() == "—"
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    win.tabs.setCurrentIndex(titles.index("回访回电"))
    page = win.tabs.currentWidget()
    qtbot.waitUntil(lambda: page.loaded and page.model.rowCount() == 2)
    _select(qtbot, page, unreached)
    qtbot.keyClick(page.table, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: get_case(admin_session.db, unreached).callback_due is not None)
    _select(qtbot, page, answered)
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: card.value.text().startswith("100"), timeout=10000)


def test_f5_reads_the_list_again(qtbot, admin_session):
    from liaison_desk.ui.main_window import MainWindow

    win = MainWindow(admin_session.db, session=admin_session, idle_ms=0)
    qtbot.addWidget(win)
    win.show()
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    win.tabs.setCurrentIndex(titles.index("回访回电"))
    page = win.tabs.currentWidget()
    qtbot.waitUntil(lambda: page.loaded)
    assert page.model.rowCount() == 0
    _promised_today(admin_session)  # written elsewhere (another window's service call, nothing published)
    win.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)


def test_after_an_answer_nobody_else_is_chosen_for_the_user(qtbot, admin_session):
    """A key pressed twice must not answer for the next villager on the list, who was never called."""
    first, second = _replied(admin_session), _replied(admin_session, "赵叔")
    page = _page(qtbot, admin_session)
    assert not page.table.currentIndex().isValid()  # nothing pre-chosen when the list opens
    _select(qtbot, page, first)
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    assert get_case(admin_session.db, second).satisfaction is None
    assert "选中" in page.error.text()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # Down chooses the first row
    assert page.table.currentIndex().isValid() and page.model.row_at(page.table.currentIndex().row()).case_id == second
