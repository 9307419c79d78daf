"""The lazily loaded case table model: Qt's model contract, paging, filtering and cell contents."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from liaison_desk.domain.workflow import STATUS_LABELS, Status
from liaison_desk.services.cases.listing import CaseFilter, count_cases
from liaison_desk.ui.case_table_model import (
    CASE_ID_ROLE,
    COL_DEADLINE,
    COL_NUMBER,
    COL_STATUS,
    COL_TRIAGE,
    COLUMNS,
    PAGE_SIZE,
    CaseTableModel,
)

HEADERS = ["编号", "登记日期", "摘要", "类别", "村（社区）", "分办颜色", "状态", "承办单位", "办理期限"]


def _fetch_all(model: CaseTableModel) -> list[int]:
    """Fetch page after page as a scrolling view would; returns rowCount after each fetch."""
    seen = [model.rowCount()]
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        seen.append(model.rowCount())
    return seen


def test_model_contract_on_a_database_without_a_station(qtmodeltester, empty_db):
    model = CaseTableModel(empty_db)
    qtmodeltester.check(model)
    assert model.rowCount() == 0 and model.total == 0
    assert not model.canFetchMore(QModelIndex())


def test_model_contract_on_a_station_without_cases(qtmodeltester, db):
    model = CaseTableModel(db)
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert model.columnCount() == len(COLUMNS) == len(HEADERS)


def test_model_contract_with_demo_data(qtmodeltester, demo_db):
    model = CaseTableModel(demo_db, page_size=40)  # several pages even in the small demo
    qtmodeltester.check(model)
    _fetch_all(model)
    qtmodeltester.check(model)


def test_headers_are_chinese(demo_db):
    model = CaseTableModel(demo_db)
    got = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) for c in range(len(COLUMNS))]
    assert got == HEADERS


def test_first_page_only_then_grows_with_fetch_more(demo_db):
    total = count_cases(demo_db, CaseFilter())
    assert total > 0
    model = CaseTableModel(demo_db)
    assert model.total == total
    assert model.rowCount() == min(PAGE_SIZE, total)

    small = CaseTableModel(demo_db, page_size=25)
    assert small.rowCount() == min(25, total)
    counts = _fetch_all(small)
    assert counts == sorted(counts)  # grows monotonically
    assert all(b - a <= 25 for a, b in itertools.pairwise(counts))
    assert max(counts) == total == small.loaded
    assert not small.canFetchMore(QModelIndex())
    small.fetchMore(QModelIndex())  # a stray call once everything is loaded does nothing
    assert small.rowCount() == total
    numbers = [small.case_at(r).number for r in range(total)]
    assert len(set(numbers)) == total  # pages neither overlap nor skip


def test_fetch_more_announces_inserted_rows(qtbot, demo_db):
    model = CaseTableModel(demo_db, page_size=10)
    if model.total <= 10:
        pytest.skip("demo data too small for two pages")
    with qtbot.waitSignal(model.rowsInserted, timeout=1000) as blocker:
        model.fetchMore(QModelIndex())
    _parent, first, last = blocker.args
    assert (first, last) == (10, min(19, model.total - 1))


def test_rows_are_newest_first(demo_db):
    model = CaseTableModel(demo_db)
    times = [model.case_at(r).registered_at for r in range(model.rowCount())]
    assert times == sorted(times, reverse=True)


def test_status_filter_resets_to_matching_rows(qtbot, demo_db):
    model = CaseTableModel(demo_db, page_size=50)
    seen_any = False
    for status in Status:
        expected = count_cases(demo_db, CaseFilter(status=status.value))
        with qtbot.waitSignal(model.modelReset, timeout=1000):
            model.set_filter(CaseFilter(status=status.value))
        assert model.total == expected
        _fetch_all(model)
        assert model.rowCount() == expected
        label = STATUS_LABELS[status][0]
        assert all(model.index(r, COL_STATUS).data() == label for r in range(model.rowCount()))
        seen_any = seen_any or expected > 0
    assert seen_any
    model.set_filter(CaseFilter())
    assert model.total == count_cases(demo_db, CaseFilter())


def test_cells_show_chinese_labels_and_triage_swatches(demo_db):
    model = CaseTableModel(demo_db)
    assert model.rowCount() > 0
    for r in range(model.rowCount()):
        triage = model.index(r, COL_TRIAGE)
        assert triage.data() in {"绿", "蓝", "黄", "红"}
        assert isinstance(triage.data(Qt.ItemDataRole.DecorationRole), QColor)
        assert "：" in triage.data(Qt.ItemDataRole.ToolTipRole)  # the full meaning, e.g. 红色：县级重点督办
        assert model.index(r, COL_STATUS).data() in {zh for zh, _ in STATUS_LABELS.values()}
        assert model.index(r, COL_NUMBER).data() == model.case_at(r).number
        assert model.index(r, 0).data(CASE_ID_ROLE) == str(model.case_at(r).id)
        deadline = model.case_at(r).deadline
        shown = (deadline.isoformat() if deadline else "") + (" 已超期" if model.overdue_row(r) else "")
        assert model.index(r, COL_DEADLINE).data() == shown


def test_an_overdue_deadline_is_said_in_words_not_only_in_red(demo_db):
    """Issue 20: red alone does not reach a colour-blind deputy or a black-and-white printout."""
    model = CaseTableModel(demo_db, CaseFilter(overdue=True))
    assert model.rowCount() > 0
    for r in range(model.rowCount()):
        cell = model.index(r, COL_DEADLINE)
        assert model.overdue_row(r)
        assert "已超期" in cell.data() and "已超期" in cell.data(Qt.ItemDataRole.AccessibleTextRole)
        assert cell.data().startswith(model.case_at(r).deadline.isoformat())
    on_time = CaseTableModel(demo_db)
    assert not any("已超期" in on_time.index(r, COL_DEADLINE).data()
                   for r in range(on_time.rowCount()) if not on_time.overdue_row(r))


def test_refresh_picks_up_the_current_count(demo_db):
    model = CaseTableModel(demo_db, page_size=20)
    _fetch_all(model)
    model.refresh()
    assert model.rowCount() == min(20, model.total)


def test_a_long_list_paints_before_it_is_counted(qtbot, qtmodeltester, demo_db):
    """Beyond the count cap the first page shows at once and the exact total arrives from a pool thread."""
    total = count_cases(demo_db, CaseFilter())
    model = CaseTableModel(demo_db, page_size=40, count_cap=50)
    assert total > 50
    if not model.total_known:  # the pool may already have answered on a fast machine
        assert model.total == 50 and model.canFetchMore(QModelIndex())
        with qtbot.waitSignal(model.counted, timeout=10_000):
            pass
    assert model.total_known and model.total == total
    seen = _fetch_all(model)
    assert seen[-1] == total
    qtmodeltester.check(model)


def test_fetching_continues_while_the_count_is_unknown(qtbot, demo_db):
    model = CaseTableModel(demo_db, page_size=40, count_cap=50)
    with qtbot.waitSignal(model.counted, timeout=10_000, raising=False):
        model.fetchMore(QModelIndex())  # pages come by key whether or not the count is back
    assert model.rowCount() == 80
